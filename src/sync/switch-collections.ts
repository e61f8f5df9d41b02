import type { ResolvedSyncOptions } from './resolve-sync-options.js';
import type { SyncRun } from './roster-store.js';
import { type CheckedCollection, commitCollection, stageCollection } from './sync-collection.js';
import type { CollectionRead } from './sync-fields.js';
import type { SyncCollectionName } from './sync-options.js';
import type { CollectionReport } from './sync-result.js';
import type { VersionSwitch } from './version-switch.js';

/**
 * The collections of a run that switches the tenant's OneRoster version: every one is pulled, staged
 * and checked (complete, within the deletion guard, re-keyed records linked) before the first is
 * committed, so a refused, failed or aborted switch leaves the roster as it was, in its old version,
 * rather than half in each. Then each is committed, parents first, as in any run. Holds the re-key links of
 * every collection until they are committed.
 */
export async function switchCollections(
  options: ResolvedSyncOptions,
  run: SyncRun,
  pulls: ReadonlyMap<SyncCollectionName, CollectionRead>,
  change: VersionSwitch,
): Promise<Partial<Record<SyncCollectionName, CollectionReport>>> {
  return commitCollections(await stageCollections(options, run, pulls, change));
}

/**
 * Pulls, stages and checks every collection of the run before any commit: for a version switch, and
 * for a run that may be held for review.
 */
export async function stageCollections(
  options: ResolvedSyncOptions,
  run: SyncRun,
  pulls: ReadonlyMap<SyncCollectionName, CollectionRead>,
  change: VersionSwitch | undefined,
): Promise<[SyncCollectionName, CheckedCollection][]> {
  const checked: [SyncCollectionName, CheckedCollection][] = [];
  for (const [collection, read] of pulls) {
    // A resumed run keeps what its crashed predecessor committed (it had checked everything).
    if (run.committed.includes(collection)) continue;
    options.signal?.throwIfAborted();
    checked.push([collection, await stageCollection(options, run, collection, read, change)]);
  }
  return checked;
}

/** Commits staged and checked collections, parents first. */
export async function commitCollections(
  checked: readonly [SyncCollectionName, CheckedCollection][],
): Promise<Partial<Record<SyncCollectionName, CollectionReport>>> {
  const reports: Partial<Record<SyncCollectionName, CollectionReport>> = {};
  // No abort between these commits: stopping halfway would leave the tenant half switched. They
  // write what is staged already, which is quick next to the pulls.
  for (const [collection, staged] of checked) reports[collection] = await commitCollection(staged);
  return reports;
}
