import { buildRosterReport } from '../report/build-roster-report.js';
import type { RosterReport } from '../report/report-types.js';
import type { ChangeLogOptions, CommitOptions, RosterStore, SyncRun } from '../roster-store.js';
import { toCheckpointData } from '../sync-checkpoint.js';
import { countRetired } from '../sync-collection.js';
import type { SyncCollectionName } from '../sync-options.js';
import { emitProgress, type SyncProgressListener } from '../sync-progress.js';
import type { CollectionReport, SyncResult } from '../sync-result.js';
import { laterWatermark } from '../watermark.js';
import { type HeldRunPlan, type PlannedCollection, readPlan } from './held-run-plan.js';
import { NotAwaitingReviewError } from './not-awaiting-review-error.js';

/** A run awaiting review, as {@link heldRun} returns it. */
export interface HeldRun {
  readonly runId: string;
  readonly tenant: string;
  readonly mode: 'full' | 'delta';
  /** ISO 8601 datetime: when the run stopped for review. */
  readonly heldAt: string;
  /** ISO 8601 datetime after which it expires (discarded, status `expired`) unless approved or rejected. */
  readonly expiresAt: string;
  /** What approving it would do, per collection (as a dry run reports it). */
  readonly collections: Partial<Record<SyncCollectionName, CollectionReport>>;
  /** The roster as approving would leave it, with the change and flags it was held with. */
  readonly report: RosterReport;
}

/** Options of {@link approveRun}. */
export interface ApproveRunOptions {
  /** Progress per collection committed, as `syncRoster` reports it. */
  onProgress?: SyncProgressListener;
  /**
   * Clock in milliseconds since the epoch, for durations and the report; tests inject one.
   * @default Date.now
   */
  now?: () => number;
}

function reportOf(planned: PlannedCollection, preview: boolean, durationMs: number): CollectionReport {
  return {
    received: planned.received,
    inserted: planned.inserted,
    updated: planned.updated,
    unchanged: planned.unchanged,
    tombstoned: planned.tombstoned,
    deleted: planned.deleted,
    rekeyed: planned.rekey.length,
    quarantined: planned.quarantined,
    total: planned.total ?? undefined,
    restarts: planned.restarts,
    deletionsSkipped: planned.deletionsSkipped ?? undefined,
    watermark:
      (preview ? planned.previousWatermark : (planned.watermark ?? planned.previousWatermark)) ?? undefined,
    durationMs,
    schools: undefined,
    blocked: undefined,
  };
}

/** The plan's `changeLog` as the store's option: the keys it has, none set to undefined. */
function changeLogOptionsOf(saved: NonNullable<HeldRunPlan['changeLog']>): ChangeLogOptions | false {
  if (saved === false) return false;
  return {
    ...(saved.values === undefined ? {} : { values: saved.values }),
    ...(saved.retainDays === undefined ? {} : { retainDays: saved.retainDays }),
  };
}

/** The commit options a planned collection was reviewed with, as `syncRoster` would have passed them. */
function commitOptionsOf(planned: PlannedCollection, changeLog: HeldRunPlan['changeLog']): CommitOptions {
  return {
    ...(changeLog === undefined ? {} : { changeLog: changeLogOptionsOf(changeLog) }),
    tombstones: planned.tombstones,
    unseen: planned.unseen,
    baseline: planned.baseline,
    ...(planned.rekey.length === 0 ? {} : { rekey: new Map(planned.rekey) }),
    ...(planned.watermark === null ? {} : { watermark: planned.watermark }),
    checkpoint: toCheckpointData({
      version: 1,
      collection: planned.collection,
      phase: 'committed',
      attempt: planned.restarts,
      pages: planned.pages,
      offset: planned.received,
    }),
  };
}

/** The tenant's held run with its plan; refuses when `runId` is given and is not that run. */
async function readHeld(store: RosterStore, tenant: string, runId: string) {
  const held = await store.getHeldRun(tenant);
  if (held === undefined || held.run.id !== runId) {
    const run = await store.getRun(tenant, runId);
    throw new NotAwaitingReviewError({ tenant, runId, status: run?.status });
  }
  return { held, plan: readPlan(runId, held.plan) };
}

/** Takes the held run into this store handle, or refuses as {@link readHeld} does. */
async function take(store: RosterStore, tenant: string, runId: string): Promise<SyncRun> {
  const run = await store.takeHeldRun(tenant, runId);
  if (run !== undefined) return run;
  const now = await store.getRun(tenant, runId);
  throw new NotAwaitingReviewError({ tenant, runId, status: now?.status });
}

