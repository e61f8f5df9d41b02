import assert from 'node:assert/strict';
import type { RosterRecord, RosterStore, SyncRunRef } from '../../sync/roster-store.js';

/** A store under test, and a way to open another handle on the same data. */
export interface RosterStoreFixture {
  /** A store over empty data. */
  store: RosterStore;
  /** Another handle on the same data, as a second worker or a restarted process would open. */
  open(): RosterStore | Promise<RosterStore>;
  /** Removes what the fixture made (files, schemas), after every handle is closed. */
  destroy?(): void | Promise<void>;
}

/** Makes a fresh fixture; called once per test. */
export type RosterStoreFactory = () => RosterStoreFixture | Promise<RosterStoreFixture>;

/**
 * The test functions of any runner that has them: vitest, jest, mocha, node:test. Each test cleans up
 * after itself, so hooks are accepted but not needed.
 */
export interface ContractTestApi {
  /** Your runner's `describe` (vitest, jest, mocha, node:test). */
  describe(name: string, body: () => void): unknown;
  /** Your runner's `it` (or `test`). */
  it(name: string, body: () => Promise<void>): unknown;
  beforeEach?: unknown;
  afterEach?: unknown;
}

interface Context {
  store: RosterStore;
  open(): Promise<RosterStore>;
}

const TENANT = 'district-a';
const OTHER_TENANT = 'district-b';
const LARGE_BATCH_RECORDS = 10_000;
const ITERATED_RECORDS = 2_345;

function user(sourcedId: string, extra: Partial<RosterRecord> = {}): RosterRecord {
  return {
    sourcedId,
    status: 'active',
    dateLastModified: '2026-01-05T10:00:00.000Z',
    username: sourcedId,
    ...extra,
  };
}

function users(count: number, prefix = 'u'): RosterRecord[] {
  return Array.from({ length: count }, (_, index) => user(`${prefix}${String(index).padStart(6, '0')}`));
}

