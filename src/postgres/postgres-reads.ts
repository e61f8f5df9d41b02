import type { JsonValue, RosterRecord, RosterStore } from '../sync/roster-store.js';
import { resolvePageSize } from '../sync/store/page-size.js';
import type { OnTenant } from './postgres-runs.js';
import { queryRows } from './query.js';

/** Upserts a watermark: $1 tenant, $2 collection, $3 watermark. `s` is the quoted schema. */
export function setWatermarkSql(s: string): string {
  return `INSERT INTO ${s}.watermarks (tenant, collection, watermark) VALUES ($1, $2, $3)
    ON CONFLICT (tenant, collection) DO UPDATE SET watermark = excluded.watermark`;
}

type Reads = Pick<
  RosterStore,
  'getCheckpoint' | 'getWatermark' | 'setWatermark' | 'getBaseline' | 'count' | 'get' | 'iterate'
>;

/**
 * The store's methods that need no run: plain queries after `ready` migrated the schema, on the
 * connection `on` picks for the tenant (its run's, while this store holds one).
 */
export function createPostgresReads(on: OnTenant, s: string, ready: () => Promise<void>): Reads {
  return {
    getCheckpoint: async (tenant) => {
      await ready();
      const rows = await on(tenant, (client) =>
        queryRows<{ run_id: string; data: JsonValue; saved_at: Date }>(
          client,
          `SELECT run_id, data, saved_at FROM ${s}.checkpoints WHERE tenant = $1`,
          [tenant],
        ),
      );
      const row = rows[0];
      return row === undefined
        ? undefined
        : { runId: row.run_id, data: row.data, savedAt: row.saved_at.toISOString() };
    },
    getWatermark: async (tenant, collection) => {
      await ready();
      const rows = await on(tenant, (client) =>
        queryRows<{ watermark: string }>(
          client,
          `SELECT watermark FROM ${s}.watermarks WHERE tenant = $1 AND collection = $2`,
          [tenant, collection],
        ),
      );
      return rows[0]?.watermark;
    },
    getBaseline: async (tenant, collection) => {
      await ready();
      const rows = await on(tenant, (client) =>
        queryRows<{ run_id: string; set_at: Date; active: number; retired_since: number }>(
          client,
          `SELECT run_id, set_at, active, retired_since FROM ${s}.baselines WHERE tenant = $1 AND collection = $2`,
          [tenant, collection],
        ),
      );
      const row = rows[0];
      return row === undefined
        ? undefined
        : {
            runId: row.run_id,
            setAt: row.set_at.toISOString(),
            active: row.active,
            retiredSince: row.retired_since,
          };
    },
    setWatermark: async (tenant, collection, watermark) => {
      await ready();
      await on(tenant, (client) =>
        watermark === undefined
          ? client.query(`DELETE FROM ${s}.watermarks WHERE tenant = $1 AND collection = $2`, [
              tenant,
              collection,
            ])
          : client.query(setWatermarkSql(s), [tenant, collection, watermark]),
      );
    },
    count: async (tenant, collection, readOptions = {}) => {
      await ready();
      const byStatus = readOptions.status === undefined ? '' : ' AND status = $3';
      const params =
        readOptions.status === undefined ? [tenant, collection] : [tenant, collection, readOptions.status];
      const rows = await on(tenant, (client) =>
        queryRows<{ total: number }>(
          client,
          `SELECT count(*)::int AS total FROM ${s}.records WHERE tenant = $1 AND collection = $2${byStatus}`,
          params,
        ),
      );
      return rows[0]?.total ?? 0;
    },
    get: async (tenant, collection, sourcedId) => {
      await ready();
      const rows = await on(tenant, (client) =>
        queryRows<{ record: RosterRecord }>(
          client,
          `SELECT record FROM ${s}.records WHERE tenant = $1 AND collection = $2 AND sourced_id = $3`,
          [tenant, collection, sourcedId],
        ),
      );
      return rows[0]?.record;
    },
    async *iterate(tenant, collection, iterateOptions = {}) {
      const pageSize = resolvePageSize(iterateOptions.pageSize);
      await ready();
      const byStatus = iterateOptions.status === undefined ? '' : ' AND status = $5';
      // Keyset pagination: one short indexed query per page, no cursor or connection held between pages.
      const sql = `SELECT sourced_id, record FROM ${s}.records WHERE tenant = $1 AND collection = $2
        AND sourced_id > $3${byStatus} ORDER BY sourced_id LIMIT $4`;
      // sourcedIds are never empty (staging refuses them), so '' sorts before every one.
      let after = iterateOptions.after ?? '';
      for (;;) {
        const params: unknown[] = [tenant, collection, after, pageSize];
        if (iterateOptions.status !== undefined) params.push(iterateOptions.status);
        const page = await on(tenant, (client) =>
          queryRows<{ sourced_id: string; record: RosterRecord }>(client, sql, params),
        );
        for (const row of page) yield row.record;
        const last = page.at(-1);
        if (last === undefined || page.length < pageSize) return;
        after = last.sourced_id;
      }
    },
  };
}
