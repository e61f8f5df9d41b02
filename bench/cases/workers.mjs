// 10. Workers: what the scheduler adds to a tenant's run, and the runs per minute 2 workers sustain,
// against the mock provider with a small district per tenant (so the sync itself is short).
// The embedded worker (runDueSyncs) always; the pg-boss worker too when Node is >= 22.12 (pg-boss 12's
// floor) and PostgreSQL is at hand (ONEROSTER_PG_URL, or .ci/start-postgres.sh).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDist, median, startServerProcess } from '../lib.mjs';
import { findPostgres } from './sync.mjs';

/** One school of 10 students (about 30 users, 2 orgs): a sync of orgs and users is a handful of pages. */
const DISTRICT = { preset: 'tiny', schools: 1, studentsPerSchool: 10, seed: 7 };
const DISTRICT_TEXT = '1 school, 10 students (orgs and users, page size 10)';
const SYNC = { review: 'never', collections: ['orgs', 'users'] };
const CLIENT = { pageSize: 10 };
const WORKERS = 2;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const ms = (value) => value.toFixed(1);

/** A bare `syncRoster` of one fresh tenant, as the worker runs it: the baseline of a run's own cost. */
async function bareSyncMs(server, store) {
  const { bearerToken, createOneRosterClient } = await importDist('index');
  const { syncRoster } = await importDist('sync');
  const client = createOneRosterClient({
    baseUrl: server.baseUrl,
    auth: bearerToken(server.bearerToken),
    ...CLIENT,
  });
  const started = performance.now();
  await syncRoster({ client, store, tenant: `bare-${randomBytes(4).toString('hex')}`, ...SYNC });
  return performance.now() - started;
}

