// 3. Memory: peak RSS of a fresh process pulling 100k and 1M enrollments into a null sink, with the
// client's defaults (page size 1,000, concurrency 4), de-duplication on (the default) and off.
import { runChild } from '../lib.mjs';
import { fmt } from './pull-throughput.mjs';

/** Targets: the larger pull's peak within this factor of the smaller's, and under the ceiling. */
const MAX_GROWTH = 1.2;
const MAX_PEAK_RSS_MB = 300;

export async function memory({ quick, log, largest }) {
  const sizes = quick ? [20_000, 200_000] : [100_000, 1_000_000];
  const rows = [];
  const figures = {};
  for (const dedupe of [true, false]) {
    const peaks = [];
    for (const records of sizes) {
      const result = await runChild('pull-child.mjs', {
        baseUrl: largest.baseUrl,
        token: largest.bearerToken,
        collection: 'enrollments',
        pageSize: 1_000,
        concurrency: 4,
        records,
        dedupe,
      });
      if (result.error) throw new Error(result.error);
      peaks.push(result.peakRssMb);
      figures[`${dedupe ? 'dedupe' : 'no-dedupe'}@${records}`] = result;
      log(
        `memory dedupe=${dedupe} ${fmt(records)}: peak ${result.peakRssMb.toFixed(0)} MB (start ${result.startRssMb.toFixed(0)} MB), ${fmt((result.records / result.ms) * 1000)} records/s`,
      );
    }
    const growth = peaks[1] / peaks[0];
    const label = dedupe ? 'dedupe on (default)' : '`dedupe: false`';
    const withinCeiling = peaks[1] < MAX_PEAK_RSS_MB;
    rows.push(
      {
        ratio: true,
        measure: `Peak RSS ${fmt(sizes[1])} / ${fmt(sizes[0])} records, ${label}`,
        value: growth.toFixed(2),
        target: `≤ ${MAX_GROWTH}`,
        status: growth <= MAX_GROWTH ? 'met' : 'missed',
      },
      {
        ratio: false,
        measure: `Peak RSS pulling ${fmt(sizes[0])} / ${fmt(sizes[1])} enrollments, ${label} (MB)`,
        value: `${peaks[0].toFixed(0)} / ${peaks[1].toFixed(0)}`,
        target: `< ${MAX_PEAK_RSS_MB}`,
        status: withinCeiling ? 'met' : 'missed',
      },
    );
  }
  return { rows, figures, sizes };
}
