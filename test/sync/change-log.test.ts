import { describe, expect, it } from 'vitest';
import {
  type ChangeRecord,
  changes,
  createMemoryStore,
  DEFAULT_SYNC_COLLECTIONS,
  exportTenant,
  syncHistory,
  syncRoster,
} from '../../src/sync/index.js';
import { generateDistrict, startMockServer } from '../../src/testing/index.js';
import { mockClient, TENANT } from './sync-helpers.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('the change log through syncRoster', () => {
  it('logs a delta as exactly its inserts, updates and tombstones, read with changes() after a seq', async () => {
    const district = generateDistrict({ preset: 'tiny' });
    const server = await startMockServer({ district, auth: { type: 'none' } });
    try {
      const store = createMemoryStore();
      const client = mockClient(server.baseUrl, [], 50);
      await syncRoster({ client, store, tenant: TENANT, mode: 'full' });
      const seeded = await collect(changes(store, TENANT));
      expect(seeded.every((change) => change.op === 'insert')).toBe(true);
      const last = seeded.at(-1)?.seq ?? 0;
      expect(last).toBe(seeded.length);

      const ids = [...district.records('users')].map((user) => user.sourcedId);
      const inserted = district.mutate.insert('users');
      district.mutate.update('users', ids[0]!, { givenName: 'Zoë' });
      district.mutate.update('users', ids[1]!, { familyName: 'Moved' });
      district.mutate.tombstone('users', ids[2]!);
      const unchanged = await syncRoster({ client, store, tenant: TENANT, mode: 'delta' });
      const delta: ChangeRecord[] = await collect(changes(store, TENANT, { after: last }));
      const byId = new Map(delta.map((change) => [change.sourcedId, change]));
      expect(delta.map((change) => change.op).sort()).toEqual(['insert', 'tombstone', 'update', 'update']);
      expect(byId.get(inserted.sourcedId)?.op).toBe('insert');
      expect(byId.get(ids[0]!)).toMatchObject({
        op: 'update',
        runId: unchanged.runId,
        changedFields: ['dateLastModified', 'givenName'],
        after: { givenName: 'Zoë' },
      });
      expect(byId.get(ids[2]!)?.changedFields).toEqual(['dateLastModified', 'status']);
      expect(await collect(changes(store, TENANT, { after: last, collections: ['orgs'] }))).toEqual([]);
      expect(await collect(changes(store, TENANT, { limit: 3 }))).toHaveLength(3);

      // Nothing changed at the provider: a full sync logs nothing.
      await syncRoster({ client, store, tenant: TENANT, mode: 'full' });
      expect(await collect(changes(store, TENANT, { after: delta.at(-1)?.seq ?? 0 }))).toEqual([]);

      const history = await syncHistory(store, TENANT);
      expect(history.map((run) => run.mode)).toEqual(['full', 'delta', 'full']);
      expect(history[1]?.counts['users']).toMatchObject({ inserted: 1, updated: 2, tombstoned: 1 });
      expect(await syncHistory(store, TENANT, { limit: 1 })).toHaveLength(1);

      const lines = (await collect(exportTenant(store, TENANT))).map(
        (line) => JSON.parse(line) as { kind: string; [key: string]: unknown },
      );
      expect(lines[0]).toMatchObject({ kind: 'export', tenant: TENANT, format: 1 });
      const kinds = new Map<string, number>();
      for (const line of lines) kinds.set(line.kind, (kinds.get(line.kind) ?? 0) + 1);
      expect(kinds.get('run')).toBe(3);
      expect(kinds.get('change')).toBe(last + delta.length);
      let stored = 0;
      for (const collection of DEFAULT_SYNC_COLLECTIONS) stored += await store.count(TENANT, collection);
      expect(kinds.get('record')).toBe(stored);
      const tombstone = lines.find(
        (line) => line.kind === 'record' && (line['record'] as { sourcedId?: string }).sourcedId === ids[2],
      );
      expect(tombstone?.['record']).toMatchObject({ status: 'tobedeleted' });
    } finally {
      await server.close();
    }
  });

  it('writes no change log with changeLog: false, and refuses a bad changeLog option', async () => {
    const district = generateDistrict({ preset: 'tiny' });
    const server = await startMockServer({ district, auth: { type: 'none' } });
    try {
      const store = createMemoryStore();
      const client = mockClient(server.baseUrl, [], 50);
      await syncRoster({ client, store, tenant: TENANT, mode: 'full', changeLog: false });
      expect(await collect(changes(store, TENANT))).toEqual([]);
      await expect(
        // @ts-expect-error: a plain-JavaScript caller's typo
        syncRoster({ client, store, tenant: TENANT, changeLog: { values: 'all' } }),
      ).rejects.toThrow(TypeError);
      await expect(
        syncRoster({ client, store, tenant: TENANT, changeLog: { retainDays: -1 } }),
      ).rejects.toThrow('retainDays');
    } finally {
      await server.close();
    }
  });
});