async function openBackend(kind, url) {
  if (kind === 'postgres') {
    const { createPostgresConnectionStorage, createPostgresStore } = await importDist('postgres');
    const schema = `bench_workers_${randomBytes(4).toString('hex')}`;
    return {
      schema,
      store: createPostgresStore({ connectionString: url }, { schema }),
      storage: createPostgresConnectionStorage({ connectionString: url }, { schema }),
      async drop() {
        const pg = (await import('pg')).default;
        const admin = new pg.Pool({ connectionString: url, max: 1 });
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-bench-workers-'));
  const { createSqliteConnectionStorage, createSqliteStore } = await importDist('sqlite');
  const path = join(dir, 'roster.db');
  const drop = async () => rmSync(dir, { recursive: true, force: true });
  try {
    return {
      label: 'SQLite',
      store: createSqliteStore({ path }),
      storage: createSqliteConnectionStorage({ path }),
      drop,
    };
  } catch (error) {
    // better-sqlite3 built for another Node (a Node 24 run over Node 20's node_modules): the memory store.
    await drop();
    const { createMemoryConnectionStorage, createMemoryStore, createMemoryStoreData } =
      await importDist('sync');
    const data = createMemoryStoreData();
    return {
      label: `memory store; SQLite did not load: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
      store: createMemoryStore({ data }),
      storage: createMemoryConnectionStorage({ data }),
      drop: async () => undefined,
    };
  }
}

/** A registry with `tenants` connections to the provider, none due until asked (`requestSync`). */
async function registryOf(backend, server, tenants) {
  const { createConnectionRegistry, localKeyProvider } = await importDist('registry');
  const registry = createConnectionRegistry({
    store: backend.store,
    storage: backend.storage,
    keys: localKeyProvider({ keys: { k1: randomBytes(32).toString('base64') }, current: 'k1' }),
  });
  const names = Array.from({ length: tenants }, (_, i) => `t${String(i).padStart(4, '0')}`);
  for (const tenant of names) {
    // The default schedule (daily at 02:00) has no slot due right after adding: only requests run.
    await registry.addConnection({
      tenant,
      baseUrl: server.baseUrl,
      auth: { type: 'bearer', token: server.bearerToken },
    });
  }
  // Room for two runs at once, as two workers have; requests are not what is measured.
  await registry.setHostCap(server.baseUrl, { runs: WORKERS, requests: 64 });
  return { registry, names };
}

/** Embedded: one pass per request on an idle worker (enqueue to start), then all at once (runs/min). */
async function measureEmbedded({ server, backend, samples, tenants }) {
  const { requestSync, runDueSyncs } = await importDist('registry');
  const { registry, names } = await registryOf(backend, server, tenants);
  const overheads = [];
  for (const tenant of names.slice(0, samples)) {
    let startedAt;
    const enqueuedAt = performance.now();
    await requestSync(registry, tenant, { reason: 'bench' });
    await runDueSyncs(registry, {
      once: true,
      sync: SYNC,
      client: CLIENT,
      onEvent: (event) => {
        if (event.type === 'run-started') startedAt ??= performance.now();
      },
    });
    overheads.push(startedAt - enqueuedAt);
  }
  const rest = names.slice(samples);
  const started = performance.now();
  for (const tenant of rest) await requestSync(registry, tenant, { reason: 'bench' });
  const summary = await runDueSyncs(registry, { once: true, sync: SYNC, client: CLIENT });
  const wallMs = performance.now() - started;
  if (summary.succeeded !== rest.length) throw new Error(`embedded: ${JSON.stringify(summary)}`);
  return { overheads, runs: rest.length, wallMs };
}

/** pg-boss: 2 workers in this process, each its own pg-boss instance; the first sends the jobs. */
async function measurePgBoss({ server, backend, url, samples, tenants }) {
  const { requestSync } = await importDist('registry');
  const { createPgBossWorker } = await importDist('pg-boss');
  const { registry, names } = await registryOf(backend, server, tenants);
  const startedAt = new Map();
  const finished = new Set();
  const onEvent = (event) => {
    if (event.type === 'run-started') startedAt.set(event.tenant, performance.now());
    if (event.type === 'run-finished') finished.add(event.tenant);
  };
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    createPgBossWorker(registry, {
      boss: url,
      schema: `${backend.schema}_jobs`,
      concurrency: 1,
      pollingIntervalSeconds: 0.5,
      workerId: `w${i}`,
      sync: SYNC,
      client: CLIENT,
      onEvent,
    }),
  );
  try {
    for (const worker of workers) await worker.start({ scheduler: false });
    const [sender] = workers;
    const overheads = [];
    for (const tenant of names.slice(0, samples)) {
      const enqueuedAt = performance.now();
      await requestSync(registry, tenant, { reason: 'bench' });
      const { keys } = await sender.enqueueDueSlots();
      await sender.drain(keys);
      overheads.push(startedAt.get(tenant) - enqueuedAt);
    }
    const rest = names.slice(samples);
    const started = performance.now();
    for (const tenant of rest) await requestSync(registry, tenant, { reason: 'bench' });
    const { keys } = await sender.enqueueDueSlots();
    await sender.drain(keys);
    const wallMs = performance.now() - started;
    const done = rest.filter((tenant) => finished.has(tenant)).length;
    if (done !== rest.length) throw new Error(`pg-boss: ${done} of ${rest.length} runs finished`);
    return { overheads, runs: rest.length, wallMs };
  } finally {
    for (const worker of workers) await worker.stop({ timeoutMs: 5_000 });
  }
}

function rowsOf(label, figures, bareMs) {
  const p50 = median(figures.overheads);
  const p95 = percentile(figures.overheads, 0.95);
  const perMinute = (figures.runs / figures.wallMs) * 60_000;
  // Two runs at once with no scheduler cost would reach 2 × 60 s / (one bare sync).
  const ideal = (WORKERS * 60_000) / bareMs;
  return [
    {
      ratio: true,
      measure: `${label}: enqueue to start (median) / one bare syncRoster`,
      value: (p50 / bareMs).toFixed(2),
      target: '',
      status: 'info',
    },
    {
      ratio: true,
      measure: `${label}: runs per minute with ${WORKERS} workers / ${WORKERS} × bare syncRoster per minute`,
      value: (perMinute / ideal).toFixed(2),
      target: '',
      status: 'info',
    },
    {
      ratio: false,
      measure: `${label}: enqueue to start, ms (median / p95 of ${figures.overheads.length})`,
      value: `${ms(p50)} / ${ms(p95)}`,
      target: '',
      status: 'info',
    },
    {
      ratio: false,
      measure: `${label}: runs per minute sustained by ${WORKERS} workers (${figures.runs} tenants, ${DISTRICT_TEXT})`,
      value: perMinute.toFixed(0),
      target: '',
      status: 'info',
    },
  ];
}

export async function workers({ quick, log }) {
  const samples = quick ? 10 : 30;
  const tenants = samples + (quick ? 40 : 200);
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const pgBossRuns = major > 22 || (major === 22 && minor >= 12);
  const server = await startServerProcess({
    district: DISTRICT,
    auth: { type: 'bearer', token: 'bench-token' },
  });
  const rows = [];
  const results = { district: DISTRICT_TEXT, workers: WORKERS, samples, tenants };
  try {
    const sqlite = await openBackend('sqlite');
    try {
      await bareSyncMs(server, sqlite.store); // warm-up
      const bare = [];
      for (let i = 0; i < samples; i++) bare.push(await bareSyncMs(server, sqlite.store));
      const bareMs = median(bare);
      log(`workers: bare syncRoster (${sqlite.label}) ${ms(bareMs)} ms (median of ${samples})`);
      const embedded = await measureEmbedded({ server, backend: sqlite, samples, tenants });
      log(
        `workers: embedded, enqueue to start median ${ms(median(embedded.overheads))} ms; ${embedded.runs} runs in ${Math.round(embedded.wallMs)} ms (load ${loadavg()[0].toFixed(1)})`,
      );
      const store = sqlite.label === 'SQLite' ? 'SQLite' : 'memory store';
      rows.push(...rowsOf(`Embedded worker (${store})`, embedded, bareMs));
      results.embeddedStore = sqlite.label;
      results.embedded = { ...embedded, bareMs };
    } finally {
      await sqlite.store.close();
      await sqlite.storage.close();
      await sqlite.drop();
    }
    if (!pgBossRuns) {
      log(
        `workers: pg-boss worker not measured: pg-boss 12 needs Node >= 22.12, this is ${process.versions.node}`,
      );
      results.pgBoss = { skipped: `Node ${process.versions.node} < 22.12` };
    } else {
      const postgres = findPostgres();
      if (postgres.skipped) {
        log(`workers: pg-boss worker not measured: ${postgres.skipped}`);
        results.pgBoss = { skipped: postgres.skipped };
      } else {
        const backend = await openBackend('postgres', postgres.url);
        try {
          await bareSyncMs(server, backend.store);
          const bare = [];
          for (let i = 0; i < samples; i++) bare.push(await bareSyncMs(server, backend.store));
          const bareMs = median(bare);
          log(`workers: bare syncRoster into PostgreSQL ${ms(bareMs)} ms (median of ${samples})`);
          const figures = await measurePgBoss({ server, backend, url: postgres.url, samples, tenants });
          log(
            `workers: pg-boss, enqueue to start median ${ms(median(figures.overheads))} ms; ${figures.runs} runs in ${Math.round(figures.wallMs)} ms (load ${loadavg()[0].toFixed(1)})`,
          );
          rows.push(...rowsOf('pg-boss worker (PostgreSQL)', figures, bareMs));
          results.pgBoss = { ...figures, bareMs };
        } finally {
          await backend.store.close();
          await backend.storage.close();
          await backend.drop();
        }
      }
    }
  } finally {
    await server.close();
  }
  return { rows, ...results };
}
