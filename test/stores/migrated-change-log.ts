import { expect } from 'vitest';
import type { RosterStore } from '../../src/sync/roster-store.js';
import { seed, user } from '../../src/testing/store-contract/contract-kit.js';

/**
 * On a store migrated from a version whose log copied u1's insert (username ada) into the change
 * record: two more commits, one inserting u2, one changing it. The copy reads as before, and u2's
 * insert keeps its values when its record changes. Shared by the SQLite and PostgreSQL migration tests.
 */
export async function expectCopiedAndReferencedInserts(store: RosterStore): Promise<void> {
  await seed(store, 'users', [user('u1', { username: 'bea' }), user('u2', { username: 'cy' })]);
  await seed(store, 'users', [user('u1', { username: 'bea' }), user('u2', { username: 'dee' })]);
  const changes = await store.readChanges('district-a', { limit: 10 });
  expect(changes.map((change) => [change.op, change.sourcedId, change.after?.['username']])).toEqual([
    ['insert', 'u1', 'ada'],
    ['insert', 'u2', 'cy'],
    ['update', 'u1', 'bea'],
    ['update', 'u2', 'dee'],
  ]);
  expect(changes[1]?.changedFields).toEqual(['dateLastModified', 'sourcedId', 'status', 'username']);
}
