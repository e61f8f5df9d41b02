import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  BeginRunOptions,
  HeldRunRecord,
  HoldRunOptions,
  JsonValue,
  SyncMode,
  SyncRun,
  SyncRunRef,
  SyncRunStatus,
  SyncRunSummary,
} from '../sync/roster-store.js';
import { toIsoString } from '../sync/store/commit-policy.js';
import {
  parseCommitCounts,
  parseSyncMode,
  parseSyncRunStatus,
  parseSyncVersion,
} from '../sync/store/parse-run-row.js';
import { SyncInProgressError } from '../sync/store/sync-in-progress-error.js';
import { SyncRunInactiveError } from '../sync/store/sync-run-inactive-error.js';
import { holdToken, isLockLive, lockOwner, releaseToken } from './run-lock.js';
import type { RunRow, Statements } from './sqlite-statements.js';

/** A run this store holds the tenant's lock for. */
export interface HeldRun {
  readonly id: string;
  readonly tenant: string;
  readonly seq: number;
  readonly mode: SyncMode;
  readonly dryRun: boolean;
  readonly token: string;
}

/** Run lifecycle and the tenant locks behind it. */
export function createSqliteRuns(db: Database.Database, statements: Statements, now: () => number) {
  const held = new Map<string, HeldRun>();

  const toRun = (row: RunRow): SyncRun => ({
    id: row.id,
    tenant: row.tenant,
    mode: parseSyncMode(row.mode),
    dryRun: row.dry_run === 1,
    version: parseSyncVersion(row.version),
    status: parseSyncRunStatus(row.status),
    startedAt: row.started_at,
    finishedAt: row.finished_at ?? undefined,
    committed: statements.committedOf.all(row.seq).map((entry) => entry.collection),
  });

  /** The tenant's run awaiting review, after ending the expired ones. Call inside a write transaction. */
  const awaitingReview = (tenant: string): HeldRunRecord | undefined => {
    let found: HeldRunRecord | undefined;
    for (const row of statements.heldRuns.all(tenant)) {
      if (Date.parse(row.expires_at) <= now()) {
        end(row.seq, tenant, row.id, 'expired');
        continue;
      }
      const plan: JsonValue = JSON.parse(row.review_plan);
      found = { run: toRun(row), heldAt: row.held_at, expiresAt: row.expires_at, plan };
    }
    return found;
  };

  /** Refuses while a run of the tenant is live or awaiting review (but for `taking`, the held run taken). */
  const claimTenant = (tenant: string, taking?: string): void => {
    const lock = statements.lockOf.get(tenant);
    if (lock !== undefined && isLockLive(lock)) throw new SyncInProgressError({ tenant, runId: lock.run_id });
    const review = awaitingReview(tenant);
    if (review !== undefined && review.run.id !== taking) {
      throw new SyncInProgressError({ tenant, runId: review.run.id, awaitingReview: true });
    }
  };

  const hold = (row: RunRow): SyncRun => {
    const token = randomUUID();
    const { pid, host } = lockOwner();
    statements.takeLock.run(row.tenant, row.id, token, pid, host, toIsoString(now()));
    holdToken(token);
    const mode = parseSyncMode(row.mode);
    held.set(row.id, {
      id: row.id,
      tenant: row.tenant,
      seq: row.seq,
      mode,
      dryRun: row.dry_run === 1,
      token,
    });
    return toRun(row);
  };

  const end = (seq: number, tenant: string, id: string, status: SyncRunStatus): void => {
    statements.endRun.run(status, toIsoString(now()), seq);
    statements.discardRun.run(seq);
    statements.dropCheckpoint.run(tenant, id);
  };

  const release = (run: HeldRun): void => {
    held.delete(run.id);
    releaseToken(run.token);
    if (db.open) statements.dropLock.run(run.tenant, run.token);
  };

  /** The held run, re-checked against the lock row so a run another process took over is refused. */
  const heldRun = (ref: SyncRunRef): HeldRun => {
    const run = held.get(ref.id);
    if (run === undefined || run.tenant !== ref.tenant || !db.open) {
      throw new SyncRunInactiveError({ tenant: ref.tenant, runId: ref.id });
    }
    if (statements.lockOf.get(run.tenant)?.token !== run.token) {
      held.delete(run.id);
      releaseToken(run.token);
      throw new SyncRunInactiveError({ tenant: ref.tenant, runId: ref.id });
    }
    return run;
  };

  const begin = db.transaction((tenant: string, options: BeginRunOptions): SyncRun => {
    claimTenant(tenant);
    for (const crashed of statements.runningRuns.all(tenant)) {
      // A dry run leaves a crashed real run resumable: it is a preview, not a replacement.
      if (!options.dryRun || crashed.dry_run === 1) end(crashed.seq, tenant, crashed.id, 'abandoned');
    }
    const id = randomUUID();
    const version = options.version ?? '1.1';
    statements.insertRun.run(id, tenant, options.mode, options.dryRun ? 1 : 0, version, toIsoString(now()));
    const row = statements.runById.get(id, tenant);
    if (row === undefined) throw new Error(`Run ${id} vanished while it was created`);
    return hold(row);
  });

  const resume = db.transaction((tenant: string, runId: string): SyncRun | undefined => {
    claimTenant(tenant);
    const row = statements.runById.get(runId, tenant);
    return row?.status === 'running' ? hold(row) : undefined;
  });

  const holdForReview = db.transaction((ref: SyncRunRef, options: HoldRunOptions): HeldRunRecord => {
    const run = heldRun(ref);
    if (run.dryRun) throw new TypeError(`Run ${run.id} is a dry run: it cannot be held for review`);
    const heldAt = toIsoString(now());
    statements.holdRun.run(heldAt, options.expiresAt, JSON.stringify(options.plan), run.seq);
    statements.dropCheckpoint.run(run.tenant, run.id);
    release(run);
    const row = statements.runById.get(run.id, run.tenant);
    if (row === undefined) throw new Error(`Run ${run.id} vanished while it was held`);
    return { run: toRun(row), heldAt, expiresAt: options.expiresAt, plan: options.plan };
  });

  const readHeld = db.transaction((tenant: string) => awaitingReview(tenant));

  const takeForApproval = db.transaction((tenant: string, runId: string): SyncRun | undefined => {
    claimTenant(tenant, runId);
    const row = statements.runById.get(runId, tenant);
    if (row?.status !== 'awaiting-review') return undefined;
    statements.takeHeldRun.run(row.seq);
    return hold({ ...row, status: 'running' });
  });

  const finish = db.transaction((ref: SyncRunRef, status: SyncRunStatus): SyncRun => {
    const run = heldRun(ref);
    end(run.seq, run.tenant, run.id, status);
    release(run);
    const row = statements.runById.get(run.id, run.tenant);
    if (row === undefined) throw new Error(`Run ${run.id} vanished while it finished`);
    return toRun(row);
  });

  const letGo = db.transaction((ref: SyncRunRef): SyncRun => {
    const run = heldRun(ref);
    release(run);
    const row = statements.runById.get(run.id, run.tenant);
    if (row === undefined) throw new Error(`Run ${run.id} vanished while it was released`);
    return toRun(row);
  });

  return {
    begin: (tenant: string, options: BeginRunOptions) => begin.immediate(tenant, options),
    resume: (tenant: string, runId: string) => resume.immediate(tenant, runId),
    finish: (ref: SyncRunRef, status: SyncRunStatus) => finish.immediate(ref, status),
    /** Lets go of a held run without ending it: it stays `running`, resumable by any handle. */
    release: (ref: SyncRunRef) => letGo.immediate(ref),
    holdForReview: (ref: SyncRunRef, options: HoldRunOptions) => holdForReview.immediate(ref, options),
    // A write transaction: reading may end an expired run.
    awaitingReview: (tenant: string) => readHeld.immediate(tenant),
    takeForApproval: (tenant: string, runId: string) => takeForApproval.immediate(tenant, runId),
    get: (tenant: string, runId: string) => {
      const row = statements.runById.get(runId, tenant);
      return row === undefined ? undefined : toRun(row);
    },
    /** The run's row number, for reads by run; -1 (no rows) for a run the tenant does not have. */
    seqOf: (tenant: string, runId: string) => statements.runById.get(runId, tenant)?.seq ?? -1,
    lastFullSync: (tenant: string) => {
      const row = statements.lastFullRun.get(tenant);
      return row === undefined ? undefined : toRun(row);
    },
    /** The tenant's runs, newest first, with each commit's counts. */
    list: (tenant: string, limit: number | undefined): SyncRunSummary[] =>
      statements.runsOf.all(tenant, limit ?? -1).map((row) => ({
        ...toRun(row),
        counts: Object.fromEntries(
          statements.countsOf
            .all(row.seq)
            .map((entry) => [entry.collection, parseCommitCounts(entry.counts)]),
        ),
      })),
    heldRun,
    /** Lets go of every run this store holds; they stay `running` and resumable. */
    releaseAll: () => {
      for (const run of [...held.values()]) release(run);
    },
  };
}
