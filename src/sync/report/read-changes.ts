import type { HeldRunPlan } from '../review/held-run-plan.js';
import type { CollectionDiff, RosterStore, SyncRun } from '../roster-store.js';
import { isSyncRunInactiveError } from '../store/sync-run-inactive-error.js';
import type { SyncResult } from '../sync-result.js';
import {
  REPORT_COLLECTIONS,
  type ReportChanges,
  type ReportCollection,
  type ReportCollectionChange,
  type ReportCollectionTotals,
  type ResolvedReportThresholds,
  type ThresholdFlag,
} from './report-types.js';

function changeOf(
  counts: { readonly inserted: number; readonly updated: number; readonly unchanged: number },
  retired: number,
  activeBefore: number,
): ReportCollectionChange {
  const share = (count: number) => (activeBefore === 0 ? 0 : count / activeBefore);
  return {
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    retired,
    activeBefore,
    updatedFraction: share(counts.updated),
    retiredFraction: share(retired),
  };
}

/** A sync result's counts. After a commit, the active count before it is the one now, undone. */
function changesOfResult(
  result: SyncResult,
  totals: Readonly<Record<ReportCollection, ReportCollectionTotals>>,
): ReportChanges {
  const collections: Partial<Record<ReportCollection, ReportCollectionChange>> = {};
  for (const collection of REPORT_COLLECTIONS) {
    const report = result.collections[collection];
    if (report === undefined) continue;
    const retired = report.tombstoned + report.deleted;
    const active = totals[collection].active;
    const activeBefore = result.dryRun ? active : Math.max(0, active - report.inserted + retired);
    collections[collection] = changeOf(report, retired, activeBefore);
  }
  return { source: 'sync-result', collections };
}

/**
 * A held run's diff per collection it staged and has not committed. A full run's commit retires the
 * unseen records (unless the pull quarantined some, which the store cannot know), so they count as
 * retired. A collection with nothing staged is left out: the store cannot tell "not pulled yet" from
 * "pulled empty", and the deletion guard refuses an empty pull anyway.
 */
async function changesOfHeldRun(
  store: RosterStore,
  run: SyncRun,
  totals: Readonly<Record<ReportCollection, ReportCollectionTotals>>,
): Promise<ReportChanges> {
  const collections: Partial<Record<ReportCollection, ReportCollectionChange>> = {};
  for (const collection of REPORT_COLLECTIONS) {
    if (run.committed.includes(collection)) continue;
    let diff: CollectionDiff;
    try {
      diff = await store.diff(run, collection);
    } catch (error) {
      // The store answers "not held by this handle" only by refusing: another worker's run.
      if (isSyncRunInactiveError(error)) return { source: 'none', collections: {} };
      throw error;
    }
    if (diff.staged === 0) continue;
    const retired = diff.tombstoned + (run.mode === 'full' ? diff.unseen : 0);
    collections[collection] = changeOf(diff, retired, totals[collection].active);
  }
  return { source: 'staged-run', collections };
}

/**
 * A run awaiting review: the counts it was held with. The tables are read as approving would leave
 * them, so the active count before is the one read, undone, as after a commit.
 */
function changesOfPlan(
  plan: HeldRunPlan,
  totals: Readonly<Record<ReportCollection, ReportCollectionTotals>>,
): ReportChanges {
  const collections: Partial<Record<ReportCollection, ReportCollectionChange>> = {};
  for (const planned of plan.collections) {
    const collection = REPORT_COLLECTIONS.find((known) => known === planned.collection);
    if (collection === undefined) continue;
    const retired = planned.tombstoned + planned.deleted;
    const activeBefore = Math.max(0, totals[collection].active - planned.inserted + retired);
    collections[collection] = changeOf(planned, retired, activeBefore);
  }
  return { source: 'held-run', collections };
}

/**
 * The change the report shows. Stores record no counts per run (a run knows only the collections it
 * committed), so the counts come from the caller's `syncResult` or from a run this handle holds.
 */
export async function readChanges(
  store: RosterStore,
  run: SyncRun | undefined,
  syncResult: SyncResult | undefined,
  totals: Readonly<Record<ReportCollection, ReportCollectionTotals>>,
  plan?: HeldRunPlan,
): Promise<ReportChanges> {
  if (plan !== undefined) return changesOfPlan(plan, totals);
  if (syncResult !== undefined) return changesOfResult(syncResult, totals);
  if (run?.status === 'running') return changesOfHeldRun(store, run, totals);
  return { source: 'none', collections: {} };
}

/** The flags the change raises: a share strictly above a threshold. */
export function flagChanges(changes: ReportChanges, thresholds: ResolvedReportThresholds): ThresholdFlag[] {
  const flags: ThresholdFlag[] = [];
  for (const collection of REPORT_COLLECTIONS) {
    const change = changes.collections[collection];
    if (change === undefined) continue;
    const { activeBefore } = change;
    const checks = [
      ['updated', change.updated, change.updatedFraction, thresholds.maxUpdatedFraction],
      ['retired', change.retired, change.retiredFraction, thresholds.maxRetiredFraction],
    ] as const;
    for (const [kind, count, fraction, threshold] of checks)
      if (fraction > threshold) flags.push({ collection, kind, count, activeBefore, fraction, threshold });
  }
  return flags;
}
