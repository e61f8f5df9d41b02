// 3. Memory: peak RSS of a fresh process pulling 100k and 1M enrollments into a null sink, with the
// client's defaults (page size 1,000, concurrency 4), de-duplication on (the default) and off, and
// the hand-written fetch + JSON.parse loop as the same-run baseline of what the runtime itself does.
// A process's peak depends on where the pull ends in the garbage collector's cycle (V8 lets the heap
// grow to several times the live data before a full collection), so each figure is the median of
// several fresh processes; the live heap after a forced collection shows what the pull itself keeps.
import { median, runChild } from '../lib.mjs';
import { fmt } from './pull-throughput.mjs';

/** Targets: the larger pull's peak within this factor of the smaller's, and under the ceiling. */
const MAX_GROWTH = 1.2;
const MAX_PEAK_RSS_MB = 300;

const VARIANTS = [
  { name: 'dedupe', puller: 'sdk', dedupe: true, label: 'SDK, dedupe on (default)', target: true },
  { name: 'no-dedupe', puller: 'sdk', dedupe: false, label: 'SDK, `dedupe: false`', target: true },
  {
    name: 'fetch',
    puller: 'fetch',
    dedupe: false,
    label: 'fetch + JSON.parse loop (baseline)',
    target: false,
  },
];

export async function memory({ quick, log, largest }) {
  const sizes = quick ? [20_000, 200_000] : [100_000, 1_000_000];
  const runs = quick ? 1 : 3;
  const pull = (variant, records, extra = {}) =>
    runChild(
      'pull-child.mjs',
      {
        baseUrl: largest.baseUrl,
        token: largest.bearerToken,
        collection: 'enrollments',
        pageSize: 1_000,
        concurrency: 4,
        records,
        dedupe: variant.dedupe,
        puller: variant.puller,
        ...extra,
      },
      extra.liveHeapAt ? { execArgv: ['--expose-gc'] } : {},
    );
  const rows = [];
  const figures = {};
  for (const variant of VARIANTS) {
    const peaks = [];
    for (const records of sizes) {
      const results = [];
      for (let run = 0; run < runs; run++) {
        const result = await pull(variant, records);
        if (result.error) throw new Error(result.error);
        results.push(result);
        log(
          `memory ${variant.name} ${fmt(records)}: peak ${result.peakRssMb.toFixed(0)} MB (start ${result.startRssMb.toFixed(0)} MB), ${fmt((result.records / result.ms) * 1000)} records/s`,
        );
      }
      const peak = median(results.map((result) => result.peakRssMb));
      peaks.push(peak);
      figures[`${variant.name}@${records}`] = {
        peakRssMb: peak,
        peaksRssMb: results.map((result) => result.peakRssMb),
        startRssMb: median(results.map((result) => result.startRssMb)),
        recordsPerSecond: median(results.map((result) => (result.records / result.ms) * 1000)),
      };
    }
    const growth = peaks[1] / peaks[0];
    rows.push(
      {
        ratio: true,
        measure: `Peak RSS ${fmt(sizes[1])} / ${fmt(sizes[0])} records, ${variant.label}, median of ${runs}`,
        value: growth.toFixed(2),
        target: variant.target ? `≤ ${MAX_GROWTH}` : '',
        status: variant.target ? (growth <= MAX_GROWTH ? 'met' : 'missed') : 'info',
      },
      {
        ratio: false,
        measure: `Peak RSS pulling ${fmt(sizes[0])} / ${fmt(sizes[1])} enrollments, ${variant.label} (MB)`,
        value: `${peaks[0].toFixed(0)} / ${peaks[1].toFixed(0)}`,
        target: variant.target ? `< ${MAX_PEAK_RSS_MB}` : '',
        status: variant.target ? (peaks[1] < MAX_PEAK_RSS_MB ? 'met' : 'missed') : 'info',
      },
    );
    if (variant.puller !== 'sdk') continue;
    // One more pull, collecting garbage at both sizes: what the pull keeps, without the headroom.
    const live = await pull(variant, sizes[1], { liveHeapAt: sizes });
    if (live.error) throw new Error(live.error);
    const [small, large] = sizes.map((size) => live.liveHeapMb[size]);
    figures[`${variant.name}:liveHeapMb`] = live.liveHeapMb;
    log(
      `memory ${variant.name}: live heap ${small.toFixed(1)} MB at ${fmt(sizes[0])}, ${large.toFixed(1)} MB at ${fmt(sizes[1])}`,
    );
    rows.push({
      ratio: false,
      measure: `Live heap after a full GC at ${fmt(sizes[0])} / ${fmt(sizes[1])} records, ${variant.label} (MB)`,
      value: `${small.toFixed(1)} / ${large.toFixed(1)}`,
      target: '',
      status: 'info',
    });
  }
  rows.push(...(await unsortedDedupe({ quick, log, runs, figures })));
  return { rows, figures, sizes, runs };
}

/** Target: de-duplicating ids that arrive in no order costs at most this much over `dedupe: false`. */
const MAX_UNSORTED_DEDUPE_OVER_NONE = 1.2;

/** Ids out of order from the first page (hashed, not packed): dedupe on against off, same pages. */
async function unsortedDedupe({ quick, log, runs, figures }) {
  const records = quick ? 200_000 : 1_000_000;
  const peaks = {};
  for (const dedupe of [true, false]) {
    const results = [];
    for (let run = 0; run < runs; run++) {
      const result = await runChild('unsorted-dedupe-child.mjs', { records, dedupe });
      if (result.error) throw new Error(result.error);
      results.push(result.peakRssMb);
      log(`memory unsorted ids, dedupe ${dedupe}: peak ${result.peakRssMb.toFixed(0)} MB`);
    }
    peaks[dedupe] = median(results);
    figures[`unsorted-${dedupe ? 'dedupe' : 'no-dedupe'}@${records}`] = {
      peakRssMb: peaks[dedupe],
      peaksRssMb: results,
    };
  }
  const ratio = peaks[true] / peaks[false];
  return [
    {
      ratio: true,
      measure: `Peak RSS, ${fmt(records)} enrollments with ids in no order (in-memory pages), dedupe on / \`dedupe: false\`, median of ${runs}`,
      value: ratio.toFixed(2),
      target: `≤ ${MAX_UNSORTED_DEDUPE_OVER_NONE}`,
      status: ratio <= MAX_UNSORTED_DEDUPE_OVER_NONE ? 'met' : 'missed',
    },
    {
      ratio: false,
      measure: `Peak RSS, ${fmt(records)} enrollments with ids in no order: dedupe on / \`dedupe: false\` (MB)`,
      value: `${peaks[true].toFixed(0)} / ${peaks[false].toFixed(0)}`,
      target: '',
      status: 'info',
    },
  ];
}
