/** The contract of runs held for review: a persisted hold, refused runs, approval from another handle. */
import assert from 'node:assert/strict';
import type { RosterStore } from '../../sync/roster-store.js';
import {
  type ContractTest,
  collect,
  OTHER_TENANT,
  rejectsWith,
  seed,
  TENANT,
  users,
} from './contract-kit.js';

/** Far enough ahead of any store's clock that the hold cannot expire during a test. */
const FAR_FUTURE = '2999-01-01T00:00:00.000Z';
/** Behind any store's clock: a hold that has already expired. */
const LONG_AGO = '2000-01-01T00:00:00.000Z';
const PLAN = { version: 1, collections: [{ collection: 'users', unseen: 'tombstone' }] };

/** A full run that stages 3 users over the 2 stored ones and is held for review. */
async function holdUsers(store: RosterStore, expiresAt = FAR_FUTURE) {
  await seed(store, 'users', users(2));
  const run = await store.beginRun(TENANT, { mode: 'full' });
  await store.stage(run, 'users', users(3), { checkpoint: { offset: 3 } });
  const held = await store.holdRun(run, { expiresAt, plan: PLAN });
  return { run, held };
}

export function heldRunsContract(test: ContractTest): void {
  test('holds a run for review with its staged records and plan, readable from any handle', async ({
    store,
    open,
  }) => {
    const { run, held } = await holdUsers(store);
    assert.equal(held.run.id, run.id);
    assert.equal(held.run.status, 'awaiting-review');
    assert.equal(held.expiresAt, FAR_FUTURE);
    assert.deepEqual(held.plan, PLAN);
    assert.equal(await store.getCheckpoint(TENANT), undefined, 'a held run keeps no resume point');
    assert.equal(await store.count(TENANT, 'users'), 2, 'nothing of a held run is committed');
    await rejectsWith(store.commit(run, 'users'), 'SyncRunInactiveError', 'committing a held run untaken');
    const other = await open();
    const seen = await other.getHeldRun(TENANT);
    assert.equal(seen?.run.id, run.id);
    assert.deepEqual(seen?.plan, PLAN);
    assert.equal(typeof seen?.heldAt, 'string');
    const staged = await collect(other.iterateStaged(TENANT, run.id, 'users', { pageSize: 2 }));
    assert.deepEqual(
      staged.map((record) => record.sourcedId),
      users(3).map((record) => record.sourcedId),
    );
    assert.equal(await other.getHeldRun(OTHER_TENANT), undefined);
  });

  test('reads the latest staged version of each record in order, after a point, and again after a stop', async ({
    store,
  }) => {
    await seed(store, 'users', users(1));
    const run = await store.beginRun(TENANT, { mode: 'full' });
    // Staged out of order over three batches, u000002 twice: its last version wins.
    const [u0, u1, u2, u3, u4] = users(5);
    await store.stage(run, 'users', [u3!, u1!]);
    await store.stage(run, 'users', [u2!, u4!, u0!]);
    await store.stage(run, 'users', [{ ...u2!, username: 'last' }]);
    await store.holdRun(run, { expiresAt: FAR_FUTURE, plan: PLAN });
    const ids = (records: readonly { sourcedId: string }[]) => records.map((record) => record.sourcedId);
    const all = await collect(store.iterateStaged(TENANT, run.id, 'users', { pageSize: 2 }));
    assert.deepEqual(ids(all), ['u000000', 'u000001', 'u000002', 'u000003', 'u000004']);
    assert.equal(all[2]?.['username'], 'last', 'the last staged version of a record');
    const rest = await collect(
      store.iterateStaged(TENANT, run.id, 'users', { after: 'u000002', pageSize: 1 }),
    );
    assert.deepEqual(ids(rest), ['u000003', 'u000004']);
    // An iteration stopped early leaves nothing behind that a later one trips over.
    for (let round = 0; round < 3; round++) {
      for await (const record of store.iterateStaged(TENANT, run.id, 'users', { pageSize: 2 })) {
        assert.equal(record.sourcedId, 'u000000');
        break;
      }
    }
    assert.deepEqual(ids(await collect(store.iterateStaged(TENANT, run.id, 'users'))), ids(all));
    assert.deepEqual(await collect(store.iterateStaged(TENANT, run.id, 'orgs')), []);
  });

  test('refuses another run of the tenant while one is held, naming the held run', async ({
    store,
    open,
  }) => {
    const { run } = await holdUsers(store);
    await store.close();
    // A held run is a persisted state: it outlives the process that held it.
    const restarted = await open();
    for (const dryRun of [false, true]) {
      await assert.rejects(restarted.beginRun(TENANT, { mode: 'full', dryRun }), (error: unknown) => {
        assert.equal(error instanceof Error ? error.name : undefined, 'SyncInProgressError');
        assert.equal(Reflect.get(Object(error), 'runId'), run.id);
        assert.equal(Reflect.get(Object(error), 'awaitingReview'), true);
        return true;
      });
    }
    await rejectsWith(restarted.resumeRun(TENANT, run.id), 'SyncInProgressError', 'resuming a held run');
    const other = await restarted.beginRun(OTHER_TENANT, { mode: 'full' });
    await restarted.finishRun(other, { status: 'succeeded' });
  });

  test('approves a held run from a fresh handle: it commits exactly what was staged', async ({
    store,
    open,
  }) => {
    const { run } = await holdUsers(store);
    await store.close();
    const approver = await open();
    const taken = await approver.takeHeldRun(TENANT, run.id);
    assert.equal(taken?.id, run.id);
    assert.equal(taken?.status, 'running');
    if (taken === undefined) return;
    assert.equal(await approver.getHeldRun(TENANT), undefined, 'a taken run is no longer held');
    const third = await open();
    await rejectsWith(third.takeHeldRun(TENANT, run.id), 'SyncInProgressError', 'taking a taken run');
    await rejectsWith(
      third.beginRun(TENANT, { mode: 'full' }),
      'SyncInProgressError',
      'a run over a taken one',
    );
    const result = await approver.commit(taken, 'users', { unseen: 'tombstone' });
    assert.deepEqual([result.inserted, result.unchanged], [1, 2]);
    const finished = await approver.finishRun(taken, { status: 'succeeded' });
    assert.equal(finished.status, 'succeeded');
    assert.deepEqual(finished.committed, ['users']);
    assert.equal(
      (await approver.lastFullSync(TENANT))?.id,
      run.id,
      'an approved full run is the last full sync',
    );
    assert.equal(await approver.count(TENANT, 'users', { status: 'active' }), 3);
    assert.equal(await approver.takeHeldRun(TENANT, run.id), undefined);
  });

  test('rejects a held run: its staging is discarded and the tenant is free', async ({ store, open }) => {
    const { run } = await holdUsers(store);
    const reviewer = await open();
    const taken = await reviewer.takeHeldRun(TENANT, run.id);
    assert.ok(taken !== undefined);
    const rejected = await reviewer.finishRun(taken, { status: 'rejected' });
    assert.equal(rejected.status, 'rejected');
    assert.equal(typeof rejected.finishedAt, 'string');
    assert.deepEqual(await collect(reviewer.iterateStaged(TENANT, run.id, 'users')), []);
    assert.equal(await reviewer.getHeldRun(TENANT), undefined);
    assert.equal(await reviewer.count(TENANT, 'users'), 2);
    const next = await store.beginRun(TENANT, { mode: 'full' });
    await store.finishRun(next, { status: 'succeeded' });
  });

  test('discards a held run once it has expired, and lets the next run begin', async ({ store, open }) => {
    const { run } = await holdUsers(store, LONG_AGO);
    const other = await open();
    assert.equal(await other.getHeldRun(TENANT), undefined);
    assert.equal((await other.getRun(TENANT, run.id))?.status, 'expired');
    assert.deepEqual(await collect(other.iterateStaged(TENANT, run.id, 'users')), []);
    assert.equal(await other.takeHeldRun(TENANT, run.id), undefined);
    const next = await other.beginRun(TENANT, { mode: 'full' });
    assert.equal((await other.diff(next, 'users')).staged, 0);
    await other.finishRun(next, { status: 'succeeded' });
  });

  test('expires a held run also when the next run begins without reading it first', async ({ store }) => {
    const { run } = await holdUsers(store, LONG_AGO);
    const next = await store.beginRun(TENANT, { mode: 'full' });
    assert.equal((await store.getRun(TENANT, run.id))?.status, 'expired');
    await store.finishRun(next, { status: 'succeeded' });
  });

  test('refuses to hold a dry run', async ({ store }) => {
    const dry = await store.beginRun(TENANT, { mode: 'full', dryRun: true });
    await rejectsWith(
      store.holdRun(dry, { expiresAt: FAR_FUTURE, plan: PLAN }),
      'TypeError',
      'holding a dry run',
    );
  });
}
