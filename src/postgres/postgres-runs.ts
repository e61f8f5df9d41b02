import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
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
import type { PoolAccess } from './pool-access.js';
import { inTransaction, type Queryable, queryRows } from './query.js';
import { acquireTenantLease, type TenantLease } from './tenant-lease.js';

/** A run this store holds, with the leased connection all its writes go through. */
export interface HeldRun {
  readonly id: string;
  readonly tenant: string;
  /** bigint, kept as pg returns it: a string. */
  readonly seq: string;
  readonly mode: SyncMode;
  readonly dryRun: boolean;
  readonly lease: TenantLease;
}

interface RunRow {
  seq: string;
  id: string;
  tenant: string;
  mode: string;
  dry_run: boolean;
  version: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
}

/** Runs `work` on one connection for a tenant's reads (see `onTenant`). */
export type OnTenant = <T>(tenant: string, work: (client: PoolClient) => Promise<T>) => Promise<T>;

/** Run lifecycle over leased connections. `s` is the quoted schema. */
export function createPostgresRuns(pool: PoolAccess, schema: string, s: string, now: () => number) {
  const held = new Map<string, HeldRun>();
  const columns = 'seq, id, tenant, mode, dry_run, version, status, started_at, finished_at';

  const toRun = async (db: Queryable, row: RunRow): Promise<SyncRun> => {
    const committed = await queryRows<{ collection: string }>(
      db,
      `SELECT collection FROM ${s}.run_collections WHERE run_seq = $1 ORDER BY position`,
      [row.seq],
    );
    return {
      id: row.id,
      tenant: row.tenant,
      mode: parseSyncMode(row.mode),
      dryRun: row.dry_run,
      version: parseSyncVersion(row.version),
      status: parseSyncRunStatus(row.status),
      startedAt: row.started_at.toISOString(),
      finishedAt: row.finished_at?.toISOString(),
      committed: committed.map((entry) => entry.collection),
    };
  };
  const runRow = async (db: Queryable, tenant: string, runId: string) =>
    (
      await queryRows<RunRow>(db, `SELECT ${columns} FROM ${s}.runs WHERE id = $1 AND tenant = $2`, [
        runId,
        tenant,
      ])
    )[0];

  const end = async (
    client: PoolClient,
    seq: string,
    tenant: string,
    runId: string,
    status: SyncRunStatus,
  ) => {
    await client.query(
      `UPDATE ${s}.runs SET status = $1, finished_at = $2, held_at = NULL, expires_at = NULL,
       review_plan = NULL WHERE seq = $3`,
      [status, toIsoString(now()), seq],
    );
    await client.query(`DELETE FROM ${s}.staged WHERE run_seq = $1`, [seq]);
    await client.query(`DELETE FROM ${s}.checkpoints WHERE tenant = $1 AND run_id = $2`, [tenant, runId]);
  };

  /**
   * The tenant's run awaiting review, after ending the expired ones. Ending is conditional on the
   * status, in a transaction, so two stores that both see a run expire end it once.
   */
  const awaitingReview = async (client: PoolClient, tenant: string): Promise<HeldRunRecord | undefined> => {
    const rows = await queryRows<RunRow & { held_at: Date; expires_at: Date; review_plan: JsonValue }>(
      client,
      `SELECT ${columns}, held_at, expires_at, review_plan FROM ${s}.runs
       WHERE tenant = $1 AND status = 'awaiting-review'`,
      [tenant],
    );
    let found: HeldRunRecord | undefined;
    for (const row of rows) {
      if (row.expires_at.getTime() <= now()) {
        await inTransaction(client, async (inner) => {
          const still = await queryRows<{ seq: string }>(
            inner,
            `SELECT seq FROM ${s}.runs WHERE seq = $1 AND status = 'awaiting-review' FOR UPDATE`,
            [row.seq],
          );
          if (still.length > 0) await end(inner, row.seq, tenant, row.id, 'expired');
        });
        continue;
      }
      found = {
        run: await toRun(client, row),
        heldAt: row.held_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        plan: row.review_plan,
      };
    }
    return found;
  };

  const lease = async (tenant: string, taking?: string): Promise<TenantLease> => {
    const taken = await acquireTenantLease(pool.connect, schema, tenant);
    if (taken !== undefined) {
      // Holding the tenant's lock, refuse while a run of it awaits review (but for the one taken).
      const review = await awaitingReview(taken.client, tenant).catch(async (error: unknown) => {
        await taken.release();
        throw error;
      });
      if (review === undefined || review.run.id === taking) return taken;
      await taken.release();
      throw new SyncInProgressError({ tenant, runId: review.run.id, awaitingReview: true });
    }
    const live = await pool.withClient((client) =>
      queryRows<{ id: string }>(
        client,
        `SELECT id FROM ${s}.runs WHERE tenant = $1 AND status = 'running' ORDER BY started_at DESC LIMIT 1`,
        [tenant],
      ),
    );
    throw new SyncInProgressError({ tenant, runId: live[0]?.id });
  };

  /**
   * A tenant's reads go over the connection of the run this store holds for it, between the run's
   * transactions, so a run needs exactly one connection and runs never wait on each other for the
   * pool: ten runs on a pool of ten would otherwise all hold a connection and wait for an eleventh.
   */
  const onTenant: OnTenant = (tenant, work) => {
    for (const run of held.values()) {
      if (run.tenant === tenant && run.lease.alive) return run.lease.serialize(work);
    }
    return pool.withClient(work);
  };

  /** The run, if this store still holds it over a live connection. */
  const heldRun = (ref: SyncRunRef): HeldRun => {
    const run = held.get(ref.id);
    if (run === undefined || run.tenant !== ref.tenant || !run.lease.alive) {
      throw new SyncRunInactiveError({ tenant: ref.tenant, runId: ref.id });
    }
    return run;
  };

  const hold = async (taken: TenantLease, row: RunRow): Promise<SyncRun> => {
    const mode = parseSyncMode(row.mode);
    held.set(row.id, {
      id: row.id,
      tenant: row.tenant,
      seq: row.seq,
      mode,
      dryRun: row.dry_run,
      lease: taken,
    });
    return toRun(taken.client, row);
  };

  return {
    async begin(tenant: string, options: BeginRunOptions): Promise<SyncRun> {
      const taken = await lease(tenant);
      try {
        const row = await inTransaction(taken.client, async (client) => {
          // Holding the tenant's lock, every other `running` run of it is a crashed one. A dry run
          // leaves a crashed real run resumable: it is a preview, not a replacement.
          const crashed = await queryRows<RunRow>(
            client,
            `SELECT ${columns} FROM ${s}.runs WHERE tenant = $1 AND status = 'running' AND (dry_run OR NOT $2)`,
            [tenant, options.dryRun ?? false],
          );
          for (const run of crashed) await end(client, run.seq, tenant, run.id, 'abandoned');
          const inserted = await queryRows<RunRow>(
            client,
            `INSERT INTO ${s}.runs (id, tenant, mode, dry_run, version, status, started_at)
             VALUES ($1, $2, $3, $4, $5, 'running', $6) RETURNING ${columns}`,
            [
              randomUUID(),
              tenant,
              options.mode,
              options.dryRun ?? false,
              options.version ?? '1.1',
              toIsoString(now()),
            ],
          );
          const [row] = inserted;
          if (row === undefined) throw new Error('INSERT … RETURNING gave no run row');
          return row;
        });
        return await hold(taken, row);
      } catch (error) {
        await taken.release();
        throw error;
      }
    },

    async resume(tenant: string, runId: string): Promise<SyncRun | undefined> {
      const taken = await lease(tenant);
      const row = await runRow(taken.client, tenant, runId).catch(async (error: unknown) => {
        await taken.release();
        throw error;
      });
      if (row?.status === 'running') return hold(taken, row);
      await taken.release();
      return undefined;
    },

    async holdForReview(ref: SyncRunRef, options: HoldRunOptions): Promise<HeldRunRecord> {
      const run = heldRun(ref);
      if (run.dryRun) throw new TypeError(`Run ${run.id} is a dry run: it cannot be held for review`);
      held.delete(run.id);
      try {
        const heldAt = toIsoString(now());
        return await run.lease.serialize(async (client) => {
          await inTransaction(client, async (inner) => {
            await inner.query(
              `UPDATE ${s}.runs SET status = 'awaiting-review', held_at = $1, expires_at = $2,
               review_plan = $3::jsonb WHERE seq = $4`,
              [heldAt, options.expiresAt, JSON.stringify(options.plan), run.seq],
            );
            await inner.query(`DELETE FROM ${s}.checkpoints WHERE tenant = $1 AND run_id = $2`, [
              run.tenant,
              run.id,
            ]);
          });
          const row = await runRow(client, run.tenant, run.id);
          if (row === undefined) throw new Error(`Run ${run.id} vanished while it was held`);
          const record: HeldRunRecord = {
            run: await toRun(client, row),
            heldAt,
            expiresAt: new Date(options.expiresAt).toISOString(),
            plan: options.plan,
          };
          return record;
        });
      } finally {
        await run.lease.release();
      }
    },

    awaitingReview: (tenant: string) => onTenant(tenant, (client) => awaitingReview(client, tenant)),

    async takeForApproval(tenant: string, runId: string): Promise<SyncRun | undefined> {
      const taken = await lease(tenant, runId);
      try {
        const updated = await queryRows<RunRow>(
          taken.client,
          `UPDATE ${s}.runs SET status = 'running', held_at = NULL, expires_at = NULL, review_plan = NULL
           WHERE id = $1 AND tenant = $2 AND status = 'awaiting-review' RETURNING ${columns}`,
          [runId, tenant],
        );
        const [row] = updated;
        if (row !== undefined) return await hold(taken, row);
      } catch (error) {
        await taken.release();
        throw error;
      }
      await taken.release();
      return undefined;
    },

    async finish(ref: SyncRunRef, status: SyncRunStatus): Promise<SyncRun> {
      const run = heldRun(ref);
      held.delete(run.id);
      try {
        return await run.lease.serialize(async (client) => {
          await inTransaction(client, (inner) => end(inner, run.seq, run.tenant, run.id, status));
          const row = await runRow(client, run.tenant, run.id);
          if (row === undefined) throw new Error(`Run ${run.id} vanished while it finished`);
          return toRun(client, row);
        });
      } finally {
        await run.lease.release();
      }
    },

    /** Lets go of a held run without ending it: it stays `running`, resumable by any handle. */
    async release(ref: SyncRunRef): Promise<SyncRun> {
      const run = heldRun(ref);
      held.delete(run.id);
      try {
        return await run.lease.serialize(async (client) => {
          const row = await runRow(client, run.tenant, run.id);
          if (row === undefined) throw new Error(`Run ${run.id} vanished while it was released`);
          return toRun(client, row);
        });
      } finally {
        await run.lease.release();
      }
    },

    get(tenant: string, runId: string): Promise<SyncRun | undefined> {
      return onTenant(tenant, async (client) => {
        const row = await runRow(client, tenant, runId);
        return row === undefined ? undefined : toRun(client, row);
      });
    },

    lastFullSync(tenant: string): Promise<SyncRun | undefined> {
      return onTenant(tenant, async (client) => {
        const rows = await queryRows<RunRow>(
          client,
          `SELECT ${columns} FROM ${s}.runs WHERE tenant = $1 AND status = 'succeeded' AND mode = 'full'
           AND NOT dry_run ORDER BY started_at DESC, seq DESC LIMIT 1`,
          [tenant],
        );
        return rows[0] === undefined ? undefined : toRun(client, rows[0]);
      });
    },

    /** The tenant's runs, newest first, with each commit's counts. */
    list(tenant: string, limit: number | undefined): Promise<SyncRunSummary[]> {
      return onTenant(tenant, async (client) => {
        const rows = await queryRows<RunRow>(
          client,
          `SELECT ${columns} FROM ${s}.runs WHERE tenant = $1 ORDER BY started_at DESC, seq DESC LIMIT $2`,
          [tenant, limit ?? null],
        );
        const summaries: SyncRunSummary[] = [];
        for (const row of rows) {
          const counts = await queryRows<{ collection: string; counts: unknown }>(
            client,
            `SELECT collection, counts FROM ${s}.run_collections WHERE run_seq = $1 ORDER BY position`,
            [row.seq],
          );
          summaries.push({
            ...(await toRun(client, row)),
            counts: Object.fromEntries(
              counts.map((entry) => [entry.collection, parseCommitCounts(entry.counts)]),
            ),
          });
        }
        return summaries;
      });
    },

    held: heldRun,
    onTenant,

    /** Drops every connection this store holds; the server frees the locks, the runs stay resumable. */
    abandonAll(): void {
      for (const run of held.values()) run.lease.abandon();
      held.clear();
    },
  };
}