async function collect(iterable: AsyncIterable<RosterRecord>): Promise<RosterRecord[]> {
  const records: RosterRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

async function seed(store: RosterStore, collection: string, records: RosterRecord[], tenant = TENANT) {
  const run = await store.beginRun(tenant, { mode: 'full' });
  await store.stage(run, collection, records);
  await store.commit(run, collection);
  await store.finishRun(run, { status: 'succeeded' });
}

function isNamed(name: string): (error: unknown) => boolean {
  return (error) => error instanceof Error && error.name === name;
}

function globalTestApi(): ContractTestApi {
  const scope = globalThis as unknown as Record<string, unknown>;
  const { describe, it } = scope;
  if (typeof describe !== 'function' || typeof it !== 'function') {
    throw new Error(
      'describeRosterStoreContract needs describe and it: pass { describe, it } from your runner, or enable its globals',
    );
  }
  return { describe: describe as ContractTestApi['describe'], it: it as ContractTestApi['it'] };
}

/**
 * Checks a {@link RosterStore} against every rule of docs/stores.md. Runs in any test runner: the
 * test functions come from `api` (or the runner's globals) and assertions from `node:assert`.
 * @example
 * import { describe, it } from 'vitest';
 * import { describeRosterStoreContract } from 'oneroster/testing';
 *
 * describeRosterStoreContract('my store', () => {
 *   const database = createDatabase();
 *   return { store: createMyStore(database), open: () => createMyStore(database) };
 * }, { describe, it });
 */
export function describeRosterStoreContract(
  name: string,
  factory: RosterStoreFactory,
  api: ContractTestApi = globalTestApi(),
): void {
  const test = (title: string, body: (context: Context) => Promise<void>) =>
    api.it(title, async () => {
      const fixture = await factory();
      const stores = [fixture.store];
      const open = async () => {
        const store = await fixture.open();
        stores.push(store);
        return store;
      };
      try {
        await body({ store: fixture.store, open });
      } finally {
        for (const store of stores) await store.close();
        await fixture.destroy?.();
      }
    });

  api.describe(`RosterStore contract: ${name}`, () => {
    test('keeps staged records invisible until their collection is committed', async ({ store }) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', users(3));
      assert.equal(await store.count(TENANT, 'users'), 0);
      assert.equal(await store.get(TENANT, 'users', 'u000001'), undefined);
      assert.deepEqual(await collect(store.iterate(TENANT, 'users')), []);
      await store.commit(run, 'users');
      assert.equal(await store.count(TENANT, 'users'), 3);
      assert.deepEqual(await store.get(TENANT, 'users', 'u000001'), user('u000001'));
    });

    test('stages idempotently: a record staged again replaces the earlier one', async ({ store }) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', [user('a'), user('b')]);
      await store.stage(run, 'users', [user('b', { username: 'b2' }), user('c')]);
      await store.stage(run, 'users', [user('c', { username: 'c2' }), user('c', { username: 'c3' })]);
      assert.equal((await store.diff(run, 'users')).staged, 3);
      await store.commit(run, 'users');
      assert.equal((await store.get(TENANT, 'users', 'b'))?.['username'], 'b2');
      assert.equal((await store.get(TENANT, 'users', 'c'))?.['username'], 'c3');
    });

    test('diffs staged records against the stored snapshot by content', async ({ store }) => {
      const old = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => user(id));
      await seed(store, 'users', [...old, user('g', { status: 'tobedeleted' })]);
      const run = await store.beginRun(TENANT, { mode: 'full' });
      const sameContentOtherKeyOrder: RosterRecord = JSON.parse(
        '{"username":"a","dateLastModified":"2026-01-05T10:00:00.000Z","status":"active","sourcedId":"a"}',
      );
      await store.stage(run, 'users', [
        sameContentOtherKeyOrder,
        user('b', { username: 'renamed' }),
        user('c', { status: 'tobedeleted' }),
        user('x'),
        user('g'),
        user('y', { status: 'tobedeleted' }),
      ]);
      const expected = { staged: 6, inserted: 2, updated: 1, unchanged: 1, tombstoned: 1, unseen: 3 };
      assert.deepEqual(await store.diff(run, 'users'), expected);
      assert.deepEqual(await store.commit(run, 'users'), { ...expected, deleted: 0 });
    });

    test('tombstones records a full pull did not see, by default', async ({ store }) => {
      await seed(store, 'users', users(5));
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', users(3));
      const result = await store.commit(run, 'users');
      assert.equal(result.unseen, 2);
      assert.equal(result.deleted, 0);
      assert.equal((await store.get(TENANT, 'users', 'u000004'))?.status, 'tobedeleted');
      assert.equal(await store.count(TENANT, 'users', { status: 'active' }), 3);
      assert.equal(await store.count(TENANT, 'users'), 5);
      await store.finishRun(run, { status: 'succeeded' });
      const back = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(back, 'users', users(5));
      assert.equal((await store.diff(back, 'users')).inserted, 2);
    });

    test('deletes records a full pull did not see, when asked', async ({ store }) => {
      await seed(store, 'users', users(5));
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', users(3));
      const result = await store.commit(run, 'users', { unseen: 'delete' });
      assert.equal(result.deleted, 2);
      assert.equal(await store.get(TENANT, 'users', 'u000004'), undefined);
      assert.equal(await store.count(TENANT, 'users'), 3);
    });

    test('keeps a tombstone as a tobedeleted record, or deletes the record when asked', async ({ store }) => {
      await seed(store, 'users', users(3));
      await seed(store, 'classes', users(3, 'c'));
      const run = await store.beginRun(TENANT, { mode: 'delta' });
      await store.stage(run, 'users', [user('u000001', { status: 'tobedeleted' })]);
      await store.stage(run, 'classes', [user('c000001', { status: 'tobedeleted' })]);
      assert.equal((await store.commit(run, 'users')).tombstoned, 1);
      const deleted = await store.commit(run, 'classes', { tombstones: 'delete' });
      assert.deepEqual([deleted.tombstoned, deleted.deleted], [1, 1]);
      assert.equal((await store.get(TENANT, 'users', 'u000001'))?.status, 'tobedeleted');
      assert.equal(await store.get(TENANT, 'classes', 'c000001'), undefined);
      assert.equal(await store.count(TENANT, 'classes'), 2);
    });

    test('commits a delta without touching the records it did not see', async ({ store }) => {
      await seed(store, 'users', users(4));
      const run = await store.beginRun(TENANT, { mode: 'delta' });
      await store.stage(run, 'users', [user('u000000', { username: 'changed' }), user('new')]);
      await assert.rejects(store.commit(run, 'users', { unseen: 'delete' }));
      await assert.rejects(store.commit(run, 'users', { unseen: 'tombstone' }));
      const result = await store.commit(run, 'users');
      assert.deepEqual([result.updated, result.inserted, result.unseen, result.deleted], [1, 1, 0, 0]);
      assert.equal(await store.count(TENANT, 'users', { status: 'active' }), 5);
    });

    test('leaves the stored snapshot unchanged when a run fails, aborts or is a dry run', async ({
      store,
    }) => {
      await seed(store, 'users', users(4));
      const before = await collect(store.iterate(TENANT, 'users'));
      const change = [user('u000000', { username: 'changed' }), user('u000001', { status: 'tobedeleted' })];
      for (const status of ['failed', 'aborted'] as const) {
        const run = await store.beginRun(TENANT, { mode: 'full' });
        await store.stage(run, 'users', change);
        await store.finishRun(run, { status });
        assert.deepEqual(await collect(store.iterate(TENANT, 'users')), before);
      }
      const dry = await store.beginRun(TENANT, { mode: 'full', dryRun: true });
      await store.stage(dry, 'users', change);
      assert.equal((await store.diff(dry, 'users')).unseen, 2);
      await assert.rejects(store.commit(dry, 'users'));
      await store.finishRun(dry, { status: 'succeeded' });
      assert.deepEqual(await collect(store.iterate(TENANT, 'users')), before);
      const next = await store.beginRun(TENANT, { mode: 'full' });
      assert.equal((await store.diff(next, 'users')).staged, 0);
    });

    test("discards one collection's staged records to restart its pull", async ({ store }) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', users(3));
      await store.stage(run, 'orgs', users(2, 'o'));
      await store.discard(run, 'users');
      await store.stage(run, 'users', users(1));
      assert.equal((await store.diff(run, 'users')).staged, 1);
      assert.equal((await store.diff(run, 'orgs')).staged, 2);
    });

    test('refuses to stage or commit a collection again once the run committed it', async ({ store }) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', users(2));
      await store.commit(run, 'users');
      await assert.rejects(store.commit(run, 'users'));
      await assert.rejects(store.stage(run, 'users', users(1)));
      assert.equal(await store.count(TENANT, 'users'), 2);
      assert.deepEqual((await store.getRun(TENANT, run.id))?.committed, ['users']);
    });

    test('rejects a batch with an invalid record, staging none of it', async ({ store }) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', users(2), { checkpoint: { offset: 2 } });
      const invalid = { ...user('bad'), status: 'inactive' } as unknown as RosterRecord;
      await assert.rejects(
        store.stage(run, 'users', [user('z'), invalid], { checkpoint: { offset: 4 } }),
        TypeError,
      );
      const missingId = { status: 'active', dateLastModified: '2026-01-01' } as unknown as RosterRecord;
      await assert.rejects(store.stage(run, 'users', [missingId]), TypeError);
      assert.equal((await store.diff(run, 'users')).staged, 2);
      assert.deepEqual((await store.getCheckpoint(TENANT))?.data, { offset: 2 });
    });

    test('keeps a checkpoint with its batch, and both survive a restart', async ({ store, open }) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.saveCheckpoint(run, { collection: 'users', offset: 0 });
      await store.stage(run, 'users', users(100).slice(0, 60), {
        checkpoint: { collection: 'users', offset: 60 },
      });
      await store.close();
      const restarted = await open();
      const checkpoint = await restarted.getCheckpoint(TENANT);
      assert.equal(checkpoint?.runId, run.id);
      assert.deepEqual(checkpoint?.data, { collection: 'users', offset: 60 });
      assert.equal(typeof checkpoint?.savedAt, 'string');
      const resumed = await restarted.resumeRun(TENANT, run.id);
      assert.equal(resumed?.status, 'running');
      if (resumed === undefined) return;
      await restarted.stage(resumed, 'users', users(100).slice(50), { checkpoint: { offset: 100 } });
      assert.equal((await restarted.commit(resumed, 'users')).inserted, 100);
      await restarted.finishRun(resumed, { status: 'succeeded' });
      assert.equal(await restarted.getCheckpoint(TENANT), undefined);
      assert.equal(await restarted.resumeRun(TENANT, run.id), undefined);
    });

    test('abandons a crashed run when a new run of the tenant begins', async ({ store, open }) => {
      const crashed = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(crashed, 'users', users(3), { checkpoint: { offset: 3 } });
      await store.close();
      const restarted = await open();
      const run = await restarted.beginRun(TENANT, { mode: 'full' });
      assert.equal((await restarted.getRun(TENANT, crashed.id))?.status, 'abandoned');
      assert.equal(await restarted.getCheckpoint(TENANT), undefined);
      assert.equal((await restarted.diff(run, 'users')).staged, 0);
      await assert.rejects(store.stage(crashed, 'users', users(1)), isNamed('SyncRunInactiveError'));
    });

    test("leaves a crashed run's staging and checkpoint alone when a dry run begins and ends", async ({
      store,
      open,
    }) => {
      const crashed = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(crashed, 'users', users(3), { checkpoint: { offset: 3 } });
      await store.close();
      const restarted = await open();
      // A dry run is a preview: it must not cost the next real run its resume point.
      const dry = await restarted.beginRun(TENANT, { mode: 'full', dryRun: true });
      await restarted.stage(dry, 'users', users(5, 'd'), { checkpoint: { offset: 5, dry: true } });
      await restarted.saveCheckpoint(dry, { dry: true });
      assert.equal((await restarted.diff(dry, 'users')).staged, 5);
      await restarted.finishRun(dry, { status: 'succeeded' });
      assert.equal((await restarted.getRun(TENANT, crashed.id))?.status, 'running');
      const checkpoint = await restarted.getCheckpoint(TENANT);
      assert.deepEqual([checkpoint?.runId, checkpoint?.data], [crashed.id, { offset: 3 }]);
      const resumed = await restarted.resumeRun(TENANT, crashed.id);
      assert.ok(resumed !== undefined);
      assert.equal((await restarted.diff(resumed, 'users')).staged, 3);
    });

    test('abandons a crashed dry run when the next run begins, dry or not', async ({ store, open }) => {
      const crashed = await store.beginRun(TENANT, { mode: 'full', dryRun: true });
      await store.stage(crashed, 'users', users(3));
      await store.close();
      const restarted = await open();
      const dry = await restarted.beginRun(TENANT, { mode: 'full', dryRun: true });
      assert.equal((await restarted.getRun(TENANT, crashed.id))?.status, 'abandoned');
      assert.equal((await restarted.diff(dry, 'users')).staged, 0);
    });

    test('sets a deletion baseline with a commit, and sums what later commits retire', async ({
      store,
      open,
    }) => {
      assert.equal(await store.getBaseline(TENANT, 'users'), undefined);
      const first = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(first, 'users', [...users(10), user('gone', { status: 'tobedeleted' })]);
      // Without a baseline, accumulating does nothing.
      await store.stage(first, 'orgs', users(2, 'o'));
      await store.commit(first, 'orgs');
      assert.equal(await store.getBaseline(TENANT, 'orgs'), undefined);
      await store.commit(first, 'users', { baseline: 'set' });
      await store.finishRun(first, { status: 'succeeded' });
      const set = await store.getBaseline(TENANT, 'users');
      assert.deepEqual([set?.runId, set?.active, set?.retiredSince], [first.id, 10, 0]);
      assert.ok(typeof set?.setAt === 'string' && !Number.isNaN(Date.parse(set.setAt)));

      const full = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(full, 'users', [...users(7), user('new')]);
      await store.commit(full, 'users');
      await store.finishRun(full, { status: 'succeeded' });
      const delta = await store.beginRun(TENANT, { mode: 'delta' });
      await store.stage(delta, 'users', [user('u000000', { status: 'tobedeleted' }), user('newer')]);
      await store.commit(delta, 'users');
      await store.finishRun(delta, { status: 'succeeded' });
      const kept = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(kept, 'users', users(2));
      await store.commit(kept, 'users', { unseen: 'keep' });
      await store.finishRun(kept, { status: 'succeeded' });
      // 3 unseen + 1 tombstone; arrivals and unseen records that were kept do not count.
      assert.deepEqual(
        { ...(await store.getBaseline(TENANT, 'users')), setAt: '' },
        {
          ...set,
          setAt: '',
          retiredSince: 4,
        },
      );
      assert.equal(await store.getBaseline(OTHER_TENANT, 'users'), undefined);

      await store.close();
      const restarted = await open();
      assert.equal((await restarted.getBaseline(TENANT, 'users'))?.retiredSince, 4);
      const accepted = await restarted.beginRun(TENANT, { mode: 'full' });
      await restarted.stage(accepted, 'users', users(5));
      await restarted.commit(accepted, 'users', { baseline: 'set' });
      const moved = await restarted.getBaseline(TENANT, 'users');
      assert.deepEqual([moved?.runId, moved?.active, moved?.retiredSince], [accepted.id, 5, 0]);
    });

    test('refuses a second live run of a tenant, from this store or another', async ({ store, open }) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      const other = await open();
      await assert.rejects(store.beginRun(TENANT, { mode: 'delta' }), isNamed('SyncInProgressError'));
      await assert.rejects(other.beginRun(TENANT, { mode: 'full' }), isNamed('SyncInProgressError'));
      await assert.rejects(other.resumeRun(TENANT, run.id), isNamed('SyncInProgressError'));
      await assert.rejects(other.stage(run, 'users', users(1)), isNamed('SyncRunInactiveError'));
      await store.finishRun(run, { status: 'succeeded' });
      await assert.rejects(store.stage(run, 'users', users(1)), isNamed('SyncRunInactiveError'));
      const next = await other.beginRun(TENANT, { mode: 'full' });
      await other.finishRun(next, { status: 'succeeded' });
    });

    test('runs different tenants at the same time', async ({ store, open }) => {
      const other = await open();
      const sync = async (handle: RosterStore, tenant: string, count: number) => {
        const run = await handle.beginRun(tenant, { mode: 'full' });
        for (let start = 0; start < count; start += 50) {
          await handle.stage(run, 'users', users(count).slice(start, start + 50), { checkpoint: { start } });
        }
        await handle.commit(run, 'users');
        await handle.finishRun(run, { status: 'succeeded' });
      };
      await Promise.all([
        sync(store, TENANT, 500),
        sync(other, OTHER_TENANT, 300),
        sync(store, 'district-c', 200),
      ]);
      assert.equal(await store.count(TENANT, 'users'), 500);
      assert.equal(await store.count(OTHER_TENANT, 'users'), 300);
      assert.equal(await other.count('district-c', 'users'), 200);
    });

    test('isolates tenants that share sourcedIds', async ({ store }) => {
      await seed(store, 'users', [user('same', { username: 'in-a' }), user('only-a')], TENANT);
      await seed(store, 'users', [user('same', { username: 'in-b' }), user('only-b')], OTHER_TENANT);
      const run = await store.beginRun(TENANT, { mode: 'full' });
      const other = await store.beginRun(OTHER_TENANT, { mode: 'full' });
      await store.stage(run, 'users', [user('new-a')], { checkpoint: { tenant: 'a' } });
      await store.stage(other, 'users', [user('same', { username: 'in-b' }), user('only-b')]);
      assert.deepEqual(await store.diff(other, 'users'), {
        staged: 2,
        inserted: 0,
        updated: 0,
        unchanged: 2,
        tombstoned: 0,
        unseen: 0,
      });
      await store.commit(run, 'users', { unseen: 'delete', watermark: '2026-01-05T00:00:00Z' });
      assert.equal((await store.get(OTHER_TENANT, 'users', 'same'))?.['username'], 'in-b');
      assert.equal(await store.count(OTHER_TENANT, 'users'), 2);
      assert.equal(await store.getWatermark(OTHER_TENANT, 'users'), undefined);
      assert.equal(await store.getCheckpoint(OTHER_TENANT), undefined);
      assert.deepEqual(await collect(store.iterate(TENANT, 'users')), [user('new-a')]);
    });

    test('keeps watermarks per tenant and collection, and saves one with a commit', async ({ store }) => {
      assert.equal(await store.getWatermark(TENANT, 'users'), undefined);
      await store.setWatermark(TENANT, 'users', '2026-01-01T00:00:00Z');
      await store.setWatermark(TENANT, 'classes', '2026-01-02T00:00:00Z');
      const run = await store.beginRun(TENANT, { mode: 'delta' });
      await store.stage(run, 'users', [user('a')]);
      await store.commit(run, 'users', {
        watermark: '2026-01-03T00:00:00Z',
        checkpoint: { next: 'classes' },
      });
      assert.equal(await store.getWatermark(TENANT, 'users'), '2026-01-03T00:00:00Z');
      assert.equal(await store.getWatermark(TENANT, 'classes'), '2026-01-02T00:00:00Z');
      assert.deepEqual((await store.getCheckpoint(TENANT))?.data, { next: 'classes' });
      await store.setWatermark(TENANT, 'classes', undefined);
      assert.equal(await store.getWatermark(TENANT, 'classes'), undefined);
    });

    test('reports the last full sync that succeeded, ignoring deltas, dry runs and failures', async ({
      store,
    }) => {
      assert.equal(await store.lastFullSync(TENANT), undefined);
      const full = await store.beginRun(TENANT, { mode: 'full' });
      await store.finishRun(full, { status: 'succeeded' });
      const attempts = [
        { mode: 'delta', dryRun: false, status: 'succeeded' },
        { mode: 'full', dryRun: true, status: 'succeeded' },
        { mode: 'full', dryRun: false, status: 'failed' },
      ] as const;
      for (const attempt of attempts) {
        const run = await store.beginRun(TENANT, attempt);
        await store.finishRun(run, { status: attempt.status });
      }
      const last = await store.lastFullSync(TENANT);
      assert.deepEqual([last?.id, last?.status, last?.mode], [full.id, 'succeeded', 'full']);
      assert.equal(typeof last?.finishedAt, 'string');
      assert.equal(await store.lastFullSync(OTHER_TENANT), undefined);
    });

    test('counts, gets and iterates stored records in sourcedId order, page by page', async ({ store }) => {
      const records = users(ITERATED_RECORDS).map((record, index) =>
        index % 10 === 0 ? { ...record, status: 'tobedeleted' as const } : record,
      );
      const shuffled = [...records].sort((a, b) => hashOf(a.sourcedId) - hashOf(b.sourcedId));
      const run = await store.beginRun(TENANT, { mode: 'full' });
      for (let start = 0; start < shuffled.length; start += 500) {
        await store.stage(run, 'users', shuffled.slice(start, start + 500));
      }
      await store.commit(run, 'users');
      await store.finishRun(run, { status: 'succeeded' });
      assert.deepEqual(await collect(store.iterate(TENANT, 'users', { pageSize: 100 })), records);
      const active = await collect(store.iterate(TENANT, 'users', { status: 'active', pageSize: 7 }));
      assert.deepEqual(
        active,
        records.filter((record) => record.status === 'active'),
      );
      assert.equal(
        await store.count(TENANT, 'users', { status: 'tobedeleted' }),
        Math.ceil(ITERATED_RECORDS / 10),
      );
      const tail = await collect(store.iterate(TENANT, 'users', { after: 'u002339' }));
      assert.deepEqual(tail, records.slice(2340));
      let seen = 0;
      for await (const _ of store.iterate(TENANT, 'users')) if (++seen === 5) break;
      await seed(store, 'orgs', users(2, 'o'));
      assert.equal(await store.count(TENANT, 'orgs'), 2);
      assert.deepEqual(await collect(store.iterate(TENANT, 'courses')), []);
    });

    test('orders sourcedIds by code point, whatever their script', async ({ store }) => {
      const ids = ['b', 'B', 'a-1', 'a_1', 'é', 'z', '\u{1F600}', '\uFF21', '10', '9'];
      await seed(
        store,
        'orgs',
        ids.map((id) => user(id)),
      );
      const order = (await collect(store.iterate(TENANT, 'orgs', { pageSize: 3 }))).map((r) => r.sourcedId);
      assert.deepEqual(order, ['10', '9', 'B', 'a-1', 'a_1', 'b', 'z', 'é', '\uFF21', '\u{1F600}']);
    });

    test(`stages a batch of ${LARGE_BATCH_RECORDS} records in one call`, async ({ store }) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'enrollments', users(LARGE_BATCH_RECORDS, 'e'), { checkpoint: { offset: 1 } });
      assert.equal((await store.commit(run, 'enrollments')).inserted, LARGE_BATCH_RECORDS);
      assert.equal(await store.count(TENANT, 'enrollments'), LARGE_BATCH_RECORDS);
    });

    test('hands out copies that callers may change', async ({ store }) => {
      const record = user('a', { grades: ['09'] });
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', [record]);
      (record['grades'] as string[]).push('10');
      await store.commit(run, 'users');
      const stored = await store.get(TENANT, 'users', 'a');
      assert.ok(stored !== undefined);
      assert.deepEqual(stored['grades'], ['09']);
      (stored['grades'] as string[]).push('11');
      assert.deepEqual((await store.get(TENANT, 'users', 'a'))?.['grades'], ['09']);
    });

    test('ends every run it finishes with its status and time', async ({ store }) => {
      const run: SyncRunRef = await store.beginRun(TENANT, { mode: 'delta' });
      const finished = await store.finishRun(run, { status: 'failed' });
      assert.deepEqual([finished.status, finished.mode, finished.dryRun], ['failed', 'delta', false]);
      assert.ok(finished.finishedAt !== undefined && finished.finishedAt >= finished.startedAt);
      assert.deepEqual(await store.getRun(TENANT, run.id), finished);
      assert.equal(await store.getRun(OTHER_TENANT, run.id), undefined);
      await assert.rejects(store.finishRun(run, { status: 'succeeded' }), isNamed('SyncRunInactiveError'));
    });
  });
}

/** A cheap deterministic shuffle key, so the stores see records out of order. */
function hashOf(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash >>> 0;
}
