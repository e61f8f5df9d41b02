import type pg from 'pg';
import type { JsonValue, RosterRecord, RosterStore, SyncRunRef } from '../sync/roster-store.js';
import {
  alreadyCommittedError,
  type CommitPolicy,
  resolveCommitPolicy,
  retiredBy,
  toIsoString,
} from '../sync/store/commit-policy.js';
import { guardStoreErrors } from '../sync/store/guard-store-errors.js';
import { loadDriver } from '../sync/store/load-driver.js';
import { resolvePageSize } from '../sync/store/page-size.js';
import { prepareBatch } from '../sync/store/prepare-batch.js';
import { SyncRunInactiveError } from '../sync/store/sync-run-inactive-error.js';
import { loadCopyFrom } from './load-copy-streams.js';
import { createPoolAccess } from './pool-access.js';
import { postgresChangeLog } from './postgres-changes.js';
import { postgresCommitSql, type StagedDiff } from './postgres-commit.js';
import { createPostgresErase } from './postgres-erase.js';
import { createPostgresReads, setWatermarkSql } from './postgres-reads.js';
import { createPostgresRuns, type HeldRun } from './postgres-runs.js';
import { migratePostgres, quoteSchema } from './postgres-schema.js';
import { stageRecords } from './postgres-stage.js';
import { inTransaction, queryRows } from './query.js';

/**
 * Connections of a pool the store creates: one per run in progress (it holds the tenant's lock and
 * carries all of the run's work), plus reads outside runs and migrations.
 */
export const DEFAULT_POOL_SIZE_CONNECTIONS = 10;
/**
 * How long the store waits for a pooled connection before failing with `StoreError`
 * (`POOL_EXHAUSTED`): long enough for another run to finish a page, short enough that a worker that
 * starts more runs than the pool holds is told so rather than hanging.
 */
export const DEFAULT_CONNECTION_WAIT_MS = 30_000;

/** Memory for the sorts and hashes of one commit's statements. */
const COMMIT_WORK_MEM = '64MB';

/** Where the store connects: a URL (the store creates and ends its pool) or a pool you own. */
export type PostgresConnection = { connectionString: string } | { pool: pg.Pool };

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /**
   * The schema holding the store's tables; created on first use.
   * @default 'oneroster'
   */
  schema?: string;
  /**
   * The clock for run and checkpoint times, in milliseconds since the epoch.
   * @default Date.now
   */
  now?: () => number;
  /**
   * How long to wait for a free connection of the pool, in milliseconds. Each run in progress holds
   * one connection until it finishes; when every connection is held, a new run (or a read) waits this
   * long for one, then fails with `StoreError` code `POOL_EXHAUSTED` naming the pool's size.
   * @default 30_000
   */
  connectionWaitMs?: number;
}

/** The store's own pool. pg is loaded only here: a store on a pool you own leaves loading it to you. */
function createOwnPool(connectionString: string): pg.Pool {
  const { Pool } = loadDriver<typeof pg>('pg', 'oneroster/postgres');
  return new Pool({ connectionString, max: DEFAULT_POOL_SIZE_CONNECTIONS });
}

/**
 * The PostgreSQL store, on pg and pg-copy-streams (optional peer dependencies: install them next to
 * oneroster; staging copies records with `COPY`). Creates or
 * migrates its tables on first use. Several workers may share a database: every key holds the
 * tenant, and a run holds its tenant's advisory lock on a pooled connection until it finishes, so two
 * runs of one district never interleave. Each run in progress keeps one connection of the pool, and
 * does all its work over it (this store's reads of the run's tenant too), so runs never wait on each
 * other for connections; a run that finds none free within `connectionWaitMs` fails with
 * `StoreError` code `POOL_EXHAUSTED`. Database errors reach the caller as `StoreError`, without the
 * database's message or detail (they quote the failing row).
 * @throws `MissingDependencyError` (`oneroster/sync`) when given a `connectionString` and pg is
 * not installed, or when pg-copy-streams is not installed.
 * @example
 * import { createPostgresStore } from 'oneroster/postgres';
 *
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL! }, { schema: 'roster' });
 * const activeUsers = await store.count('district-7', 'users', { status: 'active' });
 * await store.close();
 */
