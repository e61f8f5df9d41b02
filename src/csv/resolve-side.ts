import { randomUUID } from 'node:crypto';
import { createMemoryStore, type RosterStore, type SyncCollectionName, syncRoster } from '../sync/index.js';
import type { ReconcileSide } from './reconcile-types.js';

/** A side as a store tenant, with the name reports give it. */
export interface StoreSide {
  readonly store: RosterStore;
  readonly tenant: string;
  readonly label: string;
}

/**
 * A side as a store tenant: a store side as it is; a package or a client synced first into a scratch
 * tenant (a fresh memory store unless the client side names one), every field, no deletion guard
 * (the tenant is new).
 */
export async function resolveSide(
  side: ReconcileSide,
  collections: readonly SyncCollectionName[],
): Promise<StoreSide> {
  if ('store' in side) return { store: side.store, tenant: side.tenant, label: side.label ?? side.tenant };
  const tenant = `reconcile-${randomUUID()}`;
  if ('client' in side) {
    const store = side.scratch ?? createMemoryStore();
    await syncRoster({ client: side.client, store, tenant, collections, deletionGuard: false, mode: 'full' });
    return { store, tenant, label: side.label ?? side.client.options.baseUrl };
  }
  const store = createMemoryStore();
  const wanted = collections.filter((collection) => side.collections.includes(collection));
  if (wanted.length > 0)
    await syncRoster({ source: side, store, tenant, collections: wanted, deletionGuard: false });
  return { store, tenant, label: side.path };
}
