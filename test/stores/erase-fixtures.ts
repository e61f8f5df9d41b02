import type { RosterRecord, RosterStore } from '../../src/sync/index.js';

function user(sourcedId: string, extra: Partial<RosterRecord> = {}): RosterRecord {
  return { sourcedId, status: 'active', dateLastModified: '2026-01-05T10:00:00.000Z', ...extra };
}

/**
 * Gives a tenant a row in every table a store has: records and a tombstone, baselines, watermarks,
 * runs with committed collections, and a crashed run with staging and a checkpoint. The store is
 * closed after, as by a crash; open another handle to go on.
 */
export async function fillEveryTable(store: RosterStore, tenants: readonly string[]): Promise<void> {
  for (const tenant of tenants) {
    const run = await store.beginRun(tenant, { mode: 'full' });
    await store.stage(run, 'users', [user('u1'), user('u2'), user('gone', { status: 'tobedeleted' })]);
    await store.stage(run, 'orgs', [user('o1')]);
    await store.commit(run, 'users', { baseline: 'set', watermark: '2026-01-05T10:00:00.000Z' });
    await store.commit(run, 'orgs');
    await store.finishRun(run, { status: 'succeeded' });
    const crashed = await store.beginRun(tenant, { mode: 'full' });
    await store.stage(crashed, 'users', [user('u3')], { checkpoint: { collection: 'users', offset: 1 } });
  }
  await store.close();
}
