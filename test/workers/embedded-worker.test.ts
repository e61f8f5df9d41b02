import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConnectionRegistry,
  requestSync,
  runDueSyncs,
  type WorkerEvent,
} from '../../src/registry/index.js';
import { approveRun, rejectRun } from '../../src/sync/index.js';
import { generateDistrict, type MockServer, startMockServer } from '../../src/testing/index.js';
import { DIST, requireBuilt } from '../helpers/built-package.js';
import { reachedKillPoint } from '../helpers/kill-child.js';
import { providerRoster } from '../helpers/provider-roster.js';
import { keysOf, newKey, sqliteBackend, type TestClock, testClock } from '../registry/backends.js';
import { dumpAll } from '../sync/sync-helpers.js';

const CHILD = fileURLToPath(new URL('./child-worker.mjs', import.meta.url));
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Every tenant's slot: 02:00 UTC daily. The tests run the worker at 02:00:30 on a Monday. */
const SLOT = '2026-03-02T02:00:00.000Z';
const RUN_AT = '2026-03-02T02:00:30Z';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { tenants: number; latencyMs?: number; usersPerSchool?: number }) {
  const district = generateDistrict({
    preset: 'tiny',
    ...(options.usersPerSchool ? { studentsPerSchool: options.usersPerSchool } : {}),
  });
  const server: MockServer = await startMockServer({
    district,
    auth: { type: 'bearer' },
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
  });
  const backend = sqliteBackend();
  const key = newKey();
  const keys = keysOf({ k1: key }, 'k1');
  const clock: TestClock = testClock('2026-03-01T12:00:00Z');
  const registry = backend.open(keys, clock);
  cleanups.push(async () => {
    await backend.destroy();
    await server.close();
  });
  const tenants = Array.from({ length: options.tenants }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);
  for (const tenant of tenants) {
    await registry.addConnection({
      tenant,
      baseUrl: server.baseUrl,
      auth: { type: 'bearer', token: server.bearerToken ?? '' },
    });
  }
  clock.set(RUN_AT);
  return { district, server, backend, registry, clock, tenants, key };
}

function eventsOf(events: WorkerEvent[], type: WorkerEvent['type']) {
  return events.filter((event) => event.type === type);
}

async function lastOutcomes(registry: ConnectionRegistry) {
  return Object.fromEntries(
    (await registry.listConnections()).map((c) => [c.tenant, c.lastOutcome?.status ?? 'none']),
  );
}