export function createPostgresStore(
  connection: PostgresConnection,
  options: PostgresStoreOptions = {},
): RosterStore {
  const schema = options.schema ?? 'oneroster';
  const s = quoteSchema(schema);
  const now = options.now ?? Date.now;
  const connectionWaitMs = options.connectionWaitMs ?? DEFAULT_CONNECTION_WAIT_MS;
  if (!Number.isFinite(connectionWaitMs) || connectionWaitMs < 0) {
    throw new TypeError('createPostgresStore: `connectionWaitMs` must be a non-negative number');
  }
  const ownsPool = !('pool' in connection);
  const pool = 'pool' in connection ? connection.pool : createOwnPool(connection.connectionString);
  const copyFrom = loadCopyFrom();
  // An idle pooled connection that drops emits 'error' on the pool; the pool replaces it. Unhandled,
  // the event would crash the process. A pool the caller owns keeps the caller's handlers.
  if (ownsPool) pool.on('error', () => undefined);
  const access = createPoolAccess(pool, connectionWaitMs);
  const runs = createPostgresRuns(access, schema, s, now);
  const commits = postgresCommitSql(s);
  const erase = createPostgresErase(access, schema, s, now);
  const changeLog = postgresChangeLog(s);
  let migrated: Promise<void> | undefined;
  let closed = false;

  const ready = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('This PostgreSQL store is closed'));
    migrated ??= access
      .withClient((client) => migratePostgres(client, schema))
      .catch((error: unknown) => {
        migrated = undefined;
        throw error;
      });
    return migrated;
  };
  const heldRun = async (ref: SyncRunRef): Promise<HeldRun> => {
    if (closed) throw new SyncRunInactiveError({ tenant: ref.tenant, runId: ref.id });
    await ready();
    return runs.held(ref);
  };
  const saveCheckpointSql = `INSERT INTO ${s}.checkpoints (tenant, run_id, data, saved_at) VALUES ($1, $2, $3::jsonb, $4)
    ON CONFLICT (tenant) DO UPDATE SET run_id = excluded.run_id, data = excluded.data, saved_at = excluded.saved_at`;
  const setBaselineSql = `INSERT INTO ${s}.baselines (tenant, collection, run_id, set_at, active, retired_since)
    SELECT $1, $2, $3, $4, count(*)::int, 0 FROM ${s}.records WHERE tenant = $1 AND collection = $2 AND status = 'active'
    ON CONFLICT (tenant, collection) DO UPDATE SET run_id = excluded.run_id, set_at = excluded.set_at,
    active = excluded.active, retired_since = 0`;
  const accumulateBaselineSql = `UPDATE ${s}.baselines SET retired_since = retired_since + $3
    WHERE tenant = $1 AND collection = $2`;
  const moveBaseline = (
    client: pg.PoolClient,
    run: HeldRun,
    collection: string,
    retired: number,
    policy: CommitPolicy,
  ) =>
    policy.baseline === 'set'
      ? client.query(setBaselineSql, [run.tenant, collection, run.id, toIsoString(now())])
      : client.query(accumulateBaselineSql, [run.tenant, collection, retired]);
  const checkpointParams = (run: HeldRun, data: JsonValue) => [
    run.tenant,
    run.id,
    JSON.stringify(data),
    toIsoString(now()),
  ];
  const assertOpenCollection = async (run: HeldRun, collection: string) => {
    const committed = await queryRows(
      run.lease.client,
      `SELECT 1 FROM ${s}.run_collections WHERE run_seq = $1 AND collection = $2`,
      [run.seq, collection],
    );
    if (committed.length > 0) throw alreadyCommittedError(run, collection);
  };
  const reads = createPostgresReads(runs.onTenant, s, ready);
  // The last diff of each collection of a held run, which its commit reuses; cleared by a stage or
  // discard of the collection and by the commit. Entries of a run that ends uncommitted are a few
  // numbers per collection, dropped when the run ends.
  const diffs = new Map<string, StagedDiff>();
  const diffKey = (run: HeldRun, collection: string) => `${run.id}\u0000${collection}`;
  const forgetDiffs = (runId: string) => {
    for (const key of diffs.keys()) if (key.startsWith(`${runId}\u0000`)) diffs.delete(key);
  };

  return guardStoreErrors('postgres', {
    beginRun: async (tenant, beginOptions) => {
      await ready();
      return runs.begin(tenant, beginOptions);
    },
    resumeRun: async (tenant, runId) => {
      await ready();
      return runs.resume(tenant, runId);
    },
    getRun: async (tenant, runId) => {
      await ready();
      return runs.get(tenant, runId);
    },
    finishRun: async (ref, { status }) => {
      await heldRun(ref);
      forgetDiffs(ref.id);
      return runs.finish(ref, status);
    },
    releaseRun: async (ref) => {
      await heldRun(ref);
      forgetDiffs(ref.id);
      return runs.release(ref);
    },
    lastFullSync: async (tenant) => {
      await ready();
      return runs.lastFullSync(tenant);
    },
    holdRun: async (ref, holdOptions) => {
      await heldRun(ref);
      forgetDiffs(ref.id);
      return runs.holdForReview(ref, holdOptions);
    },
    getHeldRun: async (tenant) => {
      await ready();
      return runs.awaitingReview(tenant);
    },
    takeHeldRun: async (tenant, runId) => {
      await ready();
      return runs.takeForApproval(tenant, runId);
    },
    async *iterateStaged(tenant, runId, collection, iterateOptions = {}) {
      const pageSize = resolvePageSize(iterateOptions.pageSize);
      await ready();
      const sql = `SELECT sourced_id, record FROM ${s}.staged WHERE run_seq =
        (SELECT seq FROM ${s}.runs WHERE id = $1 AND tenant = $2) AND collection = $3 AND sourced_id > $4
        ORDER BY sourced_id LIMIT $5`;
      let after = iterateOptions.after ?? '';
      for (;;) {
        const params = [runId, tenant, collection, after, pageSize];
        const page = await runs.onTenant(tenant, (client) =>
          queryRows<{ sourced_id: string; record: RosterRecord }>(client, sql, params),
        );
        for (const row of page) yield row.record;
        const last = page.at(-1);
        if (last === undefined || page.length < pageSize) return;
        after = last.sourced_id;
      }
    },
    stage: async (ref, collection, records, stageOptions = {}) => {
      const run = await heldRun(ref);
      const prepared = prepareBatch(collection, records);
      diffs.delete(diffKey(run, collection));
      await run.lease.serialize((client) =>
        inTransaction(client, async () => {
          await assertOpenCollection(run, collection);
          await stageRecords(client, copyFrom, s, run.seq, collection, prepared);
          // A dry run is never resumed; the tenant's checkpoint may be a crashed run's resume point.
          if (stageOptions.checkpoint !== undefined && !run.dryRun) {
            await client.query(saveCheckpointSql, checkpointParams(run, stageOptions.checkpoint));
          }
        }),
      );
    },
    discard: async (ref, collection) => {
      const run = await heldRun(ref);
      diffs.delete(diffKey(run, collection));
      await run.lease.serialize((client) =>
        client.query(`DELETE FROM ${s}.staged WHERE run_seq = $1 AND collection = $2`, [run.seq, collection]),
      );
    },
    diff: async (ref, collection) => {
      const run = await heldRun(ref);
      const staged = { tenant: run.tenant, runSeq: run.seq, collection };
      const known = await run.lease.serialize((client) =>
        inTransaction(client, () => commits.diff(client, staged, run.mode)),
      );
      diffs.set(diffKey(run, collection), known);
      return known.diff;
    },
    commit: async (ref, collection, commitOptions) => {
      const run = await heldRun(ref);
      const policy = resolveCommitPolicy(run, collection, commitOptions);
      const staged = { tenant: run.tenant, runSeq: run.seq, collection };
      const key = diffKey(run, collection);
      const earlier = diffs.get(key);
      diffs.delete(key);
      return run.lease.serialize((client) =>
        inTransaction(client, async () => {
          // Sorts and hashes of a whole collection's staging stay in memory (4 MB by default spills
          // a district's users to disk). SET LOCAL lasts until the transaction ends.
          await client.query(`SET LOCAL work_mem = '${COMMIT_WORK_MEM}'`);
          await assertOpenCollection(run, collection);
          const renamed = await commits.rename(client, staged, policy.rekey);
          // The diff the sync engine asked for still holds unless a rename moved stored records: the
          // run's staging changes only through this handle, and its tenant's records only in its runs.
          const known =
            earlier !== undefined && renamed.size === 0
              ? earlier
              : await commits.diff(client, staged, run.mode);
          const { diff } = known;
          let insertsLoggedAfter: number | undefined;
          if (policy.changeLog !== undefined) {
            const committedAt = now();
            const target = { tenant: run.tenant, runId: run.id, collection, at: toIsoString(committedAt) };
            const changes = { ...policy, changeLog: policy.changeLog };
            insertsLoggedAfter = await changeLog.log(
              client,
              staged,
              target,
              changes,
              renamed,
              committedAt,
              known,
            );
          } else {
            await changeLog.keepValuesBeforeCommit(client, staged, policy, renamed);
          }
          const deleted = await commits.apply(client, staged, policy, known, insertsLoggedAfter);
          await client.query(`DELETE FROM ${s}.staged WHERE run_seq = $1 AND collection = $2`, [
            run.seq,
            collection,
          ]);
          await client.query(
            `INSERT INTO ${s}.run_collections (run_seq, collection, counts) VALUES ($1, $2, $3::jsonb)`,
            [run.seq, collection, JSON.stringify({ ...diff, deleted })],
          );
          if (policy.watermark !== undefined) {
            await client.query(setWatermarkSql(s), [run.tenant, collection, policy.watermark]);
          }
          if (policy.checkpoint !== undefined) {
            await client.query(saveCheckpointSql, checkpointParams(run, policy.checkpoint));
          }
          await moveBaseline(client, run, collection, retiredBy(diff, policy), policy);
          return { ...diff, deleted };
        }),
      );
    },
    saveCheckpoint: async (ref, data) => {
      const run = await heldRun(ref);
      if (run.dryRun) return;
      await run.lease.serialize((client) => client.query(saveCheckpointSql, checkpointParams(run, data)));
    },
    readChanges: async (tenant, readOptions) => {
      await ready();
      return runs.onTenant(tenant, (client) => changeLog.read(client, tenant, readOptions));
    },
    listRuns: async (tenant, listOptions = {}) => {
      await ready();
      return runs.list(tenant, listOptions.limit);
    },
    pruneChanges: async (tenant, olderThan) => {
      await ready();
      return runs.onTenant(tenant, (client) => changeLog.prune(client, tenant, olderThan));
    },
    ...reads,
    eraseTenant: async (tenant) => {
      await ready();
      return erase.eraseTenant(tenant);
    },
    eraseRecords: async (tenant, collection, sourcedIds) => {
      await ready();
      return erase.eraseRecords(tenant, collection, sourcedIds);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      runs.abandonAll();
      if (ownsPool) await pool.end();
    },
  });
}
