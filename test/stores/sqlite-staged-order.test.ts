import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { TENANT, user } from '../../src/testing/store-contract/contract-kit.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function databasePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'oneroster-staged-order-'));
  directories.push(directory);
  return join(directory, 'roster.db');
}

// A first sync staged in ascending sourcedId order is copied from the staging as it lies; these
// pin the cases where the store must not believe the staging ascends.
describe('the SQLite store, a first sync staged in ascending order', () => {
  it('copies an ascending staging, its change log numbered in sourcedId order', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', [user('a'), user('b', { status: 'tobedeleted' })]);
    await store.stage(run, 'users', [user('c')]);
    const expected = { staged: 3, inserted: 2, updated: 0, unchanged: 0, tombstoned: 0, unseen: 0 };
    expect(await store.diff(run, 'users')).toEqual(expected);
    expect(await store.commit(run, 'users')).toEqual({ ...expected, deleted: 0 });
    const changes = await store.readChanges(TENANT, { limit: 10 });
    expect(changes.map((change) => [change.seq, change.sourcedId, change.after])).toEqual([
      [1, 'a', user('a')],
      // Kept as a record (tombstones: 'keep'), so logged as the record it inserts.
      [2, 'b', user('b', { status: 'tobedeleted' })],
      [3, 'c', user('c')],
    ]);
    expect((await store.get(TENANT, 'users', 'b'))?.status).toBe('tobedeleted');
    await store.close();
  });

  it('orders ids by code point, as SQLite does, not by UTF-16 unit', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const run = await store.beginRun(TENANT, { mode: 'full' });
    // '\u{1F600}' < '\uFFFF' in JavaScript, the other way round in SQLite: this staging descends.
    await store.stage(run, 'users', [user('a\u{1F600}'), user('a\uFFFF')]);
    await store.commit(run, 'users');
    const changes = await store.readChanges(TENANT, { limit: 10 });
    expect(changes.map((change) => change.sourcedId)).toEqual(['a\uFFFF', 'a\u{1F600}']);
    await store.close();
  });

  it('resolves an id staged again in a later batch to its last version', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', [user('a'), user('b')]);
    await store.stage(run, 'users', [user('b', { username: 'b2' }), user('c')]);
    expect((await store.commit(run, 'users')).inserted).toBe(3);
    expect((await store.get(TENANT, 'users', 'b'))?.['username']).toBe('b2');
    await store.close();
  });

  it('does not trust the order of a run another handle staged into', async () => {
    const path = databasePath();
    const first = createSqliteStore({ path });
    const run = await first.beginRun(TENANT, { mode: 'full' });
    await first.stage(run, 'users', [user('a'), user('b')]);
    await first.close();
    const second = createSqliteStore({ path });
    const resumed = await second.resumeRun(TENANT, run.id);
    if (resumed === undefined) throw new Error('the run was not resumed');
    // Ascending for this handle alone: b was staged before, by the first.
    await second.stage(resumed, 'users', [user('b', { username: 'b2' }), user('c')]);
    expect((await second.commit(resumed, 'users')).inserted).toBe(3);
    expect((await second.get(TENANT, 'users', 'b'))?.['username']).toBe('b2');
    await second.close();
  });
});
