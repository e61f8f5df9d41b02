import type { PullSummary } from '../index.js';
import { baselineInWindow, baselineMove, checkDeletion, planDeletion } from './deletion-guard.js';
import { IncompletePullError } from './incomplete-pull-error.js';
import { MassDeletionError } from './mass-deletion-error.js';
import { type CollectionPull, pullIntoStage, type StagedPull } from './pull-into-stage.js';
import { checkUnlinkedRekey, diffAfterRekey, NO_REKEY, planRekey, type RekeyPlan } from './rekey-links.js';
import type { CollectionDiff, CommitOptions } from './roster-store.js';
import { toCheckpointData } from './sync-checkpoint.js';
import type { CollectionRead } from './sync-fields.js';
import type { SyncCollectionName } from './sync-options.js';
import { emitProgress } from './sync-progress.js';
import type { BlockedDeletion, CollectionReport } from './sync-result.js';
import { UnlinkedRekeyError } from './unlinked-rekey-error.js';
import type { VersionSwitch } from './version-switch.js';
import { deltaSince, laterWatermark } from './watermark.js';

/** Throws unless the pull is proven to hold every record: complete, and as many as the provider counts. */
function assertComplete(pull: CollectionPull, summary: PullSummary, attempts: number): void {
  const distinct = summary.received - summary.duplicates;
  const details = {
    tenant: pull.options.tenant,
    collection: pull.collection,
    received: distinct,
    total: summary.total,
    attempts,
  };
  if (!summary.complete) throw new IncompletePullError({ reason: 'incomplete', ...details });
  // Digest "Paging": a provider that stops early (an empty page before X-Total-Count) truncates the
  // roster, and deleting what it did not send would unenrol real students.
  if (summary.total !== undefined && distinct !== summary.total) {
    throw new IncompletePullError({ reason: 'count-mismatch', ...details });
  }
}

/** Pulls until a pull does not drift, restarting from nothing (bounded) when it does. */
async function pullWithoutDrift(pull: CollectionPull): Promise<{ staged: StagedPull; restarts: number }> {
  const { options, run, collection } = pull;
  for (let attempt = 0; ; attempt++) {
    // Also drops what a crashed run staged: that pull may hold records the provider deleted since.
    await options.store.discard(run, collection);
    const staged = await pullIntoStage(pull, attempt);
    const drift = staged.summary.drift;
    if (drift === undefined) return { staged, restarts: attempt };
    if (attempt >= options.maxRestarts) {
      throw new IncompletePullError({
        reason: 'drift',
        tenant: options.tenant,
        collection,
        received: staged.summary.received - staged.summary.duplicates,
        total: staged.summary.total,
        attempts: attempt + 1,
      });
    }
    emitProgress(options.onProgress, {
      type: 'collection-restarted',
      runId: run.id,
      collection,
      attempt: attempt + 1,
      totalBefore: drift.totalBefore,
      totalAfter: drift.totalAfter,
    });
  }
}

/** What the commit does with records a full pull did not see. */
function unseenPolicy(pull: CollectionPull, summary: PullSummary): NonNullable<CommitOptions['unseen']> {
  // A delta sees changed records only; a quarantined record is unseen but not gone.
  if (pull.run.mode === 'delta' || summary.quarantined > 0) return 'keep';
  return pull.options.tombstones === 'delete' ? 'delete' : 'tombstone';
}

export function countRetired(diff: CollectionDiff, unseen: string, tombstones: 'keep' | 'delete') {
  const unseenRetired = unseen === 'keep' ? 0 : diff.unseen;
  return tombstones === 'keep'
    ? { tombstoned: diff.tombstoned + unseenRetired, deleted: 0 }
    : { tombstoned: 0, deleted: diff.tombstoned + unseenRetired };
}

/** A collection pulled into the run's stage and checked: what its commit (or dry-run report) needs. */
export interface CheckedCollection {
  readonly pull: CollectionPull;
  readonly staged: StagedPull;
  readonly restarts: number;
  /** The store's diff, with the renames of `rekey` applied. */
  readonly diff: CollectionDiff;
  /** Active records of the collection stored before the run. */
  readonly stored: number;
  readonly rekey: RekeyPlan;
  readonly unseen: NonNullable<CommitOptions['unseen']>;
  readonly baseline: 'set' | 'accumulate';
  readonly blocked: BlockedDeletion | undefined;
  readonly previous: string | undefined;
  readonly watermark: string | undefined;
  readonly started: number;
}

/**
 * Pulls one collection into the run's stage, proves the pull complete, and checks the deletion guard
 * (and, in a version switch, re-key links) against the store's diff. Changes nothing live.
 * @throws IncompletePullError, MassDeletionError (UnlinkedRekeyError in a switch), or the client's
 *   error for a failed request; a dry run reports a tripped guard instead
 */
