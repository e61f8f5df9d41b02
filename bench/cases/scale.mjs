// 5. Scale: the `largest` district (8.5M records) at page size 10,000 into a null sink, measured on a
// slice of each collection and projected.

import { median, runChild } from '../lib.mjs';
import { fmt } from './pull-throughput.mjs';

const PAGE_SIZE = 10_000;
/** Records read before the steady rate is timed: connections open and the JIT warms up first. */
const WARM_RECORDS = 50_000;
/** Target: the whole district in at most this long. */
const MAX_PROJECTED_S = 120;
/** The provider's cost of one page at `offset`, through the fastest client, in ms (median of 3). */
async function pageCostMs(server, collection, offset) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const response = await fetch(
      `${server.baseUrl}/${collection}?limit=${PAGE_SIZE}&offset=${offset}&sort=sourcedId&orderBy=asc`,
      { headers: { authorization: `Bearer ${server.bearerToken}` } },
    );
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1];
}

/** The three ways the district is pulled: the undici loop tells a slow machine from a slow SDK. */
const PULLERS = [
  { puller: 'undici', dedupe: false },
  { puller: 'sdk', dedupe: false },
  { puller: 'sdk', dedupe: true },
];

export async function scale({ quick, log, largest }) {
  const slice = quick ? 100_000 : 400_000;
  // Each collection's projection is the median of this many runs, the pullers interleaved so a
  // machine that slows down for a while slows all three.
  const runs = quick ? 1 : 3;
  // The provider reports the count of each of its seven collections, in sync order.
  const counts = largest.counts;
  const collections = Object.keys(counts);
  const total = collections.reduce((sum, name) => sum + counts[name], 0);
  const rows = [];
  const figures = {};
  const projected = new Map(PULLERS.map(({ puller, dedupe }) => [`${puller}:${dedupe}`, 0]));
  for (const collection of collections) {
    const records = Math.min(slice, counts[collection]);
    const samples = new Map(PULLERS.map(({ puller, dedupe }) => [`${puller}:${dedupe}`, []]));
    for (let run = 0; run < runs; run++) {
      for (const { puller, dedupe } of PULLERS) {
        const result = await runChild('pull-child.mjs', {
          baseUrl: largest.baseUrl,
          token: largest.bearerToken,
          collection,
          pageSize: PAGE_SIZE,
          // The SDK prefetches four pages, so it can beat the one-request-at-a-time undici loop.
          concurrency: 4,
          records,
          dedupe,
          puller,
          markAt: WARM_RECORDS,
        });
        if (result.error) throw new Error(result.error);
        // A collection longer than the slice: start-up as measured, the rest at the slice's steady rate.
        const steady = result.markMs !== undefined && counts[collection] > records;
        const rate = steady
          ? ((result.records - WARM_RECORDS) / (result.ms - result.markMs)) * 1000
          : (result.records / result.ms) * 1000;
        const seconds = steady
          ? result.markMs / 1000 + (counts[collection] - WARM_RECORDS) / rate
          : result.ms / 1000;
        samples.get(`${puller}:${dedupe}`).push({ rate, seconds, peakRssMb: result.peakRssMb });
        log(
          `scale ${puller} dedupe=${dedupe} ${collection}: ${fmt(result.records)} in ${Math.round(result.ms)} ms, ${steady ? 'steady ' : ''}${fmt(rate)}/s, projected ${seconds.toFixed(1)} s`,
        );
      }
      // Small collections take milliseconds: one run says all there is to say.
      if (records < WARM_RECORDS) break;
    }
    for (const [key, runsOf] of samples) {
      const seconds = median(runsOf.map((sample) => sample.seconds));
      projected.set(key, projected.get(key) + seconds);
      figures[`${key}:${collection}`] = {
        records,
        rate: median(runsOf.map((sample) => sample.rate)),
        seconds,
        secondsPerRun: runsOf.map((sample) => sample.seconds),
        peakRssMb: Math.max(...runsOf.map((sample) => sample.peakRssMb)),
      };
    }
  }
  for (const { puller, dedupe } of PULLERS) {
    const projectedS = projected.get(`${puller}:${dedupe}`);
    figures[`projected:${puller}:${dedupe}`] = projectedS;
    const label =
      puller === 'undici'
        ? 'undici.request loop, one request at a time, no validation'
        : `SDK, ${dedupe ? 'dedupe on (default)' : '`dedupe: false`'}`;
    rows.push({
      ratio: false,
      measure: `Largest district, ${fmt(total)} records, page ${fmt(PAGE_SIZE)}, ${label}: projected time (s)`,
      value: projectedS.toFixed(0),
      target: puller === 'undici' ? '' : `≤ ${MAX_PROJECTED_S}`,
      status: puller === 'undici' ? 'info' : projectedS <= MAX_PROJECTED_S ? 'met' : 'missed',
    });
  }
  const ceilingS = figures['projected:undici:false'];
  rows.push({
    ratio: true,
    measure:
      'Largest district, projected time: undici loop / SDK (`dedupe: false`; above 1, the SDK is faster)',
    value: (ceilingS / figures['projected:sdk:false']).toFixed(2),
    target: '',
    status: 'info',
  });
  // The projection assumes a page costs the same at any offset; check it at the deepest one.
  await pageCostMs(largest, 'enrollments', PAGE_SIZE); // warm-up
  const first = await pageCostMs(largest, 'enrollments', 0);
  const deepest = await pageCostMs(largest, 'enrollments', counts.enrollments - PAGE_SIZE);
  figures.pageCostMs = { first, deepest };
  rows.push({
    ratio: true,
    measure: `Provider page cost at the last enrollments offset / at offset 0 (projection assumption)`,
    value: (deepest / first).toFixed(2),
    target: '≈ 1',
    status: 'info',
  });
  return { rows, figures, slice, runs, total, withoutDemographics: total - counts.demographics };
}
