/**
 * The contract of the change log: each commit writes, in its transaction, one change record per
 * stored record it changes, numbered per tenant from 1 without gaps, equal to the difference between
 * the store before and after; and each run keeps its commits' counts.
 */
import assert from 'node:assert/strict';
import type { ChangeRecord, CommitOptions, RosterRecord, RosterStore } from '../../sync/roster-store.js';
import { type ContractTest, OTHER_TENANT, seed, TENANT, user, users } from './contract-kit.js';
import { comparableChanges, differenceOf, readAllChanges, snapshotStore } from './store-difference.js';

const COLLECTIONS = ['users', 'orgs'];

function assertGapless(records: readonly ChangeRecord[], from: number, what: string): void {
  assert.deepEqual(
    records.map((record) => record.seq),
    records.map((_, index) => from + index),
    `${what}: seqs follow on from ${from - 1} without gaps`,
  );
}

/** Commits `records` to `collection` in one full run; asserts its change records equal the difference. */
async function commitAndCompare(
  store: RosterStore,
  collection: string,
  records: RosterRecord[],
  options: CommitOptions = {},
): Promise<ChangeRecord[]> {
  const before = await snapshotStore(store, TENANT, COLLECTIONS);
  const last = (await readAllChanges(store, TENANT)).at(-1)?.seq ?? 0;
  const run = await store.beginRun(TENANT, { mode: 'full' });
  await store.stage(run, collection, records);
  await store.commit(run, collection, options);
  await store.finishRun(run, { status: 'succeeded' });
  const after = await snapshotStore(store, TENANT, COLLECTIONS);
  const logged = await readAllChanges(store, TENANT, last);
  assertGapless(logged, last + 1, 'the commit');
  assert.deepEqual(
    comparableChanges(logged),
    differenceOf(before, after),
    'the change records are the difference',
  );
  for (const record of logged) {
    assert.equal(record.runId, run.id);
    assert.equal(record.tenant, TENANT);
    assert.ok(!Number.isNaN(Date.parse(record.at)), 'at is a datetime');
  }
  return logged;
}

