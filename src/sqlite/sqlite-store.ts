import type Database from 'better-sqlite3';
import type {
  CommitOptions,
  JsonValue,
  RosterRecord,
  RosterStore,
  SyncRunRef,
} from '../sync/roster-store.js';
import {
  alreadyCommittedError,
  resolveCommitPolicy,
  retiredBy,
  toIsoString,
} from '../sync/store/commit-policy.js';
import { guardStoreErrors } from '../sync/store/guard-store-errors.js';
import { loadDriver, resolveDriverPath } from '../sync/store/load-driver.js';
import { resolvePageSize } from '../sync/store/page-size.js';
import { type PreparedRecord, prepareBatch } from '../sync/store/prepare-batch.js';
import { prepareChangeLog } from './sqlite-changes.js';
import { prepareCommit } from './sqlite-commit.js';
import { createSqliteErase } from './sqlite-erase.js';
import { createSqliteRuns, type HeldRun } from './sqlite-runs.js';
import { migrateSqlite } from './sqlite-schema.js';
import { prepareStagedSnapshots } from './sqlite-staged-snapshot.js';
import { prepareStatements, STAGE_ROWS_PER_STATEMENT } from './sqlite-statements.js';
import { trackStagedOrder } from './staged-order.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

/** How long a write waits for another process's transaction before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;
/**
 * Page cache per connection; negative values are KiB in SQLite's `cache_size` pragma. It also bounds
 * the memory of each sort before it spills to a temporary file (the commit sorts a collection's
 * staging by sourcedId), so a full sync's peak holds about twice this: 64 MiB put a full sync of the
 * `large` preset 134 MB above the pull alone; with the checkpointing thread (about 10 MB), 16 MiB
 * peaked at 256 to 257 MB and 12 MiB at 236 to 251 MB, no slower.
 */
const CACHE_SIZE_KIB = 12_288;
/**
 * WAL pages between automatic checkpoints (64 MiB at 4 KiB pages; SQLite's default is 1,000), where
 * the store's own connection checkpoints: a database in memory, or when the checkpointing thread
 * fails. Batches in random sourcedId order dirty a page per record; checkpointing less often writes
 * each page once for many batches: measured 2.7 times faster staging of 1,000-record batches in
 * random order.
 */
const WAL_AUTOCHECKPOINT_PAGES = 16_384;
/** The WAL file is truncated back to this size after a checkpoint, in bytes. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/** The parameters of `rows` staged records from `start`, in the column order of the staging INSERT. */
function stagedValues(
  runSeq: number,
  collection: string,
  records: readonly PreparedRecord[],
  start: number,
  rows: number,
): (string | number | null)[] {
  const values: (string | number | null)[] = [];
  for (const record of records.slice(start, start + rows)) {
    values.push(
      runSeq,
      collection,
      record.sourcedId,
      record.status,
      record.dateLastModified,
      record.hash,
      record.json,
    );
  }
  return values;
}

/**
 * Moves the checkpoints of a database file off the store's connection (see wal-checkpointer.ts). When
 * the thread fails, the connection checkpoints on its own again.
 */
function startCheckpointer(db: Database.Database): WalCheckpointer | undefined {
  if (db.memory) return undefined;
  const checkpointOnThisConnection = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  };
  try {
    const checkpointer = startWalCheckpointer({
      path: db.name,
      driverPath: resolveDriverPath('better-sqlite3'),
      restartPages: WAL_AUTOCHECKPOINT_PAGES,
      onFailure: checkpointOnThisConnection,
    });
    db.pragma('wal_autocheckpoint = 0');
    return checkpointer;
  } catch {
    // A runtime without worker threads, or a driver bundled where no path resolves to it.
    return undefined;
  }
}

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** The database file; created with its tables when missing. `:memory:` works for tests. */
  path: string;
  /**
   * The clock for run and checkpoint times, in milliseconds since the epoch.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * The embedded store, on better-sqlite3 (an optional peer dependency: install it next to oneroster).
 * One file holds every tenant. Each staged batch is one transaction with its checkpoint; WAL lets
 * readers keep reading the previous snapshot while a collection commits. Iteration reads page by page,
 * so a district of millions of records never sits in memory.
 * @throws `MissingDependencyError` (`oneroster/sync`) when better-sqlite3 is not installed.
 * @example
 * import { createSqliteStore } from 'oneroster/sqlite';
 *
 * const store = createSqliteStore({ path: './roster.db' });
 * for await (const user of store.iterate('district-7', 'users', { status: 'active' })) {
 *   index.add(user.sourcedId);
 * }
 * await store.close();
 */
