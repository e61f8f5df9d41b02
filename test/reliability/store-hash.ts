/** What a store holds, as one hash; and the hash a clean run leaves, for the matrix to compare with. */
import { createHash } from 'node:crypto';
import { createOneRosterClient } from '../../src/index.js';
import {
  createMemoryStore,
  type RosterRecord,
  type RosterStore,
  SYNC_COLLECTIONS,
  type SyncOptions,
  syncRoster,
} from '../../src/sync/index.js';
import { createProviderCore, type District, type MockProviderCore } from '../../src/testing/index.js';

export const TENANT = 'district-7';

/** Canonical JSON: keys sorted, so two stores holding the same records hash the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries.map(([key, inner]) => [key, canonical(inner)]));
  }
  return value;
}

/** Every synced collection's stored records, tombstones included. */
export async function dumpStore(
  store: RosterStore,
  tenant = TENANT,
): Promise<Record<string, RosterRecord[]>> {
  const all: Record<string, RosterRecord[]> = {};
  for (const collection of SYNC_COLLECTIONS) {
    const records: RosterRecord[] = [];
    for await (const record of store.iterate(tenant, collection)) records.push(record);
    all[collection] = records;
  }
  return all;
}

export async function hashStore(store: RosterStore, tenant = TENANT): Promise<string> {
  const dump = await dumpStore(store, tenant);
  return createHash('sha256')
    .update(JSON.stringify(canonical(dump)))
    .digest('hex');
}

/** A fetch over the provider core in-process: for clean baseline runs, with no faults to stream. */
function coreFetch(core: MockProviderCore): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response = await core.handle({
      method: request.method,
      url: request.url,
      headers,
      body: request.method === 'GET' ? '' : await request.text(),
    });
    if (typeof response.body !== 'string') throw new Error('a clean run has no streamed bodies');
    return new Response(response.body, { status: response.status, headers: response.headers });
  };
}

/** Syncs the district, as it is now, from a provider with no fault and no quirk into a fresh store. */
export async function cleanRunHash(district: District, options: Partial<SyncOptions> = {}): Promise<string> {
  const core = createProviderCore({ district, auth: { type: 'none' } });
  const client = createOneRosterClient({
    baseUrl: core.baseUrl,
    auth: { kind: 'none', authorize: async () => ({}) },
    fetch: coreFetch(core),
    pageSize: 50,
    retry: { retries: 0 },
  });
  const store = createMemoryStore();
  try {
    await syncRoster({ client, store, tenant: TENANT, mode: 'full', ...options });
    return await hashStore(store);
  } finally {
    await store.close();
  }
}