export function changeLogContract(test: ContractTest): void {
  test('logs every change of a commit as the difference between the store before and after', async ({
    store,
  }) => {
    const first = await commitAndCompare(store, 'users', users(6));
    assert.deepEqual(
      first.map((record) => [record.seq, record.op]),
      [1, 2, 3, 4, 5, 6].map((seq) => [seq, 'insert']),
    );
    assert.deepEqual(first[0]?.changedFields, ['dateLastModified', 'sourcedId', 'status', 'username']);
    // u000000 unchanged, u000001 updated, u000002 tombstoned by the provider, u000003 unseen
    // (tombstoned by the store), u000004 and u000005 unchanged, u000009 new.
    const [u0, u1, u2, , u4, u5] = users(6);
    const second = await commitAndCompare(store, 'users', [
      u0!,
      { ...u1!, username: 'renamed', givenName: 'Ada' },
      { ...u2!, status: 'tobedeleted' },
      u4!,
      u5!,
      user('u000009'),
    ]);
    // The order within one commit is the store's; the seqs are gapless either way.
    const bySourcedId = [...second].sort((a, b) => (a.sourcedId < b.sourcedId ? -1 : 1));
    assert.deepEqual(
      bySourcedId.map((record) => [record.sourcedId, record.op, record.changedFields]),
      [
        ['u000001', 'update', ['givenName', 'username']],
        ['u000002', 'tombstone', ['status']],
        ['u000009', 'insert', ['dateLastModified', 'sourcedId', 'status', 'username']],
        ['u000003', 'tombstone', ['status']],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    const update = second.find((record) => record.sourcedId === 'u000001');
    assert.deepEqual(update?.before, { username: 'u000001' }, 'before holds the changed fields only');
    assert.deepEqual(update?.after, { username: 'renamed', givenName: 'Ada' });
    // u000003 comes back: a revive.
    const third = await commitAndCompare(store, 'users', [u0!, user('u000003', { username: 'back' })]);
    assert.ok(third.some((record) => record.sourcedId === 'u000003' && record.op === 'revive'));
  });

  test('logs deletions, as removed tombstones and unseen records, and the renames of a re-key', async ({
    store,
  }) => {
    await seed(store, 'users', users(6));
    const [u0, u1, u2, u3] = users(6);
    const deleted = await commitAndCompare(
      store,
      'users',
      [u0!, u1!, { ...u2!, status: 'tobedeleted' }, u3!],
      {
        tombstones: 'delete',
        unseen: 'delete',
      },
    );
    assert.deepEqual(
      [...deleted]
        .sort((a, b) => (a.sourcedId < b.sourcedId ? -1 : 1))
        .map((record) => [record.sourcedId, record.op]),
      [
        ['u000002', 'delete'],
        ['u000004', 'delete'],
        ['u000005', 'delete'],
      ],
    );
    const removed = deleted.find((record) => record.sourcedId === 'u000002');
    assert.deepEqual(removed?.before?.['username'], 'u000002', 'a delete keeps the record it removed');
    // Re-keyed: u000000 becomes n000000, a delete of the old id and an insert of the new one.
    const rekeyed = await commitAndCompare(store, 'users', [user('n000000'), u1!, u3!], {
      rekey: new Map([['u000000', 'n000000']]),
    });
    assert.deepEqual(rekeyed.map((record) => [record.sourcedId, record.op]).sort(), [
      ['n000000', 'insert'],
      ['u000000', 'delete'],
    ]);
  });

  test('writes no change record for a commit that changes nothing, or with changeLog: false', async ({
    store,
  }) => {
    await seed(store, 'users', users(3));
    await commitAndCompare(store, 'users', users(3));
    assert.equal((await readAllChanges(store, TENANT)).length, 3, 'an unchanged full sync logs nothing');
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', users(4));
    await store.commit(run, 'users', { changeLog: false });
    await store.finishRun(run, { status: 'succeeded' });
    assert.equal((await readAllChanges(store, TENANT)).length, 3, 'changeLog: false logs nothing');
    await seed(store, 'users', users(5));
    const all = await readAllChanges(store, TENANT);
    assertGapless(all, 1, 'the log');
    assert.deepEqual(all.at(-1)?.sourcedId, 'u000004');
  });

  test('keeps the values changeLog.values asks for: none or full', async ({ store }) => {
    await seed(store, 'users', users(1));
    const none = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(none, 'users', [user('u000000', { username: 'x' })]);
    await store.commit(none, 'users', { changeLog: { values: 'none' } });
    await store.finishRun(none, { status: 'succeeded' });
    const full = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(full, 'users', [user('u000000', { username: 'y' })]);
    await store.commit(full, 'users', { changeLog: { values: 'full' } });
    await store.finishRun(full, { status: 'succeeded' });
    const [, withNone, withFull] = await readAllChanges(store, TENANT);
    assert.deepEqual(withNone?.changedFields, ['username']);
    assert.equal(withNone?.before, undefined);
    assert.equal(withNone?.after, undefined);
    assert.deepEqual(withFull?.before, user('u000000', { username: 'x' }));
    assert.deepEqual(withFull?.after, user('u000000', { username: 'y' }));
  });

  test('keeps each change as it was written, whatever later commits do to its record', async ({ store }) => {
    // A store may keep an insert's values once, with the record, until the record changes: every
    // later kind of change, with the log on or off, must leave the earlier change records as read.
    await seed(store, 'users', users(8));
    const inserted = await readAllChanges(store, TENANT);
    const [u0, u1, u2, u3, , , u6, u7] = users(8);
    const commit = async (records: RosterRecord[], options: CommitOptions) => {
      const run = await store.beginRun(TENANT, { mode: 'full' });
      await store.stage(run, 'users', records);
      await store.commit(run, 'users', options);
      await store.finishRun(run, { status: 'succeeded' });
      assert.deepEqual(
        (await readAllChanges(store, TENANT)).slice(0, inserted.length),
        inserted,
        `the inserts read the same after a commit with ${JSON.stringify(options)}`,
      );
    };
    const all = (changes: Record<string, RosterRecord>) =>
      users(8).map((record) => changes[record.sourcedId] ?? record);
    // Updated with the log on, then with it off; tombstoned by the provider with it off.
    await commit(all({ u000001: { ...u1!, username: 'one' } }), {});
    await commit(all({ u000001: { ...u1!, username: 'two' }, u000002: { ...u2!, givenName: 'Bo' } }), {
      changeLog: false,
    });
    await commit(all({ u000003: { ...u3!, status: 'tobedeleted' } }), { changeLog: false });
    // u000004 unseen, tombstoned by the store with the log off; u000005 unseen and deleted with it on.
    const kept = all({}).filter((record) => record.sourcedId !== 'u000004');
    await commit(kept, { changeLog: false });
    await commit(
      kept.filter((record) => record.sourcedId !== 'u000005'),
      { unseen: 'delete' },
    );
    // u000006 tombstoned and deleted with the log off; u000000 re-keyed to n000000 with it off.
    await commit([u0!, u1!, u2!, u3!, { ...u6!, status: 'tobedeleted' }, u7!], {
      tombstones: 'delete',
      unseen: 'keep',
      changeLog: false,
    });
    await commit([user('n000000'), u1!, u2!, u3!, u7!], {
      rekey: new Map([['u000000', 'n000000']]),
      unseen: 'keep',
      changeLog: false,
    });
    assert.ok(
      inserted.every((change) => change.after !== undefined),
      'the inserts kept their records',
    );
  });

  test('numbers each tenant from 1, and reads pages after a seq, of some collections', async ({ store }) => {
    await seed(store, 'users', users(3));
    await seed(store, 'orgs', users(2, 'o'));
    await seed(store, 'users', users(2, 'x'), OTHER_TENANT);
    const other = await readAllChanges(store, OTHER_TENANT);
    assert.deepEqual(
      other.map((record) => [record.seq, record.tenant]),
      [
        [1, OTHER_TENANT],
        [2, OTHER_TENANT],
      ],
    );
    const page = await store.readChanges(TENANT, { after: 2, limit: 2 });
    assert.deepEqual(
      page.map((record) => [record.seq, record.collection]),
      [
        [3, 'users'],
        [4, 'orgs'],
      ],
    );
    const orgs = await store.readChanges(TENANT, { collections: ['orgs'], limit: 10 });
    assert.deepEqual(
      orgs.map((record) => record.seq),
      [4, 5],
    );
    assert.deepEqual(await store.readChanges(TENANT, { after: 5, limit: 10 }), []);
  });

  test('prunes change records older than a time, never reusing their seqs', async ({ store }) => {
    await seed(store, 'users', users(2));
    const [first] = await readAllChanges(store, TENANT);
    const later = new Date(Date.parse(first?.at ?? '') + 1).toISOString();
    assert.equal(await store.pruneChanges(TENANT, later), 2);
    assert.equal(await store.pruneChanges(OTHER_TENANT, later), 0);
    await seed(store, 'users', users(3));
    assert.deepEqual(
      (await readAllChanges(store, TENANT)).map((record) => record.seq),
      [3],
    );
  });

  test("lists a tenant's runs newest first, with each commit's counts", async ({ store }) => {
    await seed(store, 'users', users(3));
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', users(2));
    const result = await store.commit(run, 'users');
    await store.stage(run, 'orgs', users(1, 'o'));
    await store.commit(run, 'orgs');
    await store.finishRun(run, { status: 'succeeded' });
    const [latest, earlier, ...rest] = await store.listRuns(TENANT);
    assert.equal(rest.length, 0);
    assert.equal(latest?.id, run.id);
    assert.deepEqual({ ...latest?.counts['users'] }, { ...result });
    assert.equal(latest?.counts['orgs']?.inserted, 1);
    assert.equal(earlier?.counts['users']?.inserted, 3);
    assert.equal((await store.listRuns(TENANT, { limit: 1 })).length, 1);
    assert.deepEqual(await store.listRuns(OTHER_TENANT), []);
  });

  test('logs each change once when a crashed run is resumed by another handle', async ({ store, open }) => {
    await seed(store, 'users', users(4));
    await seed(store, 'orgs', users(2, 'o'));
    const before = await snapshotStore(store, TENANT, COLLECTIONS);
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', [...users(3), user('u000008')]);
    await store.commit(run, 'users');
    await store.stage(run, 'orgs', [user('o000000', { name: 'North' })]);
    // The process dies here: the run stays running with orgs staged.
    await store.close();
    const restarted = await open();
    const resumed = await restarted.resumeRun(TENANT, run.id);
    assert.ok(resumed !== undefined);
    await restarted.stage(resumed, 'orgs', [user('o000000', { name: 'North' })]);
    await restarted.commit(resumed, 'orgs');
    await restarted.finishRun(resumed, { status: 'succeeded' });
    const after = await snapshotStore(restarted, TENANT, COLLECTIONS);
    const logged = await readAllChanges(restarted, TENANT, 6);
    assertGapless(logged, 7, 'the resumed run');
    assert.deepEqual(comparableChanges(logged), differenceOf(before, after));
    assert.ok(logged.every((record) => record.runId === run.id));
  });
}
