import type { RunPlan } from '../plan-run.js';
import { buildRosterReport } from '../report/build-roster-report.js';
import type { ResolvedSyncOptions } from '../resolve-sync-options.js';
import { toIsoString } from '../store/commit-policy.js';
import { type CheckedCollection, commitCollection, countRetired } from '../sync-collection.js';
import type { SyncCollectionName } from '../sync-options.js';
import type { CollectionReport, SyncResult } from '../sync-result.js';
import type { VersionSwitch } from '../version-switch.js';
import { type HeldRunPlan, type PlannedCollection, toPlanData } from './held-run-plan.js';

/**
 * `on-threshold`: whether a staged collection's change passes a threshold: more than
 * `maxUpdatedFraction` of its active records updated, or more than `maxRetiredFraction` retired. The
 * roster report flags the same shares, so a held run's report says which collection held it.
 */
export function mustHold(
  options: ResolvedSyncOptions,
  checked: readonly [SyncCollectionName, CheckedCollection][],
): boolean {
  const { maxUpdatedFraction, maxRetiredFraction } = options.reviewThresholds;
  return checked.some(([, { diff, stored, unseen }]) => {
    if (stored === 0) return false;
    const { tombstoned, deleted } = countRetired(diff, unseen, options.tombstones);
    return diff.updated / stored > maxUpdatedFraction || (tombstoned + deleted) / stored > maxRetiredFraction;
  });
}

function plannedCollection(checked: CheckedCollection, report: CollectionReport): PlannedCollection {
  const { pull, staged } = checked;
  return {
    collection: pull.collection,
    tombstones: pull.options.tombstones,
    unseen: checked.unseen,
    baseline: checked.baseline,
    watermark: checked.watermark ?? null,
    rekey: [...checked.rekey.rekey],
    received: staged.summary.received,
    quarantined: staged.summary.quarantined,
    total: staged.summary.total ?? null,
    restarts: checked.restarts,
    pages: staged.pages,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
    tombstoned: report.tombstoned,
    deleted: report.deleted,
    deletionsSkipped: report.deletionsSkipped ?? null,
    previousWatermark: checked.previous ?? null,
  };
}

/**
 * Stops a run whose collections are all staged and checked: saves what each commit would take (the
 * plan) with the run, which the store then keeps `awaiting-review`, and returns the result with the
 * held run's report. Nothing is committed.
 */
export async function holdForReview(
  options: ResolvedSyncOptions,
  runPlan: RunPlan,
  change: VersionSwitch | undefined,
  checked: readonly [SyncCollectionName, CheckedCollection][],
): Promise<SyncResult> {
  const { run } = runPlan;
  const collections: Partial<Record<SyncCollectionName, CollectionReport>> = {};
  const planned: PlannedCollection[] = [];
  for (const [collection, staged] of checked) {
    const report = await commitCollection(staged, true);
    collections[collection] = report;
    planned.push(plannedCollection(staged, report));
  }
  const plan: HeldRunPlan = {
    version: 1,
    mode: run.mode,
    modeReason: runPlan.reason,
    syncVersion: options.version,
    switchedFrom: change?.from ?? null,
    resumed: runPlan.reason === 'resumed',
    thresholds: options.reviewThresholds,
    ...(options.changeLog === undefined ? {} : { changeLog: options.changeLog }),
    collections: planned,
  };
  const expiresAt = toIsoString(options.now() + options.reviewExpiresAfterMs);
  await options.store.holdRun(run, { expiresAt, plan: toPlanData(plan) });
  const report = await buildRosterReport(options.store, options.tenant, {
    runId: run.id,
    thresholds: options.reviewThresholds,
    now: options.now,
  });
  return {
    runId: run.id,
    status: 'awaiting-review',
    report,
    mode: run.mode,
    modeReason: runPlan.reason,
    dryRun: false,
    resumed: runPlan.reason === 'resumed',
    resumedFrom: runPlan.resumedFrom,
    watermark: undefined,
    version: options.version,
    switchedFrom: change?.from,
    collections,
  };
}
