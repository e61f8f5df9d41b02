/** What a store holds, as one hash; and the hash of what the provider holds, for the matrix to compare with. */
import { createHash } from 'node:crypto';
import {
  type RosterRecord,
  type RosterStore,
  SYNC_COLLECTIONS,
  type SyncOptions,
} from '../../src/sync/index.js';
import type { District } from '../../src/testing/index.js';
import { providerRoster } from '../helpers/provider-roster.js';

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

function hashOf(dump: Record<string, RosterRecord[]>): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(dump)))
    .digest('hex');
}

export async function hashStore(store: RosterStore, tenant = TENANT): Promise<string> {
  return hashOf(await dumpStore(store, tenant));
}

/**
 * The hash a clean full sync of the district, as it is now, leaves in an empty store: computed from
 * the provider's own records (see providerRoster), never by running the client and the engine again.
 */
export function providerHash(
  district: District,
  options: Pick<SyncOptions, 'collections' | 'fields'> = {},
): string {
  return hashOf(providerRoster(district, options));
}
