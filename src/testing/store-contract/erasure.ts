/** The contract of erasure: a tenant or single records gone from every table, never under a live run. */
import assert from 'node:assert/strict';
import type { RosterStore } from '../../sync/roster-store.js';
import {
  type ContractTest,
  collect,
  OTHER_TENANT,
  rejectsWith,
  seed,
  TENANT,
  user,
  users,
} from './contract-kit.js';

/** A name that must leave no trace in a receipt. */
const SENTINEL_NAME = 'Quillonbrae';

/** A tenant with everything a store keeps: records, tombstones, baselines, watermarks, runs, a crashed run. */
async function syncEverything(store: RosterStore, tenant: string) {
  const first = await store.beginRun(tenant, { mode: 'full' });
  await store.stage(first, 'users', [
    ...users(20),
    user('gone', { status: 'tobedeleted', givenName: SENTINEL_NAME }),
  ]);
  await store.stage(first, 'orgs', users(3, 'o'));
  await store.commit(first, 'users', { baseline: 'set', watermark: '2026-01-05T10:00:00.000Z' });
  await store.commit(first, 'orgs', { baseline: 'set' });
  await store.finishRun(first, { status: 'succeeded' });
  await store.setWatermark(tenant, 'orgs', '2026-01-04T00:00:00.000Z');
  const failed = await store.beginRun(tenant, { mode: 'delta' });
  await store.finishRun(failed, { status: 'failed' });
  const crashed = await store.beginRun(tenant, { mode: 'full' });
  await store.stage(crashed, 'users', [user('u000001', { givenName: SENTINEL_NAME })], {
    checkpoint: { collection: 'users', offset: 1 },
  });
  return { runIds: [first.id, failed.id, crashed.id], crashed };
}

