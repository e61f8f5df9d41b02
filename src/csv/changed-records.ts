import { type ChangeRecord, changes, type RosterStore, type SyncCollectionName } from '../sync/index.js';

/** The last change of each record changed after a seq, per collection, and the newest seq seen. */
export interface ChangedRecords {
  readonly byCollection: ReadonlyMap<SyncCollectionName, ReadonlyMap<string, ChangeRecord>>;
  /** The highest seq read: the `since` of the next delta. `since` itself when nothing changed. */
  readonly lastSeq: number;
}

/**
 * Reads the tenant's change log after `since` (exclusive) for the collections a delta package holds.
 * A record changed several times is written once, as it is now: only its last change is kept, so
 * memory grows with the records changed, not with the changes.
 */
export async function readChangedRecords(
  store: RosterStore,
  tenant: string,
  since: number,
  collections: readonly SyncCollectionName[],
): Promise<ChangedRecords> {
  const byCollection = new Map<SyncCollectionName, Map<string, ChangeRecord>>();
  let lastSeq = since;
  for await (const change of changes(store, tenant, { after: since, collections })) {
    const collection = collections.find((name) => name === change.collection);
    if (collection === undefined) continue;
    const changed = byCollection.get(collection) ?? new Map<string, ChangeRecord>();
    byCollection.set(collection, changed);
    changed.set(change.sourcedId, change);
    lastSeq = Math.max(lastSeq, change.seq);
  }
  return { byCollection, lastSeq };
}
