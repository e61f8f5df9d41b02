import type { PoolClient } from 'pg';
import type { EraseReceipt, RecordsEraseReceipt } from '../sync/roster-store.js';
import { toIsoString } from '../sync/store/commit-policy.js';
import { EraseRefusedError } from '../sync/store/erase-refused-error.js';
import type { PoolAccess } from './pool-access.js';
import { inTransaction, queryRows } from './query.js';
import { acquireTenantLease } from './tenant-lease.js';

/** The tenant's runs, for the tables keyed by run rather than by tenant. `{s}` is the quoted schema. */
const RUNS_OF_TENANT = 'SELECT seq FROM {s}.runs WHERE tenant = $1';

/**
 * Every table that holds a tenant's rows, with the condition that selects them (`$1`: the tenant),
 * in deletion order: `runs` comes last, the tables keyed by run find the tenant's rows through it.
 * A table added to the schema is added here, or an erasure leaves it behind.
 */
export const POSTGRES_TENANT_TABLES: readonly { readonly table: string; readonly where: string }[] = [
  { table: 'staged', where: `run_seq IN (${RUNS_OF_TENANT})` },
  { table: 'run_collections', where: `run_seq IN (${RUNS_OF_TENANT})` },
  { table: 'records', where: 'tenant = $1' },
  { table: 'checkpoints', where: 'tenant = $1' },
  { table: 'watermarks', where: 'tenant = $1' },
  { table: 'baselines', where: 'tenant = $1' },
  { table: 'changes', where: 'tenant = $1' },
  { table: 'change_seq', where: 'tenant = $1' },
  { table: 'runs', where: 'tenant = $1' },
];

/**
 * Erasure of a tenant's data, or of single records, each in one transaction on a connection that
 * holds the tenant's run lock meanwhile, so no run of the tenant can begin or resume half-way.
 * `s` is the quoted schema.
 */
export function createPostgresErase(pool: PoolAccess, schema: string, s: string, now: () => number) {
  // A held run holds the tenant as a live one does (approving it would write the district back), but
  // not the advisory lock: it is looked up under the lock, in the erasure's transaction.
  const refuseHeldRun = async (client: PoolClient, tenant: string): Promise<void> => {
    const held = await queryRows<{ id: string }>(
      client,
      `SELECT id FROM ${s}.runs WHERE tenant = $1 AND status = 'awaiting-review' AND expires_at > $2
       ORDER BY started_at DESC LIMIT 1`,
      [tenant, new Date(now())],
    );
    if (held[0] !== undefined) throw new EraseRefusedError({ reason: 'run-held', tenant, runId: held[0].id });
  };
  const underTenantLock = async <T>(tenant: string, work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const lease = await acquireTenantLease(pool.connect, schema, tenant);
    if (lease === undefined) {
      const live = await pool.withClient((client) =>
        queryRows<{ id: string }>(
          client,
          `SELECT id FROM ${s}.runs WHERE tenant = $1 AND status = 'running' ORDER BY started_at DESC LIMIT 1`,
          [tenant],
        ),
      );
      throw new EraseRefusedError({ reason: 'run-live', tenant, runId: live[0]?.id });
    }
    try {
      return await lease.serialize((client) =>
        inTransaction(client, async (inside) => {
          await refuseHeldRun(inside, tenant);
          return work(inside);
        }),
      );
    } finally {
      await lease.release();
    }
  };

  return {
    eraseTenant: async (tenant: string): Promise<EraseReceipt> => {
      const tables = await underTenantLock(tenant, async (client) => {
        const deleted: Record<string, number> = {};
        for (const { table, where } of POSTGRES_TENANT_TABLES) {
          const result = await client.query(`DELETE FROM ${s}.${table} WHERE ${where.replaceAll('{s}', s)}`, [
            tenant,
          ]);
          deleted[table] = result.rowCount ?? 0;
        }
        return deleted;
      });
      return { tenant, erasedAt: toIsoString(now()), tables };
    },
    eraseRecords: async (
      tenant: string,
      collection: string,
      sourcedIds: readonly string[],
    ): Promise<RecordsEraseReceipt> => {
      const ids = [...new Set(sourcedIds)];
      const tables = await underTenantLock(tenant, async (client) => {
        const records = await client.query(
          `DELETE FROM ${s}.records WHERE tenant = $1 AND collection = $2 AND sourced_id = ANY($3::text[])`,
          [tenant, collection, ids],
        );
        const staged = await client.query(
          `DELETE FROM ${s}.staged WHERE run_seq IN (${RUNS_OF_TENANT.replaceAll('{s}', s)})
           AND collection = $2 AND sourced_id = ANY($3::text[])`,
          [tenant, collection, ids],
        );
        // The change records of a record hold its values too.
        const changes = await client.query(
          `DELETE FROM ${s}.changes WHERE tenant = $1 AND collection = $2 AND sourced_id = ANY($3::text[])`,
          [tenant, collection, ids],
        );
        return {
          records: records.rowCount ?? 0,
          staged: staged.rowCount ?? 0,
          changes: changes.rowCount ?? 0,
        };
      });
      return { tenant, erasedAt: toIsoString(now()), tables, collection, requested: ids.length };
    },
  };
}
