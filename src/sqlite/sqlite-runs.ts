import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  BeginRunOptions,
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

  const claimTenant = (tenant: string): void => {
    const lock = statements.lockOf.get(tenant);
    if (lock !== undefined && isLockLive(lock)) throw new SyncInProgressError({ tenant, runId: lock.run_id });
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

  const finish = db.transaction((ref: SyncRunRef, status: SyncRunStatus): SyncRun => {
    const run = heldRun(ref);
    end(run.seq, run.tenant, run.id, status);
    release(run);
    const row = statements.runById.get(run.id, run.tenant);
    if (row === undefined) throw new Error(`Run ${run.id} vanished while it finished`);
    return toRun(row);
  });

  return {
    begin: (tenant: string, options: BeginRunOptions) => begin.immediate(tenant, options),
    resume: (tenant: string, runId: string) => resume.immediate(tenant, runId),
    finish: (ref: SyncRunRef, status: SyncRunStatus) => finish.immediate(ref, status),
    get: (tenant: string, runId: string) => {
      const row = statements.runById.get(runId, tenant);
      return row === undefined ? undefined : toRun(row);
    },
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
