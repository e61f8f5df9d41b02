/**
 * The contract of OneRoster versions: each run keeps the version it pulled with, and a commit renames
 * the records a version switch re-keyed (`CommitOptions.rekey`) instead of retiring them.
 */
import assert from 'node:assert/strict';
import { type ContractTest, collect, OTHER_TENANT, seed, TENANT, user, users } from './contract-kit.js';

/** A re-keyed user, as a 1.2 provider sends it: a new sourcedId, other content. */
const rekeyed = (index: number) => user(`n${String(index).padStart(6, '0')}`, { pronouns: 'they/them' });

export function versionsAndRekeysContract(test: ContractTest): void {
  test('keeps the OneRoster version of each run, 1.1 unless told, across a restart', async ({
    store,
    open,
  }) => {
    const old = await store.beginRun(TENANT, { mode: 'full' });
    assert.equal(old.version, '1.1');
    await store.stage(old, 'users', users(2));
    await store.commit(old, 'users');
    assert.equal((await store.finishRun(old, { status: 'succeeded' })).version, '1.1');
    assert.equal((await store.lastFullSync(TENANT))?.version, '1.1');

    const current = await store.beginRun(TENANT, { mode: 'full', version: '1.2' });
    assert.equal(current.version, '1.2');
    assert.equal((await store.getRun(TENANT, current.id))?.version, '1.2');
    await store.stage(current, 'users', users(2));
    await store.commit(current, 'users');
    assert.equal((await store.finishRun(current, { status: 'succeeded' })).version, '1.2');
    assert.equal((await store.lastFullSync(TENANT))?.version, '1.2');
    const dry = await store.beginRun(OTHER_TENANT, { mode: 'delta', dryRun: true, version: '1.2' });
    assert.equal(dry.version, '1.2');
    await store.finishRun(dry, { status: 'succeeded' });

    const crashed = await store.beginRun(TENANT, { mode: 'delta', version: '1.2' });
    await store.close();
    const restarted = await open();
    assert.equal((await restarted.getRun(TENANT, old.id))?.version, '1.1');
    assert.equal((await restarted.lastFullSync(TENANT))?.version, '1.2');
    assert.equal((await restarted.resumeRun(TENANT, crashed.id))?.version, '1.2');
  });

  test('replaces a re-keyed record by its new one on commit, retiring only the records gone', async ({
    store,
  }) => {
    await seed(store, 'users', users(10));
    const run = await store.beginRun(TENANT, { mode: 'full', version: '1.2' });
    await store.stage(run, 'users', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(rekeyed));
    // u000000 and u000001 have no link: they are gone, and n000009 and n000010 are new.
    const rekey = new Map([2, 3, 4, 5, 6, 7, 8, 9].map((index) => [`u00000${index}`, `n00000${index}`]));
    const result = await store.commit(run, 'users', { rekey });
    await store.finishRun(run, { status: 'succeeded' });
    assert.deepEqual(
      { ...result },
      { staged: 10, inserted: 2, updated: 8, unchanged: 0, tombstoned: 0, unseen: 2, deleted: 0 },
      'renamed records are updated, not inserted, and not unseen',
    );
    const stored = await collect(store.iterate(TENANT, 'users'));
    assert.deepEqual(
      stored.map((record) => [record.sourcedId, record.status]),
      [
        ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((index) => [rekeyed(index).sourcedId, 'active']),
        ['u000000', 'tobedeleted'],
        ['u000001', 'tobedeleted'],
      ],
    );
    assert.deepEqual(await store.get(TENANT, 'users', 'n000002'), rekeyed(2));
    assert.equal(await store.get(TENANT, 'users', 'u000002'), undefined, 'the old id is gone');
    assert.equal(await store.count(TENANT, 'users', { status: 'active' }), 10);
  });

  test('does not count renamed records as retired in the deletion baseline', async ({ store }) => {
    const first = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(first, 'users', users(4));
    await store.commit(first, 'users', { baseline: 'set' });
    await store.finishRun(first, { status: 'succeeded' });
    const run = await store.beginRun(TENANT, { mode: 'full', version: '1.2' });
    await store.stage(run, 'users', [rekeyed(0), rekeyed(1), rekeyed(2)]);
    const rekey = new Map([0, 1, 2].map((index) => [`u00000${index}`, `n00000${index}`]));
    await store.commit(run, 'users', { rekey });
    await store.finishRun(run, { status: 'succeeded' });
    // u000003 was retired; the three renamed records were not.
    assert.equal((await store.getBaseline(TENANT, 'users'))?.retiredSince, 1);
  });

  test('leaves a rename out when its new id is stored already or its old id is still sent', async ({
    store,
  }) => {
    await seed(store, 'users', [user('a'), user('b'), user('c'), user('d')]);
    await seed(store, 'users', [user('d')], OTHER_TENANT);
    const run = await store.beginRun(TENANT, { mode: 'full', version: '1.2' });
    const staged = [user('a'), user('x', { note: 'claims a' }), user('c', { note: 'new' }), user('z')];
    await store.stage(run, 'users', staged);
    const result = await store.commit(run, 'users', {
      rekey: new Map([
        ['a', 'x'],
        ['b', 'c'],
        ['d', 'z'],
        ['missing', 'y'],
      ]),
    });
    await store.finishRun(run, { status: 'succeeded' });
    assert.deepEqual(
      [result.inserted, result.updated, result.unchanged, result.unseen],
      [1, 2, 1, 1],
      'x is new, c and z (d renamed) updated, a unchanged, b unseen',
    );
    const stored = await collect(store.iterate(TENANT, 'users'));
    assert.deepEqual(
      stored.map((record) => [record.sourcedId, record.status]),
      [
        ['a', 'active'],
        ['b', 'tobedeleted'],
        ['c', 'active'],
        ['x', 'active'],
        ['z', 'active'],
      ],
    );
    assert.deepEqual(
      (await collect(store.iterate(OTHER_TENANT, 'users'))).map((record) => record.sourcedId),
      ['d'],
      "another tenant's records are never renamed",
    );
  });
}
