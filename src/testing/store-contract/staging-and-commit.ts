/** The contract of staging and committing: what a commit makes visible, changes and refuses. */
import assert from 'node:assert/strict';
import type { RosterRecord } from '../../sync/roster-store.js';
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

const LARGE_BATCH_RECORDS = 10_000;

export function stagingAndCommitContract(test: ContractTest): void {
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

  test('diffs a first sync of a collection: every active record new, a staged tombstone none', async ({
    store,
  }) => {
    // Records of the same ids in another tenant, and of this tenant in another collection, are not
    // this collection's: its first sync still inserts every active record.
    await seed(store, 'users', [user('a'), user('b')], OTHER_TENANT);
    await seed(store, 'orgs', [user('a')]);
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', [user('b'), user('a'), user('c', { status: 'tobedeleted' })]);
    await store.stage(run, 'users', [user('b', { username: 'b2' })]);
    const expected = { staged: 3, inserted: 2, updated: 0, unchanged: 0, tombstoned: 0, unseen: 0 };
    assert.deepEqual(await store.diff(run, 'users'), expected);
    assert.deepEqual(await store.commit(run, 'users'), { ...expected, deleted: 0 });
    assert.equal(await store.count(TENANT, 'users', { status: 'active' }), 2);
    assert.equal((await store.get(TENANT, 'users', 'b'))?.['username'], 'b2');
    // The staged tombstone is kept as a record (`tombstones: 'keep'`), counted as neither.
    assert.equal((await store.get(TENANT, 'users', 'c'))?.status, 'tobedeleted');
    assert.equal(await store.count(OTHER_TENANT, 'users'), 2);
  });

  test('commits a first sync under the deleting policies: its tombstones unstored, nothing unseen', async ({
    store,
  }) => {
    await seed(store, 'users', [user('a'), user('z')], OTHER_TENANT);
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', [user('a'), user('b', { status: 'tobedeleted' }), user('c')]);
    const expected = { staged: 3, inserted: 2, updated: 0, unchanged: 0, tombstoned: 0, unseen: 0 };
    const options = { tombstones: 'delete', unseen: 'delete', changeLog: { values: 'full' } } as const;
    assert.deepEqual(await store.commit(run, 'users', options), { ...expected, deleted: 0 });
    await store.finishRun(run, { status: 'succeeded' });
    assert.deepEqual(
      (await collect(store.iterate(TENANT, 'users'))).map((record) => record.sourcedId),
      ['a', 'c'],
    );
    const changes = await store.readChanges(TENANT, { limit: 10 });
    assert.deepEqual(
      changes.map((change) => [change.seq, change.op, change.sourcedId, change.after]),
      [
        [1, 'insert', 'a', user('a')],
        [2, 'insert', 'c', user('c')],
      ],
    );
    // The other tenant's records with the same ids are neither unseen nor deleted.
    assert.equal(await store.count(OTHER_TENANT, 'users'), 2);
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
    const refusal = 'a delta commit that removes unseen records';
    await rejectsWith(store.commit(run, 'users', { unseen: 'delete' }), 'StoreRefusalError', refusal);
    await rejectsWith(store.commit(run, 'users', { unseen: 'tombstone' }), 'StoreRefusalError', refusal);
    const result = await store.commit(run, 'users');
    assert.deepEqual([result.updated, result.inserted, result.unseen, result.deleted], [1, 1, 0, 0]);
    assert.equal(await store.count(TENANT, 'users', { status: 'active' }), 5);
  });

  test('leaves the stored snapshot unchanged when a run fails, aborts or is a dry run', async ({ store }) => {
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
    await rejectsWith(store.commit(dry, 'users'), 'StoreRefusalError', 'a commit of a dry run');
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
    await rejectsWith(store.commit(run, 'users'), 'StoreRefusalError', 'a second commit of a collection');
    await rejectsWith(
      store.stage(run, 'users', users(1)),
      'StoreRefusalError',
      'staging into a committed collection',
    );
    assert.equal(await store.count(TENANT, 'users'), 2);
    assert.deepEqual((await store.getRun(TENANT, run.id))?.committed, ['users']);
  });

  test('rejects a batch with an invalid record, staging none of it', async ({ store }) => {
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', users(2), { checkpoint: { offset: 2 } });
    // Built from JSON, as a plain-JavaScript caller or a broken normaliser would hand them over.
    const invalid: RosterRecord = JSON.parse(JSON.stringify({ ...user('bad'), status: 'inactive' }));
    await rejectsWith(
      store.stage(run, 'users', [user('z'), invalid], { checkpoint: { offset: 4 } }),
      'TypeError',
      'a batch with an unknown status',
    );
    const missingId: RosterRecord = JSON.parse('{"status":"active","dateLastModified":"2026-01-01"}');
    await rejectsWith(store.stage(run, 'users', [missingId]), 'TypeError', 'a record without a sourcedId');
    assert.equal((await store.diff(run, 'users')).staged, 2);
    assert.deepEqual((await store.getCheckpoint(TENANT))?.data, { offset: 2 });
  });

  test(`stages a batch of ${LARGE_BATCH_RECORDS} records in one call`, async ({ store }) => {
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'enrollments', users(LARGE_BATCH_RECORDS, 'e'), { checkpoint: { offset: 1 } });
    assert.equal((await store.commit(run, 'enrollments')).inserted, LARGE_BATCH_RECORDS);
    assert.equal(await store.count(TENANT, 'enrollments'), LARGE_BATCH_RECORDS);
  });

  test('hands out copies that callers may change', async ({ store }) => {
    const grades = ['09'];
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', [user('a', { grades })]);
    grades.push('10');
    await store.commit(run, 'users');
    const stored = (await store.get(TENANT, 'users', 'a'))?.['grades'];
    assert.ok(Array.isArray(stored));
    assert.deepEqual(stored, ['09']);
    stored.push('11');
    assert.deepEqual((await store.get(TENANT, 'users', 'a'))?.['grades'], ['09']);
  });
}