export function createSqliteStore(options: SqliteStoreOptions): RosterStore {
  const now = options.now ?? Date.now;
  const BetterSqlite = loadDriver<typeof Database>('better-sqlite3', 'oneroster/sqlite');
  const db = new BetterSqlite(options.path, { timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  // NORMAL with WAL survives a killed process; a power cut may lose the last transactions, but never
  // separates a batch from its checkpoint, which share one.
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  // Deleted and replaced rows are overwritten with zeros in the pages a write touches anyway (a
  // record's earlier version, in its page), but whole pages freed (the staging dropped at every
  // commit) go to the free list unzeroed: zeroing them wrote every staged byte twice more, 72 s of a
  // 430 s sync of the `largest` preset. What they hold is the roster the commit just stored; an
  // erasure zeroes every free page before it returns (see sqlite-erase.ts). Per connection, so it is
  // set before this handle writes anything.
  db.pragma('secure_delete = FAST');
  migrateSqlite(db);
  const checkpointer = startCheckpointer(db);
  const statements = prepareStatements(db);
  const commits = prepareCommit(db);
  const changeLog = prepareChangeLog(db);
  const stagedSnapshots = prepareStagedSnapshots(db);
  const runs = createSqliteRuns(db, statements, now);
  const erase = createSqliteErase(db, now);
  const stagedOrder = trackStagedOrder();
  const forgetRun = (ref: SyncRunRef) => stagedOrder.forget(runs.seqOf(ref.tenant, ref.id));

  /** Drops the staged records of a run's collection. */
  const discardStaged = (runSeq: number, collection: string) => {
    if (statements.stagedBeyond.get(runSeq, collection)?.beyond === 0) statements.discardAll.run();
    else statements.discardCollection.run(runSeq, collection);
  };
  const saveCheckpoint = (run: HeldRun, data: JsonValue) => {
    // A dry run is never resumed; the tenant's checkpoint may be a crashed run's resume point.
    if (run.dryRun) return;
    statements.saveCheckpoint.run(run.tenant, run.id, JSON.stringify(data), toIsoString(now()));
  };
  const assertOpenCollection = (run: HeldRun, collection: string) => {
    if (statements.isCommitted.get(run.seq, collection) !== undefined)
      throw alreadyCommittedError(run, collection);
  };

  const stage = db.transaction(
    (
      ref: SyncRunRef,
      collection: string,
      records: readonly RosterRecord[],
      checkpoint: JsonValue | undefined,
    ) => {
      const run = runs.heldRun(ref);
      assertOpenCollection(run, collection);
      const prepared = prepareBatch(collection, records);
      let index = 0;
      for (; index + STAGE_ROWS_PER_STATEMENT <= prepared.length; index += STAGE_ROWS_PER_STATEMENT) {
        statements.stageMany.run(
          ...stagedValues(run.seq, collection, prepared, index, STAGE_ROWS_PER_STATEMENT),
        );
      }
      for (; index < prepared.length; index++) {
        statements.stageOne.run(...stagedValues(run.seq, collection, prepared, index, 1));
      }
      if (checkpoint !== undefined) saveCheckpoint(run, checkpoint);
      return prepared;
    },
  );

  const commit = db.transaction(
    (ref: SyncRunRef, collection: string, commitOptions: CommitOptions | undefined) => {
      const run = runs.heldRun(ref);
      const policy = resolveCommitPolicy(run, collection, commitOptions);
      assertOpenCollection(run, collection);
      const staged = { tenant: run.tenant, runSeq: run.seq, collection };
      const committedAt = now();
      const ascending = stagedOrder.ascending(run.seq, collection);
      const result = commits.commit(staged, run.mode, policy, ascending, (renamed, kind) => {
        const changes = policy.changeLog;
        if (changes === undefined) {
          // A first sync changes no stored record whose insert the log refers to.
          if (kind === 'update') changeLog.keepValuesBeforeCommit(staged, policy, renamed);
          return undefined;
        }
        const target = { tenant: run.tenant, runId: run.id, collection, at: toIsoString(committedAt) };
        const logPolicy = { ...policy, changeLog: changes };
        return changeLog.log(staged, target, logPolicy, renamed, committedAt, kind);
      });
      discardStaged(run.seq, collection);
      stagedOrder.emptied(run.seq, collection);
      statements.markCommitted.run(run.seq, collection, JSON.stringify(result));
      if (policy.watermark !== undefined)
        statements.setWatermark.run(run.tenant, collection, policy.watermark);
      if (policy.checkpoint !== undefined) saveCheckpoint(run, policy.checkpoint);
      if (policy.baseline === 'set') {
        const { tenant } = run;
        statements.setBaseline.run(tenant, collection, run.id, toIsoString(now()), tenant, collection);
      } else {
        statements.accumulateBaseline.run(retiredBy(result, policy), run.tenant, collection);
      }
      return result;
    },
  );

  return guardStoreErrors('sqlite', {
    beginRun: async (tenant, beginOptions) => {
      const run = runs.begin(tenant, beginOptions);
      stagedOrder.began(runs.heldRun(run).seq);
      return run;
    },
    resumeRun: async (tenant, runId) => runs.resume(tenant, runId),
    getRun: async (tenant, runId) => runs.get(tenant, runId),
    finishRun: async (run, { status }) => {
      commits.release();
      forgetRun(run);
      return runs.finish(run, status);
    },
    releaseRun: async (run) => {
      commits.release();
      forgetRun(run);
      return runs.release(run);
    },
    lastFullSync: async (tenant) => runs.lastFullSync(tenant),
    holdRun: async (ref, holdOptions) => {
      stagedOrder.forget(runs.heldRun(ref).seq);
      return runs.holdForReview(ref, holdOptions);
    },
    getHeldRun: async (tenant) => runs.awaitingReview(tenant),
    takeHeldRun: async (tenant, runId) => runs.takeForApproval(tenant, runId),
    async *iterateStaged(tenant, runId, collection, iterateOptions = {}) {
      const pageSize = resolvePageSize(iterateOptions.pageSize);
      const seq = runs.seqOf(tenant, runId);
      for (const page of stagedSnapshots.pages(seq, collection, iterateOptions.after ?? '', pageSize)) {
        for (const row of page) {
          const record: RosterRecord = JSON.parse(row.record);
          yield record;
        }
      }
    },
    // Immediate transactions take the write lock up front, so two processes never deadlock upgrading.
    // heldRun first: a closed database would fail BEGIN with a TypeError rather than say why.
    stage: async (ref, collection, records, stageOptions = {}) => {
      const { seq } = runs.heldRun(ref);
      const staged = stage.immediate(ref, collection, records, stageOptions.checkpoint);
      stagedOrder.staged(seq, collection, staged);
    },
    discard: async (ref, collection) => {
      const { seq } = runs.heldRun(ref);
      commits.release();
      discardStaged(seq, collection);
      stagedOrder.emptied(seq, collection);
    },
    diff: async (ref, collection) => {
      const run = runs.heldRun(ref);
      const ascending = stagedOrder.ascending(run.seq, collection);
      return commits.diff({ tenant: run.tenant, runSeq: run.seq, collection }, run.mode, ascending);
    },
    commit: async (ref, collection, commitOptions) => {
      runs.heldRun(ref);
      return commit.immediate(ref, collection, commitOptions);
    },
    saveCheckpoint: async (ref, data) => {
      saveCheckpoint(runs.heldRun(ref), data);
    },
    readChanges: async (tenant, readOptions) => changeLog.read(tenant, readOptions),
    listRuns: async (tenant, listOptions = {}) => runs.list(tenant, listOptions.limit),
    pruneChanges: async (tenant, olderThan) => changeLog.prune(tenant, olderThan),
    getCheckpoint: async (tenant) => {
      const row = statements.checkpointOf.get(tenant);
      if (row === undefined) return undefined;
      return { runId: row.run_id, data: JSON.parse(row.data) as JsonValue, savedAt: row.saved_at };
    },
    getWatermark: async (tenant, collection) => statements.watermarkOf.get(tenant, collection)?.watermark,
    setWatermark: async (tenant, collection, watermark) => {
      if (watermark === undefined) statements.clearWatermark.run(tenant, collection);
      else statements.setWatermark.run(tenant, collection, watermark);
    },
    getBaseline: async (tenant, collection) => {
      const row = statements.baselineOf.get(tenant, collection);
      if (row === undefined) return undefined;
      return { runId: row.run_id, setAt: row.set_at, active: row.active, retiredSince: row.retired_since };
    },
    count: async (tenant, collection, readOptions = {}) => {
      const row =
        readOptions.status === undefined
          ? statements.count.get(tenant, collection)
          : statements.countByStatus.get(tenant, collection, readOptions.status);
      return row?.total ?? 0;
    },
    get: async (tenant, collection, sourcedId) => {
      const row = statements.record.get(tenant, collection, sourcedId);
      return row === undefined ? undefined : (JSON.parse(row.record) as RosterRecord);
    },
    async *iterate(tenant, collection, iterateOptions = {}) {
      const pageSize = resolvePageSize(iterateOptions.pageSize);
      const status = iterateOptions.status;
      // sourcedIds are never empty (staging refuses them), so '' sorts before every one.
      let after = iterateOptions.after ?? '';
      for (;;) {
        const page =
          status === undefined
            ? statements.page.all(tenant, collection, after, pageSize)
            : statements.pageByStatus.all(tenant, collection, status, after, pageSize);
        for (const row of page) yield JSON.parse(row.record) as RosterRecord;
        const last = page.at(-1);
        if (last === undefined || page.length < pageSize) return;
        after = last.sourced_id;
      }
    },
    eraseTenant: async (tenant) => {
      commits.release();
      stagedOrder.forgetAll();
      return erase.eraseTenant(tenant);
    },
    eraseRecords: async (tenant, collection, sourcedIds) => {
      commits.release();
      stagedOrder.forgetAll();
      return erase.eraseRecords(tenant, collection, sourcedIds);
    },
    close: async () => {
      if (!db.open) return;
      runs.releaseAll();
      // The thread's connection closes first, so the store's is the last: closing it checkpoints the
      // WAL and deletes it.
      await checkpointer?.stop();
      db.close();
    },
  });
}