export function erasureContract(test: ContractTest): void {
  test('erases every row of a tenant, which then syncs as a first sync, and leaves other tenants alone', async ({
    store,
    open,
  }) => {
    const erased = await syncEverything(store, TENANT);
    const kept = await syncEverything(store, OTHER_TENANT);
    // A crash: the runs in progress stay `running`, with their staging and checkpoints.
    await store.close();
    const restarted = await open();
    const otherBefore = {
      users: await collect(restarted.iterate(OTHER_TENANT, 'users')),
      baseline: await restarted.getBaseline(OTHER_TENANT, 'users'),
      lastFullSync: await restarted.lastFullSync(OTHER_TENANT),
    };

    const receipt = await restarted.eraseTenant(TENANT);
    assert.equal(receipt.tenant, TENANT);
    assert.ok(!Number.isNaN(Date.parse(receipt.erasedAt)), 'erasedAt is an ISO 8601 datetime');
    assert.equal(receipt.tables['records'], 24, 'the receipt counts the records erased, tombstones included');
    for (const [table, rows] of Object.entries(receipt.tables)) {
      assert.ok(Number.isInteger(rows) && rows >= 0, `rows erased from ${table}: ${rows}`);
    }
    assert.ok(!JSON.stringify(receipt).includes(SENTINEL_NAME), 'the receipt holds no personal data');

    for (const collection of ['users', 'orgs']) {
      assert.equal(await restarted.count(TENANT, collection), 0, `${collection} count after erasure`);
      assert.deepEqual(await collect(restarted.iterate(TENANT, collection)), []);
      assert.equal(await restarted.getWatermark(TENANT, collection), undefined);
      assert.equal(await restarted.getBaseline(TENANT, collection), undefined);
    }
    assert.equal(await restarted.get(TENANT, 'users', 'u000001'), undefined);
    assert.equal(await restarted.getCheckpoint(TENANT), undefined);
    assert.equal(await restarted.lastFullSync(TENANT), undefined);
    for (const runId of erased.runIds) assert.equal(await restarted.getRun(TENANT, runId), undefined);
    assert.equal(await restarted.resumeRun(TENANT, erased.crashed.id), undefined, 'the crashed run is gone');

    const fresh = await restarted.beginRun(TENANT, { mode: 'full' });
    await restarted.stage(fresh, 'users', users(5));
    assert.deepEqual(
      await restarted.diff(fresh, 'users'),
      { staged: 5, inserted: 5, updated: 0, unchanged: 0, tombstoned: 0, unseen: 0 },
      'a sync after the erasure starts from nothing: no staging, no stored record',
    );
    await restarted.commit(fresh, 'users');
    await restarted.finishRun(fresh, { status: 'succeeded' });
    assert.equal((await restarted.getBaseline(TENANT, 'users'))?.runId, undefined);

    assert.deepEqual(await collect(restarted.iterate(OTHER_TENANT, 'users')), otherBefore.users);
    assert.deepEqual(await restarted.getBaseline(OTHER_TENANT, 'users'), otherBefore.baseline);
    assert.deepEqual(await restarted.lastFullSync(OTHER_TENANT), otherBefore.lastFullSync);
    assert.equal(await restarted.getWatermark(OTHER_TENANT, 'orgs'), '2026-01-04T00:00:00.000Z');
    assert.equal((await restarted.getCheckpoint(OTHER_TENANT))?.runId, kept.crashed.id);
    const resumed = await restarted.resumeRun(OTHER_TENANT, kept.crashed.id);
    assert.ok(resumed !== undefined, "another tenant's crashed run stays resumable");
    assert.equal((await restarted.diff(resumed, 'users')).staged, 1);

    const again = await restarted.eraseTenant('district-never-synced');
    assert.ok(
      Object.values(again.tables).every((rows) => rows === 0),
      'erasing an unknown tenant erases nothing',
    );
  });

  test('refuses to erase a tenant or its records while a run of it is live, from this store or another', async ({
    store,
    open,
  }) => {
    await seed(store, 'users', users(10));
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', users(3, 'n'));
    const other = await open();
    const live = 'erasing a tenant whose run is live';
    await rejectsWith(store.eraseTenant(TENANT), 'EraseRefusedError', live);
    await rejectsWith(other.eraseTenant(TENANT), 'EraseRefusedError', live);
    await rejectsWith(other.eraseRecords(TENANT, 'users', ['u000001']), 'EraseRefusedError', live);
    assert.equal(await other.count(TENANT, 'users'), 10, 'a refused erasure erases nothing');
    assert.equal((await store.diff(run, 'users')).staged, 3, "a refused erasure leaves the run's staging");
    // The refusal must not take the tenant: the run goes on, and other tenants can be erased meanwhile.
    await other.eraseTenant(OTHER_TENANT);
    await store.commit(run, 'users', { unseen: 'keep' });
    await store.finishRun(run, { status: 'succeeded' });
    assert.equal((await other.eraseTenant(TENANT)).tables['records'], 13);
    assert.equal(await store.count(TENANT, 'users'), 0);
  });

  test('erases single records and their staged copies, ignoring unknown ids, and leaves references as they are', async ({
    store,
    open,
  }) => {
    await seed(store, 'users', users(10));
    await seed(store, 'users', users(10), OTHER_TENANT);
    const enrollment = user('e1', { user: { sourcedId: 'u000001', type: 'user' } });
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'enrollments', [enrollment]);
    await store.commit(run, 'enrollments');
    await store.finishRun(run, { status: 'succeeded' });
    const crashed = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(crashed, 'users', [user('u000001', { givenName: 'Changed' }), user('u000002')]);
    await store.close();
    const restarted = await open();

    const receipt = await restarted.eraseRecords(TENANT, 'users', ['u000001', 'nobody', 'u000001']);
    assert.deepEqual(
      [
        receipt.tenant,
        receipt.collection,
        receipt.requested,
        receipt.tables['records'],
        receipt.tables['staged'],
      ],
      [TENANT, 'users', 2, 1, 1],
      'the receipt counts distinct ids asked for, and the stored and staged rows erased',
    );
    assert.ok(!Number.isNaN(Date.parse(receipt.erasedAt)));
    assert.equal(await restarted.get(TENANT, 'users', 'u000001'), undefined);
    assert.equal(await restarted.count(TENANT, 'users'), 9);
    assert.deepEqual(
      await restarted.get(TENANT, 'enrollments', 'e1'),
      enrollment,
      'references stay, dangling',
    );
    assert.deepEqual(await restarted.get(OTHER_TENANT, 'users', 'u000001'), user('u000001'));
    const resumed = await restarted.resumeRun(TENANT, crashed.id);
    assert.ok(resumed !== undefined, 'the crashed run stays resumable');
    assert.equal((await restarted.diff(resumed, 'users')).staged, 1, 'the staged copy is erased too');
    await restarted.finishRun(resumed, { status: 'aborted' });

    const none = await restarted.eraseRecords(TENANT, 'users', []);
    assert.deepEqual([none.requested, none.tables['records']], [0, 0]);
    const wrongCollection = await restarted.eraseRecords(TENANT, 'orgs', ['u000002']);
    assert.equal(wrongCollection.tables['records'], 0, 'only the named collection');
    assert.equal(await restarted.count(TENANT, 'users'), 9);
  });

  test('refuses to erase while a run of the tenant awaits review, and erases once it is rejected or expired', async ({
    store,
    open,
  }) => {
    await seed(store, 'users', users(4));
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', users(5));
    await store.holdRun(run, { expiresAt: '2999-01-01T00:00:00.000Z', plan: { version: 1 } });
    const other = await open();
    const held = 'erasing a tenant whose run awaits review';
    await rejectsWith(other.eraseTenant(TENANT), 'EraseRefusedError', held);
    await rejectsWith(other.eraseRecords(TENANT, 'users', ['u000001']), 'EraseRefusedError', held);
    await assert.rejects(other.eraseTenant(TENANT), (error: unknown) => {
      assert.equal(Reflect.get(Object(error), 'reason'), 'run-held');
      assert.equal(Reflect.get(Object(error), 'runId'), run.id);
      return true;
    });
    assert.equal(await other.count(TENANT, 'users'), 4, 'a refused erasure erases nothing');
    await other.eraseTenant(OTHER_TENANT);
    const taken = await other.takeHeldRun(TENANT, run.id);
    assert.ok(taken !== undefined);
    await other.finishRun(taken, { status: 'aborted' });
    assert.equal((await other.eraseTenant(TENANT)).tables['records'], 4, 'a rejected run holds nothing');

    await seed(store, 'users', users(2));
    const expiring = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(expiring, 'users', users(3));
    await store.holdRun(expiring, { expiresAt: '2000-01-01T00:00:00.000Z', plan: { version: 1 } });
    assert.equal((await other.eraseTenant(TENANT)).tables['records'], 2, 'an expired hold holds nothing');
  });

  test('erases the change records of the tenant, and of each record erased on its own', async ({ store }) => {
    await seed(store, 'users', users(3));
    await seed(store, 'users', users(2), OTHER_TENANT);
    const logged = (await store.readChanges(TENANT, { limit: 100 })).length;
    assert.ok(logged >= 3, 'seeding logs an insert per user');
    const receipt = await store.eraseRecords(TENANT, 'users', ['u000001']);
    assert.equal(receipt.tables['changes'], 1, 'the erased record had one change record');
    const left = await store.readChanges(TENANT, { limit: 100 });
    assert.equal(left.length, logged - 1);
    assert.ok(
      left.every((change) => change.sourcedId !== 'u000001'),
      'no change record of it stays',
    );
    const tenant = await store.eraseTenant(TENANT);
    assert.equal(tenant.tables['changes'], logged - 1);
    assert.deepEqual(await store.readChanges(TENANT, { limit: 100 }), []);
    assert.equal(
      (await store.readChanges(OTHER_TENANT, { limit: 100 })).length,
      2,
      'other tenants keep theirs',
    );
    // The counter goes too: a tenant synced again after an erasure starts its log at seq 1.
    await seed(store, 'users', users(1));
    assert.deepEqual(
      (await store.readChanges(TENANT, { limit: 100 })).map((change) => change.seq),
      [1],
    );
  });
}
