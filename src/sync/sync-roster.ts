import type { OneRosterVersion } from '../index.js';
import { planRun, type RunPlan } from './plan-run.js';
import { type ResolvedSyncOptions, resolveSyncOptions } from './resolve-sync-options.js';
import { holdForReview, mustHold } from './review/hold-for-review.js';
import { commitCollections, stageCollections, switchCollections } from './switch-collections.js';
import { syncCollection } from './sync-collection.js';
import { resolveCollectionPulls } from './sync-fields.js';
import type { SyncCollectionName, SyncOptions } from './sync-options.js';
import type { CollectionReport, SyncResult, SyncResultStatus } from './sync-result.js';
import { detectVersionSwitch, type VersionSwitch } from './version-switch.js';
import { laterWatermark } from './watermark.js';

/**
 * Syncs a district's roster from its OneRoster provider into a store: orgs, academic sessions,
 * courses, classes, users and enrollments (demographics when named), one collection at a time.
 *
 * Each collection is streamed into the store's stage page by page, with a checkpoint per page, and
 * made live in one commit only once the pull is proven complete (no paging error, no drift, as many
 * records as the provider counts). A full run then retires the records it did not see, unless that
 * would retire more than the deletion guard allows. Readers see the previous snapshot of a collection
 * or the new one, never a partial pull; a failed, aborted or killed run leaves what it had not
 * committed as it was, and a killed one is resumed by the next call. A run stopped by `pause`
 * returns `status: 'paused'` and is resumed by the next call too.
 *
 * @throws MassDeletionError when a collection would lose too much (nothing of it is changed)
 * @throws IncompletePullError when a pull kept drifting or ended short of the provider's count
 * @throws SyncInProgressError when another run of the tenant is live
 * @throws VersionSwitchError when the client's OneRoster version is not the tenant's and
 *   `versionSwitch` is not `'allow'` (nothing is pulled)
 * @throws UnlinkedRekeyError when a switch finds records re-keyed without a link (nothing is committed)
 * @throws the client's errors (HTTP, network, protocol) when the provider fails
 * @example
 * import { createSqliteStore, syncRoster } from 'oneroster/sync';
 *
 * const result = await syncRoster({ client, store, tenant: 'district-7', fields: 'minimal' });
 * metrics.record(result.mode, result.collections.users?.inserted);
 */
export async function syncRoster<V extends OneRosterVersion = '1.1'>(
  options: SyncOptions<V>,
): Promise<SyncResult> {
  const resolved = resolveSyncOptions(options);
  const { source, collections: names, fields } = resolved;
  let pulls = resolveCollectionPulls(source, names, fields);
  resolved.signal?.throwIfAborted();
  const { store } = resolved;
  const change = await detectVersionSwitch(resolved);
  // A switch also asks for the fields its re-key links are read from (stored only when selected).
  if (change !== undefined) pulls = resolveCollectionPulls(source, names, fields, resolved.legacyIdFields);
  const plan = await planRun(resolved, change);
  const { run } = plan;
  let collections: Partial<Record<SyncCollectionName, CollectionReport>> = {};
  // A reviewed run stages every collection and commits none until the review (or the thresholds) say so.
  const reviewing = resolved.review !== 'never' && !run.dryRun;
  try {
    if (reviewing) {
      const checked = await stageCollections(resolved, run, pulls, change);
      if (resolved.review === 'always' || mustHold(resolved, checked)) {
        return await holdForReview(resolved, plan, change, checked);
      }
      collections = await commitCollections(checked);
    } else if (change !== undefined && !run.dryRun) {
      collections = await switchCollections(resolved, run, pulls, change);
    } else {
      // In the order of `resolved.collections`: parents before the records that point at them.
      for (const [collection, read] of pulls) {
        // A resumed run keeps what its crashed predecessor committed; each collection commits once.
        if (run.committed.includes(collection)) continue;
        resolved.signal?.throwIfAborted();
        collections[collection] = await syncCollection(resolved, run, collection, read, change);
      }
    }
  } catch (error) {
    if (pausedBy(resolved, error) && !run.dryRun) {
      // Released, not ended: its staging and checkpoint wait for the next sync of the tenant.
      await store.releaseRun(run);
      return await resultOf(resolved, plan, 'paused', collections, change);
    }
    const status = resolved.signal?.aborted ? 'aborted' : 'failed';
    // The original error matters more than a failure to record the run's end.
    await store.finishRun(run, { status }).catch(() => undefined);
    throw error;
  }
  await store.finishRun(run, { status: 'succeeded' });
  return await resultOf(resolved, plan, run.dryRun ? 'dry-run' : 'committed', collections, change);
}

/**
 * True when the caller's `pause`, and not its `signal`, stopped the run: the error is the pause's
 * reason or holds it as a cause (the client's AbortError does), so a failure that merely coincides
 * with a pause (a tripped deletion guard, say) still fails the run.
 */
function pausedBy(resolved: ResolvedSyncOptions, error: unknown): boolean {
  const { pause, abort } = resolved;
  if (pause?.aborted !== true || abort?.aborted === true) return false;
  for (let cause = error, depth = 0; cause !== undefined && depth < 8; depth++) {
    if (cause === pause.reason) return true;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return false;
}

async function resultOf(
  resolved: ResolvedSyncOptions,
  plan: RunPlan,
  status: SyncResultStatus,
  collections: Partial<Record<SyncCollectionName, CollectionReport>>,
  change: VersionSwitch | undefined,
): Promise<SyncResult> {
  const { run } = plan;
  let watermark: string | undefined;
  for (const collection of resolved.collections) {
    watermark = laterWatermark(watermark, await resolved.store.getWatermark(resolved.tenant, collection));
  }
  return {
    runId: run.id,
    status,
    report: undefined,
    mode: run.mode,
    modeReason: plan.reason,
    dryRun: run.dryRun,
    resumed: plan.reason === 'resumed',
    resumedFrom: plan.resumedFrom,
    watermark,
    version: resolved.version,
    switchedFrom: change?.from,
    collections,
  };
}