export async function stageCollection(
  options: CollectionPull['options'],
  run: CollectionPull['run'],
  collection: SyncCollectionName,
  read: CollectionRead,
  change: VersionSwitch | undefined,
): Promise<CheckedCollection> {
  const { store, tenant } = options;
  const started = options.now();
  const previous = await store.getWatermark(tenant, collection);
  // Explicit delta without a watermark: pull everything, but upsert only (a delta retires nothing).
  const since =
    run.mode === 'delta' && previous !== undefined ? deltaSince(previous, options.overlapMs) : undefined;
  const pull: CollectionPull = { options, run, collection, read, since, change };
  const { staged, restarts } = await pullWithoutDrift(pull);
  const { summary } = staged;
  assertComplete(pull, summary, restarts + 1);

  const links = staged.links;
  const rekey = links === undefined ? NO_REKEY : await planRekey(store, tenant, collection, links);
  const diff = diffAfterRekey(await store.diff(run, collection), rekey);
  const stored = await store.count(tenant, collection, { status: 'active' });
  const unseen = unseenPolicy(pull, summary);
  const planned = planDeletion(diff, stored, unseen !== 'keep', summary.quarantined);
  const guard = options.deletionGuard;
  const fullPull = run.mode === 'full';
  const baseline = baselineInWindow(await store.getBaseline(tenant, collection), guard, options.now());
  const unlinked =
    change === undefined ? undefined : checkUnlinkedRekey(diff, stored, guard, summary.quarantined);
  const checked = unlinked ?? checkDeletion(planned, guard, fullPull, baseline);
  const blocked: BlockedDeletion | undefined =
    checked?.reason === 'all-quarantined'
      ? { ...checked, quarantineReasons: summary.quarantineReasons }
      : checked;
  if (blocked !== undefined && !options.dryRun) {
    if (unlinked !== undefined && change !== undefined) {
      throw new UnlinkedRekeyError({
        tenant,
        collection,
        ...unlinked,
        storedVersion: change.from,
        clientVersion: change.to,
        added: diff.inserted,
      });
    }
    throw new MassDeletionError({ tenant, collection, ...blocked });
  }
  const watermark =
    run.mode === 'full' ? (staged.watermark ?? previous) : laterWatermark(previous, staged.watermark);
  return {
    pull,
    staged,
    restarts,
    diff,
    stored,
    rekey,
    unseen,
    baseline: baselineMove(planned, guard, fullPull, baseline),
    blocked,
    previous,
    watermark,
    started,
  };
}

/**
 * Commits a checked collection (or, in a dry run or a run held for review, `preview`, reports what a
 * commit would do), renaming the records a version switch re-keyed in the same transaction.
 */
export async function commitCollection(
  checked: CheckedCollection,
  preview = checked.pull.options.dryRun,
): Promise<CollectionReport> {
  const { pull, staged, restarts, diff, unseen, watermark } = checked;
  const { options, run, collection } = pull;
  const { summary } = staged;
  const applied = preview
    ? { ...diff, ...countRetired(diff, unseen, options.tombstones) }
    : await options.store.commit(run, collection, {
        tombstones: options.tombstones,
        unseen,
        ...(options.changeLog === undefined ? {} : { changeLog: options.changeLog }),
        baseline: checked.baseline,
        ...(checked.rekey.rekey.size === 0 ? {} : { rekey: checked.rekey.rekey }),
        ...(watermark === undefined ? {} : { watermark }),
        checkpoint: toCheckpointData({
          version: 1,
          collection,
          phase: 'committed',
          attempt: restarts,
          pages: staged.pages,
          offset: summary.received,
        }),
      });
  const retired = preview
    ? applied
    : { ...countRetired(applied, unseen, options.tombstones), deleted: applied.deleted };
  const report: CollectionReport = {
    received: summary.received,
    inserted: applied.inserted,
    updated: applied.updated,
    unchanged: applied.unchanged,
    tombstoned: retired.tombstoned,
    deleted: retired.deleted,
    rekeyed: checked.rekey.rekey.size,
    quarantined: summary.quarantined,
    total: summary.total,
    restarts,
    deletionsSkipped: run.mode === 'full' && unseen === 'keep' && diff.unseen > 0 ? 'quarantined' : undefined,
    watermark: preview ? checked.previous : watermark,
    durationMs: options.now() - checked.started,
    schools: staged.schools,
    blocked: checked.blocked,
  };
  if (!preview)
    emitProgress(options.onProgress, { type: 'collection-committed', runId: run.id, collection, report });
  emitProgress(options.onProgress, { type: 'collection-finished', runId: run.id, collection, report });
  return report;
}

/**
 * Syncs one collection: pulls it into the run's stage, proves the pull complete, checks the deletion
 * guard against the store's diff, and commits (or, in a dry run, reports what a commit would do).
 * Nothing of the collection changes unless every check passed.
 * @throws IncompletePullError, MassDeletionError, or the client's error for a failed request
 */
export async function syncCollection(
  options: CollectionPull['options'],
  run: CollectionPull['run'],
  collection: SyncCollectionName,
  read: CollectionRead,
  change: VersionSwitch | undefined,
): Promise<CollectionReport> {
  return commitCollection(await stageCollection(options, run, collection, read, change));
}