describe('the embedded worker (runDueSyncs) on SQLite', () => {
  it('runs every due slot exactly once, within the host cap, and none outside its window', async () => {
    const { district, server, registry, clock, tenants } = await setup({ tenants: 12, latencyMs: 2 });
    // Two districts may start only in the evening: their 02:00 slot waits for 22:00.
    for (const tenant of ['d03', 'd07']) {
      await registry.updateConnection(tenant, { windows: [{ days: ALL_DAYS, from: '22:00', to: '23:00' }] });
    }
    await registry.setHostCap(server.baseUrl, { runs: 3, requests: 5 });
    server.stats.reset();
    const events: WorkerEvent[] = [];
    const summary = await runDueSyncs(registry, {
      sync: { review: 'never' },
      once: true,
      now: clock.now,
      client: { pageSize: 50 },
      onEvent: (event) => events.push(event),
    });

    const ran = tenants.filter((t) => t !== 'd03' && t !== 'd07');
    expect(summary).toEqual({ succeeded: 10, failed: 0, held: 0, interrupted: 0, skipped: 0 });
    const started = eventsOf(events, 'run-started').map((e) => e.key);
    expect(started.sort()).toEqual(ran.map((t) => `${t}@${SLOT}`));
    expect(
      eventsOf(events, 'run-finished')
        .map((e) => e.tenant)
        .sort(),
    ).toEqual(ran);
    expect(eventsOf(events, 'run-skipped')).toEqual([
      expect.objectContaining({
        tenant: 'd03',
        reason: 'outside-window',
        startsAt: '2026-03-02T22:00:00.000Z',
      }),
      expect.objectContaining({
        tenant: 'd07',
        reason: 'outside-window',
        startsAt: '2026-03-02T22:00:00.000Z',
      }),
    ]);
    // The provider never saw more requests in flight than the host's cap.
    expect(server.stats.maxInFlight).toBeGreaterThan(1);
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(5);
    for (const tenant of ran) expect(await dumpAll(registry.store, tenant)).toEqual(providerRoster(district));

    // The same minute again: nothing is owed, nothing runs twice.
    const again: WorkerEvent[] = [];
    await runDueSyncs(registry, {
      sync: { review: 'never' },
      once: true,
      now: clock.now,
      onEvent: (event) => again.push(event),
    });
    expect(eventsOf(again, 'run-started')).toEqual([]);
    expect((await registry.getConnection('d01'))?.lastOutcome).toMatchObject({
      slot: SLOT,
      status: 'succeeded',
    });
    expect((await registry.nextSlot('d01'))?.at).toBe('2026-03-03T02:00:00.000Z');

    // The evening window opens: the two waiting slots run, and a requested run joins them.
    clock.set('2026-03-02T22:00:05Z');
    const requested = await requestSync(registry, 'd01', { mode: 'delta', reason: 'admin button' });
    await requestSync(registry, 'd01', { reason: 'clicked twice' });
    const evening: WorkerEvent[] = [];
    await runDueSyncs(registry, {
      sync: { review: 'never' },
      once: true,
      now: clock.now,
      onEvent: (event) => evening.push(event),
    });
    expect(
      eventsOf(evening, 'run-started')
        .map((e) => e.key)
        .sort(),
    ).toEqual([requested?.key, `d03@${SLOT}`, `d07@${SLOT}`].sort());
    expect(eventsOf(evening, 'run-started').find((e) => e.tenant === 'd01')).toMatchObject({
      source: 'request',
      mode: 'auto',
    });
  });

  it('retries a failing run with backoff, then records the failure; a mass deletion is held, not retried', async () => {
    const { district, registry, clock } = await setup({ tenants: 2 });
    await registry.updateConnection('d02', { baseUrl: 'http://127.0.0.1:9/ims/oneroster/v1p1' });
    const events: WorkerEvent[] = [];
    const delays: number[] = [];
    const summary = await runDueSyncs(registry, {
      sync: { review: 'never' },
      once: true,
      now: clock.now,
      client: { retry: { retries: 0 } },
      retry: { attempts: 3, minDelayMs: 1_000, maxDelayMs: 1_500 },
      sleep: async (ms) => {
        delays.push(ms);
      },
      onEvent: (event) => events.push(event),
    });
    expect(summary).toMatchObject({ succeeded: 1, failed: 1 });
    expect(delays).toEqual([1_000, 1_500]);
    const failures = eventsOf(events, 'run-failed').filter((e) => e.tenant === 'd02');
    expect(failures.map((e) => (e.type === 'run-failed' ? [e.attempt, e.willRetry] : []))).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(await lastOutcomes(registry)).toEqual({ d01: 'succeeded', d02: 'failed' });

    // Half the students leave overnight: the guard trips, the connection waits for a person.
    const students = [...district.records('users')].filter((u) => u.role === 'student');
    for (const user of students.slice(0, Math.ceil(students.length / 2)))
      district.mutate.delete('users', user.sourcedId);
    clock.set('2026-03-03T02:00:10Z');
    // A delta does not see deletions: the nightly slot runs as a full pull, as asked.
    await requestSync(registry, 'd01', { mode: 'full', reason: 'weekly full' });
    const held: WorkerEvent[] = [];
    await runDueSyncs(registry, {
      once: true,
      now: clock.now,
      client: { retry: { retries: 0 } },
      sync: { review: 'never', deletionGuard: { maxDeleteFraction: 0.1 } },
      retry: { attempts: 3, minDelayMs: 1 },
      onEvent: (event) => held.push(event),
    });
    const d01 = held.filter((e) => e.tenant === 'd01');
    expect(d01.map((e) => e.type)).toEqual(['run-started', 'run-held']);
    expect(d01[1]).toMatchObject({ reason: 'mass-deletion', error: { name: 'MassDeletionError' } });
    expect((await registry.getConnection('d01'))?.status).toBe('awaiting-review');
    expect(await registry.dueSlots(clock.now())).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ tenant: 'd01' })]),
    );
    // No run to approve: the next pass leaves it for a person (connections resume).
    await runDueSyncs(registry, { sync: { review: 'never' }, once: true, now: clock.now });
    expect(await registry.resumeReviewed()).toEqual([]);
    expect((await registry.getConnection('d01'))?.status).toBe('awaiting-review');
  });

  it('makes a connection active again at the next pass once its held run is approved or rejected', async () => {
    const { district, registry, clock } = await setup({ tenants: 3 });
    // The test clock is behind the store's: a held run must not expire on the store's clock.
    const sync = { reviewExpiresAfterMs: 20 * 365 * 86_400_000 };
    const first: WorkerEvent[] = [];
    // Before go-live every run is held for review.
    await runDueSyncs(registry, { sync, once: true, now: clock.now, onEvent: (e) => first.push(e) });
    expect(
      eventsOf(first, 'run-held')
        .map((e) => e.tenant)
        .sort(),
    ).toEqual(['d01', 'd02', 'd03']);
    const runIdOf = async (tenant: string) => {
      const runId = (await registry.getConnection(tenant))?.lastOutcome?.runId;
      if (runId === undefined) throw new Error(`${tenant} has no held run`);
      return runId;
    };

    // Nobody has looked yet: the pass changes nothing.
    const waiting: WorkerEvent[] = [];
    await runDueSyncs(registry, { sync, once: true, now: clock.now, onEvent: (e) => waiting.push(e) });
    expect(waiting).toEqual([]);

    await approveRun(registry.store, 'd01', await runIdOf('d01'));
    await rejectRun(registry.store, 'd02', await runIdOf('d02'));
    clock.set('2026-03-02T02:05:00Z');
    const reviewed: WorkerEvent[] = [];
    await runDueSyncs(registry, { sync, once: true, now: clock.now, onEvent: (e) => reviewed.push(e) });
    expect(eventsOf(reviewed, 'run-reviewed')).toEqual([
      expect.objectContaining({ tenant: 'd01', key: `d01@${SLOT}`, review: 'approved' }),
      expect.objectContaining({ tenant: 'd02', key: `d02@${SLOT}`, review: 'rejected' }),
    ]);
    // Active again, the held slot served: nothing else is owed before tomorrow's slot.
    expect(eventsOf(reviewed, 'run-started')).toEqual([]);
    const connections = await registry.listConnections();
    expect(connections.map((c) => [c.tenant, c.status, c.lastOutcome?.review])).toEqual([
      ['d01', 'active', 'approved'],
      ['d02', 'active', 'rejected'],
      ['d03', 'awaiting-review', undefined],
    ]);
    expect(await dumpAll(registry.store, 'd01')).toEqual(providerRoster(district));
    expect(await dumpAll(registry.store, 'd02')).toEqual(providerRoster(district, { collections: [] }));

    // Tomorrow: d01 is live and commits (on-threshold), d02 is reviewed again, d03 still waits.
    clock.set('2026-03-03T02:00:30Z');
    const tomorrow: WorkerEvent[] = [];
    await runDueSyncs(registry, { sync, once: true, now: clock.now, onEvent: (e) => tomorrow.push(e) });
    const ends = tomorrow.filter((e) => e.type !== 'run-started').map((e) => `${e.type} ${e.tenant}`);
    expect(ends.sort()).toEqual(['run-finished d01', 'run-held d02']);
  });

  it('pauses a run at its window end and resumes it from its checkpoint in the next window', async () => {
    const { district, registry, clock, server } = await setup({ tenants: 1, usersPerSchool: 60 });
    await registry.updateConnection('d01', {
      windows: [{ days: ALL_DAYS, from: '02:00', to: '03:00' }],
      pauseAtWindowEnd: true,
    });
    const users = providerRoster(district).users?.length ?? 0;
    const pagesOfUsers = Math.ceil(users / 5);
    expect(pagesOfUsers).toBeGreaterThan(10);
    server.stats.reset();
    const events: WorkerEvent[] = [];
    let pages = 0;
    await runDueSyncs(registry, {
      once: true,
      now: clock.now,
      client: { pageSize: 5 },
      // The window closes while users are paged: the next page is where the run stops.
      sync: {
        review: 'never',
        onProgress: (event) => {
          if (event.type === 'page' && event.collection === 'users' && ++pages === 3)
            clock.set('2026-03-02T03:00:00Z');
        },
      },
      onEvent: (event) => events.push(event),
    });
    // Stopped at the window's end, the slot then waits for the next window.
    expect(events.map((e) => e.type)).toEqual(['run-started', 'run-interrupted', 'run-skipped']);
    const interrupted = events[1];
    expect(interrupted).toMatchObject({ reason: 'window-end', runId: expect.any(String) });
    expect(events[2]).toMatchObject({ reason: 'outside-window', startsAt: '2026-03-03T02:00:00.000Z' });
    expect((await registry.getConnection('d01'))?.lastOutcome?.status).toBe('interrupted');
    expect(await registry.waitingSlots(clock.now())).toEqual([
      expect.objectContaining({ key: `d01@${SLOT}`, startsAt: '2026-03-03T02:00:00.000Z' }),
    ]);
    // Paused, not ended: the run waits in the store with its staged pages and checkpoint.
    const runId = interrupted?.type === 'run-interrupted' ? interrupted.runId : undefined;
    expect((await registry.store.getRun('d01', runId ?? ''))?.status).toBe('running');
    expect((await registry.store.getCheckpoint('d01'))?.runId).toBe(runId);
    const firstWindow = { ...server.stats.byPath };
    // The client pages ahead: a few pages past the third were asked for before the pause.
    expect(firstWindow['/users']).toBeLessThan(pagesOfUsers / 2);

    clock.set('2026-03-03T02:00:01Z');
    server.stats.reset();
    const next: WorkerEvent[] = [];
    await runDueSyncs(registry, {
      sync: { review: 'never' },
      once: true,
      now: clock.now,
      client: { pageSize: 5 },
      onEvent: (event) => next.push(event),
    });
    expect(next.map((e) => e.type)).toEqual(['run-started', 'run-finished']);
    expect(next[1]).toMatchObject({ runId, resumed: true });
    // The next window goes on from the checkpoint: the collections committed before the pause are
    // not pulled again; the collection it paused in is pulled again from its start (docs/sync.md).
    const secondWindow = server.stats.byPath;
    for (const committed of ['/orgs', '/academicSessions', '/courses', '/classes']) {
      expect(firstWindow[committed]).toBeGreaterThan(0);
      expect(secondWindow[committed]).toBeUndefined();
    }
    expect(secondWindow['/users']).toBeGreaterThanOrEqual(pagesOfUsers);
    expect(secondWindow['/enrollments']).toBeGreaterThan(0);
    expect(await dumpAll(registry.store, 'd01')).toEqual(providerRoster(district));
  });

  it('resumes from its checkpoint the run of a worker killed mid-sync, with the store of a clean sync', async () => {
    requireBuilt('registry.js', 'sqlite.js');
    const { district, backend, registry, clock, tenants, key, server } = await setup({
      tenants: 4,
      usersPerSchool: 60,
    });
    await registry.setHostCap(server.baseUrl, { runs: 1, requests: 2 });
    const child = spawn(process.execPath, [CHILD, DIST, backend.path], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        ONEROSTER_KEYS: JSON.stringify({ current: 'k1', keys: { k1: key } }),
        ONEROSTER_TEST_NOW: RUN_AT,
        ONEROSTER_KILL_AT: JSON.stringify({ collection: 'users', pages: 3 }),
      },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let childEvents = '';
    child.stdout.on('data', (chunk: Buffer) => (childEvents += chunk.toString('utf8')));
    try {
      await reachedKillPoint(child);
      child.kill('SIGKILL');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const killed = childEvents
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as WorkerEvent);
    expect(killed.map((e) => `${e.type} ${e.tenant}`)).toEqual(['run-started d01']);

    const events: WorkerEvent[] = [];
    await runDueSyncs(registry, {
      sync: { review: 'never' },
      once: true,
      now: clock.now,
      onEvent: (event) => events.push(event),
    });
    const finished = eventsOf(events, 'run-finished');
    expect(finished.map((e) => e.tenant).sort()).toEqual(tenants);
    expect(finished.find((e) => e.tenant === 'd01')).toMatchObject({ resumed: true });
    for (const tenant of tenants)
      expect(await dumpAll(registry.store, tenant)).toEqual(providerRoster(district));
  });
});
