import pg from 'pg';
import type { JsonValue, RosterStore, SyncRunRef } from '../sync/roster-store.js';
import { alreadyCommittedError, resolveCommitPolicy, toIsoString } from '../sync/store/commit-policy.js';
import { prepareBatch } from '../sync/store/prepare-batch.js';
import { SyncRunInactiveError } from '../sync/store/sync-run-inactive-error.js';
import { postgresCommitSql } from './postgres-commit.js';
import { createPostgresReads, setWatermarkSql } from './postgres-reads.js';
import { createPostgresRuns, type HeldRun } from './postgres-runs.js';
import { migratePostgres, quoteSchema } from './postgres-schema.js';
import { stageRecords } from './postgres-stage.js';
import { inTransaction, queryRows } from './query.js';

/**
 * Connections of a pool the store creates: one per run in progress (it holds the tenant's lock),
 * plus reads and migrations.
 */
const DEFAULT_POOL_SIZE_CONNECTIONS = 10;

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
}

/**
 * The PostgreSQL store, on pg (an optional peer dependency: install it next to oneroster). Creates or
 * migrates its tables on first use. Several workers may share a database: every key holds the
 * tenant, and a run holds its tenant's advisory lock on a pooled connection until it finishes, so two
 * runs of one district never interleave. Each run in progress keeps one connection of the pool.
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
  const ownsPool = !('pool' in connection);
  const pool =
    'pool' in connection
      ? connection.pool
      : new pg.Pool({ connectionString: connection.connectionString, max: DEFAULT_POOL_SIZE_CONNECTIONS });
  // An idle pooled connection that drops emits 'error' on the pool; the pool replaces it. Unhandled,
  // the event would crash the process. A pool the caller owns keeps the caller's handlers.
  if (ownsPool) pool.on('error', () => undefined);
  const runs = createPostgresRuns(pool, schema, s, now);
  const commits = postgresCommitSql(s);
  let migrated: Promise<void> | undefined;
  let closed = false;

  const ready = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('This PostgreSQL store is closed'));
    migrated ??= (async () => {
      const client = await pool.connect();
      try {
        await migratePostgres(client, schema);
      } finally {
        client.release();
      }
    })().catch((error: unknown) => {
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
    if (committed.length > 0) throw alreadyCommittedError(collection, run.id);
  };
  const reads = createPostgresReads(pool, s, ready);

  return {
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
      return runs.finish(ref, status);
    },
    lastFullSync: async (tenant) => {
      await ready();
      return runs.lastFullSync(tenant);
    },
    stage: async (ref, collection, records, stageOptions = {}) => {
      const run = await heldRun(ref);
      const prepared = prepareBatch(collection, records);
      await run.lease.serialize((client) =>
        inTransaction(client, async () => {
          await assertOpenCollection(run, collection);
          await stageRecords(client, s, run.seq, collection, prepared);
          if (stageOptions.checkpoint !== undefined) {
            await client.query(saveCheckpointSql, checkpointParams(run, stageOptions.checkpoint));
          }
        }),
      );
    },
    discard: async (ref, collection) => {
      const run = await heldRun(ref);
      await run.lease.serialize((client) =>
        client.query(`DELETE FROM ${s}.staged WHERE run_seq = $1 AND collection = $2`, [run.seq, collection]),
      );
    },
    diff: async (ref, collection) => {
      const run = await heldRun(ref);
      const staged = { tenant: run.tenant, runSeq: run.seq, collection };
      return run.lease.serialize((client) =>
        inTransaction(client, () => commits.diff(client, staged, run.mode)),
      );
    },
    commit: async (ref, collection, commitOptions) => {
      const run = await heldRun(ref);
      const policy = resolveCommitPolicy(run, collection, commitOptions);
      const staged = { tenant: run.tenant, runSeq: run.seq, collection };
      return run.lease.serialize((client) =>
        inTransaction(client, async () => {
          await assertOpenCollection(run, collection);
          const diff = await commits.diff(client, staged, run.mode);
          const deleted = await commits.apply(client, staged, policy);
          await client.query(`DELETE FROM ${s}.staged WHERE run_seq = $1 AND collection = $2`, [
            run.seq,
            collection,
          ]);
          await client.query(`INSERT INTO ${s}.run_collections (run_seq, collection) VALUES ($1, $2)`, [
            run.seq,
            collection,
          ]);
          if (policy.watermark !== undefined) {
            await client.query(setWatermarkSql(s), [run.tenant, collection, policy.watermark]);
          }
          if (policy.checkpoint !== undefined) {
            await client.query(saveCheckpointSql, checkpointParams(run, policy.checkpoint));
          }
          return { ...diff, deleted };
        }),
      );
    },
    saveCheckpoint: async (ref, data) => {
      const run = await heldRun(ref);
      await run.lease.serialize((client) => client.query(saveCheckpointSql, checkpointParams(run, data)));
    },
    ...reads,
    close: async () => {
      if (closed) return;
      closed = true;
      runs.abandonAll();
      if (ownsPool) await pool.end();
    },
  };
}
