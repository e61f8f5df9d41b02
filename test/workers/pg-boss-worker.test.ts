import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { createPgBossWorker } from '../../src/pg-boss/index.js';
import { createPostgresConnectionStorage, createPostgresStore } from '../../src/postgres/index.js';
import { createConnectionRegistry, type WorkerEvent } from '../../src/registry/index.js';
import { generateDistrict, startMockServer } from '../../src/testing/index.js';
import { DIST, requireBuilt } from '../helpers/built-package.js';
import { KILL_POINT_LINE } from '../helpers/kill-point.mjs';
import { itWithPostgres } from '../helpers/postgres-url.js';
import { providerRoster } from '../helpers/provider-roster.js';
import { keysOf, newKey, testClock } from '../registry/backends.js';
import { dumpAll } from '../sync/sync-helpers.js';

const CHILD = fileURLToPath(new URL('./child-pg-boss-worker.mjs', import.meta.url));
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const SLOT = '2026-03-02T02:00:00.000Z';
const RUN_AT = '2026-03-02T02:00:30Z';
const TENANTS = 200;
const HOST_CAP = { runs: 8, requests: 16 };

/** pg-boss 12 needs Node 22.12 or newer; the Node 20 pass skips these tests, the Node 24 pass of CI runs them. */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const PG_BOSS_RUNS = major > 22 || (major === 22 && minor >= 12);

interface Child {
  process: ChildProcess;
  events: WorkerEvent[];
  exited: Promise<number | null>;
  killPoint: Promise<void>;
}

function startWorker(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const events: WorkerEvent[] = [];
  let buffer = '';
  let reached: () => void = () => undefined;
  const killPoint = new Promise<void>((resolve) => {
    reached = resolve;
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(KILL_POINT_LINE)) reached();
      else if (line.startsWith('{')) events.push(JSON.parse(line) as WorkerEvent);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, events, exited, killPoint };
}

const describeWithPgBoss = PG_BOSS_RUNS ? describe : describe.skip;
const skipReason = PG_BOSS_RUNS
  ? ''
  : ` [SKIPPED: pg-boss 12 needs Node >= 22.12, this is Node ${process.versions.node}; CI runs it in the Node 24 pass]`;

