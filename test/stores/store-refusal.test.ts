import { describe, expect, it } from 'vitest';
import { isOneRosterError } from '../../src/index.js';
import { createMemoryStore } from '../../src/sync/memory-store.js';
import type { RosterRecord } from '../../src/sync/roster-store.js';
import { isStoreRefusalError } from '../../src/sync/store/store-refusal-error.js';

const TENANT = 'district-7';
const user = (sourcedId: string): RosterRecord => ({
  sourcedId,
  status: 'active',
  dateLastModified: '2026-09-01T00:00:00Z',
});

async function refusalOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('the store accepted what it must refuse');
    },
    (error: unknown) => error,
  );
}

// The contract (test/stores/*.test.ts) requires the name from every store; this says what it carries.
describe('a store that refuses what no store may do', () => {
  it('names the reason, the run and the collection, and is a OneRosterError', async () => {
    const store = createMemoryStore();
    const dry = await store.beginRun(TENANT, { mode: 'full', dryRun: true });
    await store.stage(dry, 'users', [user('u1')]);
    const refusal = await refusalOf(store.commit(dry, 'users'));
    expect(isStoreRefusalError(refusal) && isOneRosterError(refusal)).toBe(true);
    expect(refusal).toMatchObject({ reason: 'dry-run', tenant: TENANT, runId: dry.id, collection: 'users' });
    await store.finishRun(dry, { status: 'succeeded' });

    const delta = await store.beginRun(TENANT, { mode: 'delta' });
    await store.stage(delta, 'users', [user('u1')]);
    expect(await refusalOf(store.commit(delta, 'users', { unseen: 'delete' }))).toMatchObject({
      name: 'StoreRefusalError',
      reason: 'delta-unseen',
      unseen: 'delete',
      message: expect.stringContaining('cannot delete unseen users'),
    });
    await store.commit(delta, 'users');
    expect(await refusalOf(store.stage(delta, 'users', [user('u2')]))).toMatchObject({
      reason: 'already-committed',
      runId: delta.id,
    });
  });
});
