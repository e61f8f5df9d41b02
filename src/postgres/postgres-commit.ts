import type { PoolClient } from 'pg';
import type { CollectionDiff, SyncMode } from '../sync/roster-store.js';
import type { CommitPolicy } from '../sync/store/commit-policy.js';
import { queryRows } from './query.js';

/** The staged records of one collection of one run, and the tenant whose records they replace. */
export interface StagedCollection {
  tenant: string;
  /** The run's seq (bigint as a string). */
  runSeq: string;
  collection: string;
}

/** A diff with what the commit's statements need to know of it. */
export interface StagedDiff {
  readonly diff: CollectionDiff;
  /** Staged records that have a stored row (of any status) under their sourcedId. */
  readonly stored: number;
  /** The mode the diff was taken in: only a full diff counts the unseen records. */
  readonly mode: SyncMode;
}

/** Renames per UPDATE: two arrays of ids of this size stay far below a statement's practical size. */
const RENAMES_PER_STATEMENT = 10_000;

/** Diffs and commits staged collections of the schema `s` (quoted). Parameters: $1 tenant, $2 run, $3 collection. */
export function postgresCommitSql(s: string) {
  const notStaged = `NOT EXISTS (SELECT 1 FROM ${s}.staged st
    WHERE st.run_seq = $2 AND st.collection = $3 AND st.sourced_id = r.sourced_id)`;
  // One category per staged record, in the order of docs/stores.md; `r.hash = st.hash` is NULL, not
  // true, for a missing row or one the store tombstoned itself (hash NULL). OFFSET 0 keeps the lookup
  // a per-record probe of the primary key: with statistics that lag a bulk load, the planner otherwise
  // may scan a whole tenant's collection once per staged record.
  const categories = `SELECT category, count(*)::int AS total FROM (
    SELECT CASE
      WHEN r.hash = st.hash THEN 'unchanged'
      WHEN st.status = 'tobedeleted' THEN CASE WHEN r.status = 'active' THEN 'tombstoned'
        WHEN r.status IS NULL THEN 'none-new' ELSE 'none' END
      WHEN r.status = 'active' THEN 'updated'
      WHEN r.status IS NULL THEN 'inserted-new'
      ELSE 'inserted'
    END AS category
    FROM ${s}.staged st
    LEFT JOIN LATERAL (SELECT hash, status FROM ${s}.records
      WHERE tenant = $1 AND collection = st.collection AND sourced_id = st.sourced_id OFFSET 0) r ON true
    WHERE st.run_seq = $2 AND st.collection = $3) categorised
    GROUP BY category`;
  // A collection the tenant stores nothing of (a first sync): every staged record is new, so its
  // category is its status and the per-record probes of the records' key are skipped (768,068
  // records: about 3 s of the server's CPU). Parameters: $1 tenant, $2 collection; then $1 run, $2
  // collection.
  const storesAny = `SELECT EXISTS (SELECT 1 FROM ${s}.records WHERE tenant = $1 AND collection = $2) AS any`;
  const statusCounts = `SELECT CASE WHEN status = 'active' THEN 'inserted-new' ELSE 'none-new' END AS category,
    count(*)::int AS total FROM ${s}.staged WHERE run_seq = $1 AND collection = $2 GROUP BY 1`;
  const unseen = `SELECT count(*)::int AS total FROM ${s}.records r
    WHERE r.tenant = $1 AND r.collection = $3 AND r.status = 'active' AND ${notStaged}`;
  const insert = `INSERT INTO ${s}.records AS r (tenant, collection, sourced_id, status, date_last_modified, hash, record)
    SELECT $1, st.collection, st.sourced_id, st.status, st.date_last_modified, st.hash, st.record
    FROM ${s}.staged st WHERE st.run_seq = $2 AND st.collection = $3 AND ($4::boolean OR st.status = 'active')`;
  const onConflict = `ON CONFLICT (tenant, collection, sourced_id) DO UPDATE SET status = excluded.status,
    date_last_modified = excluded.date_last_modified, hash = excluded.hash, record = excluded.record,
    logged_insert = NULL WHERE r.hash IS DISTINCT FROM excluded.hash`;
  const upsert = `${insert} ${onConflict}`;
  // The same when the change log keeps the values of the commit's inserts by reference: each new row
  // names its insert's change record, numbered after $5 as the log numbered them (the same rows, new
  // to the collection, in sourcedId order; see postgres-changes.ts).
  const insertReferencing = `INSERT INTO ${s}.records AS r
    (tenant, collection, sourced_id, status, date_last_modified, hash, record, logged_insert)
    SELECT $1, st.collection, st.sourced_id, st.status, st.date_last_modified, st.hash, st.record,
      $5 + row_number() OVER (ORDER BY st.sourced_id)
    FROM ${s}.staged st WHERE st.run_seq = $2 AND st.collection = $3 AND ($4::boolean OR st.status = 'active')`;
  const upsertReferencing = `INSERT INTO ${s}.records AS r
    (tenant, collection, sourced_id, status, date_last_modified, hash, record, logged_insert)
    SELECT $1, st.collection, st.sourced_id, st.status, st.date_last_modified, st.hash, st.record,
      CASE WHEN cur.sourced_id IS NULL THEN $5 + count(*) FILTER (WHERE cur.sourced_id IS NULL)
        OVER (ORDER BY st.sourced_id ROWS UNBOUNDED PRECEDING) END
    FROM ${s}.staged st
    LEFT JOIN LATERAL (SELECT sourced_id FROM ${s}.records
      WHERE tenant = $1 AND collection = st.collection AND sourced_id = st.sourced_id OFFSET 0) cur ON true
    WHERE st.run_seq = $2 AND st.collection = $3 AND ($4::boolean OR st.status = 'active')
    ${onConflict}`;
  // ARRAY(...) is computed once, so the delete is primary-key lookups whatever the statistics say.
  const deleteTombstoned = `DELETE FROM ${s}.records r WHERE r.tenant = $1 AND r.collection = $3
    AND r.sourced_id = ANY (ARRAY(SELECT st.sourced_id FROM ${s}.staged st
      WHERE st.run_seq = $2 AND st.collection = $3 AND st.status = 'tobedeleted'))`;
  const deleteUnseen = `DELETE FROM ${s}.records r WHERE r.tenant = $1 AND r.collection = $3 AND ${notStaged}`;
  // A NULL hash marks the row as changed by the store, so the next pull that sees it updates it.
  const tombstoneUnseen = `UPDATE ${s}.records r SET status = 'tobedeleted', hash = NULL,
    record = jsonb_set(r.record, '{status}', '"tobedeleted"'), logged_insert = NULL
    WHERE r.tenant = $1 AND r.collection = $3 AND r.status = 'active' AND ${notStaged}`;
  // The unseen statements are anti-joins of a whole collection against a whole staging. Statistics lag
  // bulk loads (autovacuum analyzes a minute later at best), and with them the planner picks a nested
  // loop that rescans the staging per record: 20,000 records took 50 s. Hash and merge anti-joins are
  // linear whatever the estimates. SET LOCAL lasts until the transaction ends.
  const withoutNestedLoops = async <T>(client: PoolClient, work: () => Promise<T>): Promise<T> => {
    await client.query('SET LOCAL enable_nestloop = off');
    try {
      return await work();
    } finally {
      await client.query('SET LOCAL enable_nestloop = on');
    }
  };

  const params = (staged: StagedCollection) => [staged.tenant, staged.runSeq, staged.collection];
  // CommitOptions.rekey: a stored record the provider re-keyed takes its new id, unless that id is
  // stored already or the old one is staged too (the provider still sends it).
  const rename = `UPDATE ${s}.records r SET sourced_id = m.to_id
    FROM unnest($4::text[], $5::text[]) AS m(from_id, to_id)
    WHERE r.tenant = $1 AND r.collection = $3 AND r.sourced_id = m.from_id
    AND NOT EXISTS (SELECT 1 FROM ${s}.records x WHERE x.tenant = $1 AND x.collection = $3
      AND x.sourced_id = m.to_id)
    AND NOT EXISTS (SELECT 1 FROM ${s}.staged st WHERE st.run_seq = $2 AND st.collection = $3
      AND st.sourced_id = m.from_id)
    RETURNING m.from_id, m.to_id`;

  return {
    /** Call inside a transaction: the unseen count relies on SET LOCAL. */
    async diff(client: PoolClient, staged: StagedCollection, mode: SyncMode): Promise<StagedDiff> {
      const [stored] = await queryRows<{ any: boolean }>(client, storesAny, [
        staged.tenant,
        staged.collection,
      ]);
      const firstRows = stored?.any === false;
      const rows = firstRows
        ? await queryRows<{ category: string; total: number }>(client, statusCounts, [
            staged.runSeq,
            staged.collection,
          ])
        : await queryRows<{ category: string; total: number }>(client, categories, params(staged));
      const totals = new Map(rows.map((row) => [row.category, row.total]));
      const of = (category: string) => totals.get(category) ?? 0;
      const stagedTotal = rows.reduce((sum, row) => sum + row.total, 0);
      const unseenRows =
        mode === 'full' && !firstRows
          ? await withoutNestedLoops(client, () =>
              queryRows<{ total: number }>(client, unseen, params(staged)),
            )
          : [];
      return {
        diff: {
          staged: stagedTotal,
          inserted: of('inserted') + of('inserted-new'),
          updated: of('updated'),
          unchanged: of('unchanged'),
          tombstoned: of('tombstoned'),
          unseen: unseenRows[0]?.total ?? 0,
        },
        stored: stagedTotal - of('inserted-new') - of('none-new'),
        mode,
      };
    },

    /** Renames re-keyed records (`CommitOptions.rekey`) before the diff; returns the renames applied. Call inside the commit's transaction. */
    async rename(
      client: PoolClient,
      staged: StagedCollection,
      rekey: ReadonlyMap<string, string>,
    ): Promise<Map<string, string>> {
      const renamed = new Map<string, string>();
      const pairs = [...rekey];
      for (let start = 0; start < pairs.length; start += RENAMES_PER_STATEMENT) {
        const batch = pairs.slice(start, start + RENAMES_PER_STATEMENT);
        const rows = await queryRows<{ from_id: string; to_id: string }>(client, rename, [
          ...params(staged),
          batch.map(([from]) => from),
          batch.map(([, to]) => to),
        ]);
        for (const row of rows) renamed.set(row.from_id, row.to_id);
      }
      return renamed;
    },

    /**
     * Applies the staged records; returns how many rows it removed. Call inside the transaction of
     * `known`, the diff after the renames: statements it shows to have nothing to do are skipped.
     * `insertsLoggedAfter`: the seq the change log numbered the inserts after, when they keep their
     * values by reference to the new rows.
     */
    async apply(
      client: PoolClient,
      staged: StagedCollection,
      policy: CommitPolicy,
      known: StagedDiff,
      insertsLoggedAfter: number | undefined,
    ): Promise<number> {
      const keepTombstones = policy.tombstones === 'keep';
      // No staged record is stored yet (a first sync): nothing can conflict.
      if (insertsLoggedAfter === undefined) {
        await client.query(known.stored === 0 ? insert : upsert, [...params(staged), keepTombstones]);
      } else {
        await client.query(known.stored === 0 ? insertReferencing : upsertReferencing, [
          ...params(staged),
          keepTombstones,
          insertsLoggedAfter,
        ]);
      }
      let deleted = 0;
      if (policy.tombstones === 'delete')
        deleted += (await client.query(deleteTombstoned, params(staged))).rowCount ?? 0;
      if (policy.unseen === 'keep') return deleted;
      // Tombstoning touches only active unseen records, which the full diff counted.
      if (policy.unseen === 'tombstone' && known.mode === 'full' && known.diff.unseen === 0) return deleted;
      await withoutNestedLoops(client, async () => {
        if (policy.unseen === 'delete')
          deleted += (await client.query(deleteUnseen, params(staged))).rowCount ?? 0;
        else await client.query(tombstoneUnseen, params(staged));
      });
      return deleted;
    },
  };
}
