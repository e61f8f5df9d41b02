// 2. Concurrency: 50 ms of provider latency per page; the same 200 pages at concurrency 1, 4 and 8.
import { importDist, startServerProcess } from '../lib.mjs';
import { fmt } from './pull-throughput.mjs';

const LATENCY_MS = 50;
const PAGE_SIZE = 100;
const CONCURRENCIES = [1, 4, 8];
/** Target: concurrency 8 at least this many times concurrency 1 with X-Total-Count known. */
const MIN_SPEEDUP_AT_8 = 6;

async function pullPages(server, concurrency, pages) {
  const { bearerToken, createOneRosterClient } = await importDist('index');
  const client = createOneRosterClient({
    baseUrl: server.baseUrl,
    auth: bearerToken(server.bearerToken),
    concurrency,
  });
  const started = performance.now();
  let records = 0;
  let count = 0;
  for await (const page of client.users.list({ pageSize: PAGE_SIZE }).pages()) {
    records += page.items.length;
    if (++count >= pages) break;
  }
  return { records, ms: performance.now() - started };
}

export async function concurrency({ quick, log }) {
  const pages = quick ? 40 : 200;
  const server = await startServerProcess({
    district: { preset: 'large', seed: 7 },
    auth: { type: 'bearer', token: 'bench-token' },
    latencyMs: LATENCY_MS,
  });
  const rates = {};
  try {
    await pullPages(server, 8, 10); // warm-up
    for (const level of CONCURRENCIES) {
      const { records, ms } = await pullPages(server, level, pages);
      rates[level] = (records / ms) * 1000;
      log(`concurrency ${level}: ${pages} pages in ${Math.round(ms)} ms (${fmt(rates[level])} records/s)`);
    }
  } finally {
    await server.close();
  }
  const speedup = rates[8] / rates[1];
  const rows = [
    {
      ratio: true,
      measure: `Concurrency 8 / concurrency 1 (${LATENCY_MS} ms latency, ${pages} pages of ${PAGE_SIZE})`,
      value: speedup.toFixed(2),
      target: `≥ ${MIN_SPEEDUP_AT_8}`,
      status: speedup >= MIN_SPEEDUP_AT_8 ? 'met' : 'missed',
    },
    {
      ratio: true,
      measure: 'Concurrency 4 / concurrency 1',
      value: (rates[4] / rates[1]).toFixed(2),
      target: '',
      status: 'info',
    },
    {
      ratio: false,
      measure: `Pull with ${LATENCY_MS} ms latency (records/s): concurrency 1 / 4 / 8`,
      value: CONCURRENCIES.map((level) => fmt(rates[level])).join(' / '),
      target: '',
      status: 'info',
    },
  ];
  return { rows, rates, pages };
}