function resultOf(
  run: SyncRun,
  plan: HeldRunPlan,
  collections: Partial<Record<SyncCollectionName, CollectionReport>>,
  watermark: string | undefined,
): SyncResult {
  return {
    runId: run.id,
    status: 'committed',
    report: undefined,
    mode: plan.mode,
    modeReason: plan.modeReason,
    dryRun: false,
    resumed: plan.resumed,
    resumedFrom: undefined,
    watermark,
    version: plan.syncVersion,
    switchedFrom: plan.switchedFrom ?? undefined,
    collections,
  };
}

/**
 * The tenant's run awaiting review, with its report, or undefined when none is held (one that has
 * expired is discarded now). Works from any store handle on the data, e.g. a CLI beside the worker.
 * @example
 * const held = await heldRun(store, 'district-7');
 * if (held) await writeFile('review.html', reportToHtml(held.report, { maskNames: true }));
 */
export async function heldRun(store: RosterStore, tenant: string): Promise<HeldRun | undefined> {
  const held = await store.getHeldRun(tenant);
  if (held === undefined) return undefined;
  const plan = readPlan(held.run.id, held.plan);
  const collections: Partial<Record<SyncCollectionName, CollectionReport>> = {};
  for (const planned of plan.collections) collections[planned.collection] = reportOf(planned, true, 0);
  const report = await buildRosterReport(store, tenant, { runId: held.run.id, thresholds: plan.thresholds });
  return {
    runId: held.run.id,
    tenant,
    mode: plan.mode,
    heldAt: held.heldAt,
    expiresAt: held.expiresAt,
    collections,
    report,
  };
}

/**
 * Commits a run awaiting review exactly as it was staged and reviewed: no second pull, each
 * collection with the options the run was held with (watermarks, unseen records, deletion baseline,
 * re-keys), parents first. Works from any store handle on the data. The run then ends `succeeded`,
 * as if `syncRoster` had committed it, and the tenant is free.
 * @throws NotAwaitingReviewError when the run is not the tenant's run awaiting review (or expired)
 * @throws SyncInProgressError when another handle is approving or rejecting it right now
 * @example
 * const result = await approveRun(store, 'district-7', held.runId);
 * result.status; // 'committed'
 */
export async function approveRun(
  store: RosterStore,
  tenant: string,
  runId: string,
  options: ApproveRunOptions = {},
): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  const { plan } = await readHeld(store, tenant, runId);
  const run = await take(store, tenant, runId);
  const collections: Partial<Record<SyncCollectionName, CollectionReport>> = {};
  try {
    for (const planned of plan.collections) {
      const started = now();
      // The same run commits, so its change records carry the reviewed run's id.
      const applied = await store.commit(run, planned.collection, commitOptionsOf(planned, plan.changeLog));
      const report: CollectionReport = {
        ...reportOf(planned, false, now() - started),
        inserted: applied.inserted,
        updated: applied.updated,
        unchanged: applied.unchanged,
        ...countRetired(applied, planned.unseen, planned.tombstones),
        deleted: applied.deleted,
      };
      collections[planned.collection] = report;
      emitProgress(options.onProgress, {
        type: 'collection-committed',
        runId: run.id,
        collection: planned.collection,
        report,
      });
    }
  } catch (error) {
    // Committed collections stay committed; the rest of the run's staging is dropped with it.
    await store.finishRun(run, { status: 'failed' }).catch(() => undefined);
    throw error;
  }
  await store.finishRun(run, { status: 'succeeded' });
  let watermark: string | undefined;
  for (const planned of plan.collections) {
    watermark = laterWatermark(watermark, await store.getWatermark(tenant, planned.collection));
  }
  return resultOf(run, plan, collections, watermark);
}

/**
 * Discards a run awaiting review: its staged records are dropped, nothing of it is committed, it
 * ends `rejected`, and the tenant is free for the next sync. Works from any store handle on the data.
 * @throws NotAwaitingReviewError when the run is not the tenant's run awaiting review (or expired)
 */
export async function rejectRun(store: RosterStore, tenant: string, runId: string): Promise<SyncRun> {
  const run = await take(store, tenant, runId);
  return store.finishRun(run, { status: 'rejected' });
}
