// `npm run bench`: the performance suite. Prints one table (ratios first) and, on a full run,
// rewrites docs/performance.md with the figures of this run and this machine.
//
//   node bench/run.mjs            full suite (about 10 minutes on 2 cores), writes docs/performance.md
//   node bench/run.mjs --quick    smaller districts and fewer repetitions (about 2 minutes), writes nothing
//   node bench/run.mjs --only=pull,memory   run some cases: pull, clientCpu, concurrency, memory, sync,
//                                 syncLargest, changeLog, scale, rateLimit, csv, workers
//   --write / --no-write          force writing docs/performance.md, or not
//   --render                      rewrite docs/performance.md from the last written run (bench/last-run.json),
//                                 after editing bench/report.mjs or bench/optimisations.md
//   --dist=<dir>                  measure another build of the client (a before/after comparison);
//                                 the provider always runs from dist/. Implies --no-write.
//   ONEROSTER_BENCH_PROVIDER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/provider'
//                                 Node options for the provider process (to profile it)
//
// Exits non-zero only when a case crashes: a missed target is reported, never a failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { changeLog } from './cases/change-log.mjs';
import { clientCpu } from './cases/client-cpu.mjs';
import { concurrency } from './cases/concurrency.mjs';
import { csv } from './cases/csv.mjs';
import { memory } from './cases/memory.mjs';
import { pullThroughput } from './cases/pull-throughput.mjs';
import { rateLimit } from './cases/rate-limit.mjs';
import { scale } from './cases/scale.mjs';
import { sync } from './cases/sync.mjs';
import { syncLargest } from './cases/sync-largest.mjs';
import { workers } from './cases/workers.mjs';
import { machineInfo, startServerProcess } from './lib.mjs';
import { renderTable, writePerformanceDoc } from './report.mjs';

const CASES = {
  pull: pullThroughput,
  clientCpu,
  concurrency,
  memory,
  sync,
  syncLargest,
  changeLog,
  scale,
  rateLimit,
  csv,
  workers,
};
/** Cases served by the one `largest` district provider. */
const LARGEST_CASES = new Set(['memory', 'scale']);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean' },
    dist: { type: 'string' },
    render: { type: 'boolean', default: false },
  },
});
const LAST_RUN_PATH = new URL('./last-run.json', import.meta.url);
if (values.render) {
  const last = JSON.parse(readFileSync(LAST_RUN_PATH, 'utf8'));
  console.error(`bench: wrote ${await writePerformanceDoc({ ...last, date: new Date(last.date) })}`);
  process.exit(0);
}
const quick = values.quick;
const selected = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(CASES);
for (const name of selected) {
  if (!(name in CASES)) {
    console.error(`bench: unknown case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
    process.exit(2);
  }
}
if (values.dist) process.env.ONEROSTER_BENCH_DIST = values.dist;
const write = values['no-write']
  ? false
  : (values.write ?? (!quick && values.only === undefined && !values.dist));

const machine = machineInfo();
const log = (line) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
log(
  `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}${quick ? ', quick run' : ''}${values.dist ? `, client from ${values.dist}` : ''}`,
);

const started = performance.now();
const results = {};
const rows = [];
let crashed = false;
let largest;
try {
  if (selected.some((name) => LARGEST_CASES.has(name))) {
    largest = await startServerProcess({
      district: { preset: 'largest', seed: 7 },
      auth: { type: 'bearer', token: 'bench-token' },
    });
  }
  for (const name of selected) {
    log(`case ${name}`);
    try {
      results[name] = await CASES[name]({ quick, log, largest });
      rows.push(...results[name].rows);
    } catch (error) {
      crashed = true;
      log(`case ${name} crashed: ${error instanceof Error ? error.stack : error}`);
      rows.push({
        ratio: false,
        measure: `${name}`,
        value: `crashed: ${error instanceof Error ? error.message : error}`,
        target: '',
        status: 'crashed',
      });
    }
  }
} finally {
  await largest?.close();
}
const durationS = (performance.now() - started) / 1000;

const table = renderTable(rows);
console.log(
  `\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node} (${machine.platform})${quick ? ', QUICK run' : ''}, ${durationS.toFixed(0)} s\n`,
);
console.log(table);
if (write) {
  const run = { machine, table, results, quick, durationS, date: new Date() };
  writeFileSync(LAST_RUN_PATH, `${JSON.stringify(run, null, 2)}\n`);
  const path = await writePerformanceDoc(run);
  log(`wrote ${path}`);
}
process.exitCode = crashed ? 1 : 0;
