// A worker process of the pg-boss tests: runs the BUILT oneroster/pg-boss worker once (one scheduler
// pass, then until every due slot's job is done) over a PostgreSQL registry, at the clock
// ONEROSTER_TEST_NOW, writing its worker events to stdout as NDJSON. With ONEROSTER_KILL_AFTER_RUNS=N
// it stops for good at the first users page after its N-th finished run, where the test sends SIGKILL.
// Usage: node child-pg-boss-worker.mjs <distDir> <postgresUrl> <schema> <bossSchema> <workerId>
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KILL_POINT_LINE } from '../helpers/kill-point.mjs';

const [distDir, url, schema, bossSchema, workerId] = process.argv.slice(2);
const load = (entry) => import(pathToFileURL(join(distDir, `${entry}.js`)).href);
const { createConnectionRegistry, localKeyProviderFromEnv } = await load('registry');
const { createPostgresConnectionStorage, createPostgresStore } = await load('postgres');
const { createPgBossWorker } = await load('pg-boss');

const now = Date.parse(process.env.ONEROSTER_TEST_NOW);
const killAfter =
  process.env.ONEROSTER_KILL_AFTER_RUNS === undefined
    ? undefined
    : Number(process.env.ONEROSTER_KILL_AFTER_RUNS);
const store = createPostgresStore({ connectionString: url }, { schema });
const storage = createPostgresConnectionStorage({ connectionString: url }, { schema });
const registry = createConnectionRegistry({
  store,
  storage,
  keys: localKeyProviderFromEnv(),
  now: () => now,
});
let finished = 0;
const write = (event) => writeSync(1, `${JSON.stringify(event)}\n`);
const worker = createPgBossWorker(registry, {
  boss: url,
  schema: bossSchema,
  concurrency: 6,
  heartbeatSeconds: 10,
  monitorIntervalSeconds: 1,
  pollingIntervalSeconds: 0.5,
  retry: { delaySeconds: 1, maxDelaySeconds: 2 },
  now: () => now,
  workerId,
  client: { pageSize: 10, retry: { retries: 0 } },
  // Two collections keep 200 syncs short; the kill lands in the second.
  // Scheduling is under test here: runs commit without the go-live review.
  sync: {
    review: 'never',
    collections: ['orgs', 'users'],
    onProgress: (event) => {
      if (killAfter === undefined || finished < killAfter) return;
      if (event.type !== 'page' || event.collection !== 'users' || event.pages < 2) return;
      writeSync(1, `${KILL_POINT_LINE} ${JSON.stringify(event)}\n`);
      // Nothing wakes this wait: no heartbeat, no request, until the test kills the process.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    },
  },
  onEvent: (event) => {
    if (event.type === 'run-finished') finished++;
    write(event);
  },
});
await worker.start({ scheduler: false });
const { keys } = await worker.enqueueDueSlots();
await worker.drain(keys);
await worker.stop();
await storage.close();
await store.close();