describeWithPgBoss(`the pg-boss worker on PostgreSQL${skipReason}`, () => {
  itWithPostgres(
    `runs ${TENANTS} tenants due in one minute on 2 processes: each slot once, the host cap kept, none outside its window, a killed worker's run resumed by the other`,
    async (url) => {
      requireBuilt('pg-boss.js', 'registry.js', 'postgres.js');
      const schema = `workers_${randomBytes(6).toString('hex')}`;
      const bossSchema = `${schema}_jobs`;
      const district = generateDistrict({ preset: 'tiny', schools: 1, studentsPerSchool: 12 });
      const server = await startMockServer({ district, auth: { type: 'bearer' } });
      const key = newKey();
      const clock = testClock('2026-03-01T12:00:00Z');
      const store = createPostgresStore({ connectionString: url }, { schema });
      const storage = createPostgresConnectionStorage({ connectionString: url }, { schema });
      const registry = createConnectionRegistry({
        store,
        storage,
        keys: keysOf({ k1: key }, 'k1'),
        now: clock.now,
      });
      const admin = new pg.Pool({ connectionString: url, max: 1 });
      const children: Child[] = [];
      try {
        const tenants = Array.from({ length: TENANTS }, (_, i) => `d${String(i + 1).padStart(3, '0')}`);
        // Every tenth district may start only in the evening: its 02:00 slot waits.
        const evening = new Set(tenants.filter((_, i) => i % 10 === 9));
        for (const tenant of tenants) {
          await registry.addConnection({
            tenant,
            baseUrl: server.baseUrl,
            auth: { type: 'bearer', token: server.bearerToken ?? '' },
            ...(evening.has(tenant) ? { windows: [{ days: ALL_DAYS, from: '22:00', to: '23:00' }] } : {}),
          });
        }
        await registry.setHostCap(server.baseUrl, HOST_CAP);
        clock.set(RUN_AT);
        server.stats.reset();

        const args = (id: string) => [DIST, url, schema, bossSchema, id];
        const env = {
          ONEROSTER_KEYS: JSON.stringify({ current: 'k1', keys: { k1: key } }),
          ONEROSTER_TEST_NOW: RUN_AT,
        };
        const doomed = startWorker(args('worker-a'), { ...env, ONEROSTER_KILL_AFTER_RUNS: '30' });
        const survivor = startWorker(args('worker-b'), env);
        children.push(doomed, survivor);
        await doomed.killPoint;
        doomed.process.kill('SIGKILL');
        await doomed.exited;
        expect(await survivor.exited).toBe(0);

        const events = [...doomed.events, ...survivor.events];
        const finished = events.filter((e) => e.type === 'run-finished');
        const due = tenants.filter((t) => !evening.has(t));
        // Every due slot ran to the end exactly once, and no evening slot started at 02:00.
        expect(finished.map((e) => e.key).sort()).toEqual(due.map((t) => `${t}@${SLOT}`));
        expect(events.filter((e) => e.type === 'run-started' && evening.has(e.tenant))).toEqual([]);
        expect(server.stats.maxInFlight).toBeLessThanOrEqual(HOST_CAP.requests);
        expect(new Set(finished.map((e) => e.worker))).toEqual(new Set(['worker-a', 'worker-b']));

        // The runs the killed worker had started were finished by the other, from their checkpoints.
        const cut = doomed.events
          .filter((e) => e.type === 'run-started')
          .map((e) => e.key)
          .filter((k) => !doomed.events.some((e) => e.type === 'run-finished' && e.key === k));
        expect(cut.length).toBeGreaterThan(0);
        const taken = survivor.events.filter((e) => e.type === 'run-finished' && cut.includes(e.key));
        expect(taken.map((e) => e.key).sort()).toEqual([...cut].sort());
        expect(taken.some((e) => e.type === 'run-finished' && e.resumed)).toBe(true);
        const clean = providerRoster(district, { collections: ['orgs', 'users'] });
        for (const tenant of [...new Set(taken.map((e) => e.tenant)), 'd001', 'd199']) {
          expect(await dumpAll(store, tenant)).toEqual(clean);
        }
        const outcomes = await registry.listConnections();
        expect(outcomes.filter((c) => c.lastOutcome?.status === 'succeeded').map((c) => c.tenant)).toEqual(
          due,
        );
      } finally {
        for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
        await storage.close();
        await store.close();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.query(`DROP SCHEMA IF EXISTS "${bossSchema}" CASCADE`);
        await admin.end();
        await server.close();
      }
    },
    // Two worker processes, 200 syncs and one heartbeat timeout (10 s, pg-boss's least).
    120_000,
  );

  itWithPostgres(
    'keeps a slot that failed on every attempt in the dead-letter queue, readable with deadLetters()',
    async (url) => {
      const schema = `workers_${randomBytes(6).toString('hex')}`;
      const bossSchema = `${schema}_jobs`;
      const district = generateDistrict({ preset: 'tiny', schools: 1, studentsPerSchool: 5 });
      const server = await startMockServer({ district, auth: { type: 'bearer' } });
      const clock = testClock('2026-03-01T12:00:00Z');
      const store = createPostgresStore({ connectionString: url }, { schema });
      const storage = createPostgresConnectionStorage({ connectionString: url }, { schema });
      const registry = createConnectionRegistry({
        store,
        storage,
        keys: keysOf({ k1: newKey() }, 'k1'),
        now: clock.now,
      });
      const admin = new pg.Pool({ connectionString: url, max: 1 });
      const events: WorkerEvent[] = [];
      const worker = createPgBossWorker(registry, {
        boss: url,
        schema: bossSchema,
        retry: { limit: 2, delaySeconds: 1, maxDelaySeconds: 1 },
        pollingIntervalSeconds: 0.5,
        now: clock.now,
        client: { retry: { retries: 0 } },
        sync: { review: 'never', collections: ['orgs'] },
        onEvent: (event) => events.push(event),
      });
      try {
        await registry.addConnection({
          tenant: 'works',
          baseUrl: server.baseUrl,
          auth: { type: 'bearer', token: server.bearerToken ?? '' },
        });
        // Nothing listens there: every attempt fails to connect.
        await registry.addConnection({
          tenant: 'broken',
          baseUrl: 'http://127.0.0.1:9/ims/oneroster/v1p1',
          auth: { type: 'bearer', token: 'unused' },
        });
        clock.set(RUN_AT);
        await worker.start({ scheduler: false });
        const { keys } = await worker.enqueueDueSlots();
        await worker.drain(keys);

        const failures = events.filter((e) => e.type === 'run-failed' && e.tenant === 'broken');
        expect(failures.map((e) => (e.type === 'run-failed' ? [e.attempt, e.willRetry] : []))).toEqual([
          [1, true],
          [2, true],
          [3, false],
        ]);
        const outcome = (await registry.getConnection('broken'))?.lastOutcome;
        expect(outcome).toMatchObject({ slot: SLOT, status: 'failed', error: { name: expect.any(String) } });
        // The dead letter keeps the slot and the last attempt's error, as the connection records it.
        expect(await worker.deadLetters()).toEqual([
          {
            slot: expect.objectContaining({ tenant: 'broken', at: SLOT, key: `broken@${SLOT}` }),
            jobId: expect.any(String),
            failedAt: expect.any(String),
            attempts: 3,
            error: `${outcome?.error?.name}: ${outcome?.error?.message}`,
          },
        ]);
        expect((await registry.getConnection('works'))?.lastOutcome?.status).toBe('succeeded');
      } finally {
        await worker.stop({ timeoutMs: 5_000 });
        await storage.close();
        await store.close();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.query(`DROP SCHEMA IF EXISTS "${bossSchema}" CASCADE`);
        await admin.end();
        await server.close();
      }
    },
    60_000,
  );
});
