import type Database from 'better-sqlite3';
import type { CollectionDiff, SyncMode } from '../sync/roster-store.js';
import type { CommitPolicy } from '../sync/store/commit-policy.js';

/** The staged records of one collection of one run, and the tenant whose records they replace. */
export interface StagedCollection {
  tenant: string;
  runSeq: number;
  collection: string;
}

// One category per staged record, in the order of docs/stores.md. `r.hash = s.hash` is NULL, not
// true, for a missing row or a row the store tombstoned itself (hash NULL): neither is unchanged.
const CATEGORIES = `
  SELECT CASE
    WHEN r.hash = s.hash THEN 'unchanged'
    WHEN s.status = 'tobedeleted' THEN CASE WHEN r.status = 'active' THEN 'tombstoned' ELSE 'none' END
    WHEN r.status = 'active' THEN 'updated'
    ELSE 'inserted'
  END AS category, count(*) AS total
  FROM roster_staged s
  LEFT JOIN roster_records r ON r.tenant = @tenant AND r.collection = s.collection AND r.sourced_id = s.sourced_id
  WHERE s.run_seq = @runSeq AND s.collection = @collection
  GROUP BY category`;

const NOT_STAGED = `NOT EXISTS (SELECT 1 FROM roster_staged s
  WHERE s.run_seq = @runSeq AND s.collection = @collection AND s.sourced_id = roster_records.sourced_id)`;

/** Diffs and commits staged collections; statements prepared once per database handle. */
export function prepareCommit(db: Database.Database) {
  const categories = db.prepare<[StagedCollection], { category: string; total: number }>(CATEGORIES);
  const unseen = db.prepare<[StagedCollection], { total: number }>(
    `SELECT count(*) AS total FROM roster_records WHERE tenant = @tenant AND collection = @collection
     AND status = 'active' AND ${NOT_STAGED}`,
  );
  // The WHERE of the SELECT is required: without it SQLite would read ON CONFLICT as a join's ON.
  const upsert = db.prepare<[StagedCollection & { keepTombstones: number }]>(
    `INSERT INTO roster_records (tenant, collection, sourced_id, status, date_last_modified, hash, record)
     SELECT @tenant, s.collection, s.sourced_id, s.status, s.date_last_modified, s.hash, s.record
     FROM roster_staged s WHERE s.run_seq = @runSeq AND s.collection = @collection
     AND (@keepTombstones OR s.status = 'active')
     ON CONFLICT (tenant, collection, sourced_id) DO UPDATE SET status = excluded.status,
     date_last_modified = excluded.date_last_modified, hash = excluded.hash, record = excluded.record
     WHERE roster_records.hash IS NOT excluded.hash`,
  );
  const deleteTombstoned = db.prepare<[StagedCollection]>(
    `DELETE FROM roster_records WHERE tenant = @tenant AND collection = @collection AND sourced_id IN
     (SELECT sourced_id FROM roster_staged WHERE run_seq = @runSeq AND collection = @collection
      AND status = 'tobedeleted')`,
  );
  const deleteUnseen = db.prepare<[StagedCollection]>(
    `DELETE FROM roster_records WHERE tenant = @tenant AND collection = @collection AND ${NOT_STAGED}`,
  );
  // A NULL hash marks the row as changed by the store, so the next pull that sees it updates it.
  const tombstoneUnseen = db.prepare<[StagedCollection]>(
    `UPDATE roster_records SET status = 'tobedeleted', hash = NULL, record = json_set(record, '$.status', 'tobedeleted')
     WHERE tenant = @tenant AND collection = @collection AND status = 'active' AND ${NOT_STAGED}`,
  );

  const diff = (staged: StagedCollection, mode: SyncMode): CollectionDiff => {
    const totals = new Map(categories.all(staged).map((row) => [row.category, row.total]));
    const of = (category: string) => totals.get(category) ?? 0;
    let stagedTotal = 0;
    for (const total of totals.values()) stagedTotal += total;
    return {
      staged: stagedTotal,
      inserted: of('inserted'),
      updated: of('updated'),
      unchanged: of('unchanged'),
      tombstoned: of('tombstoned'),
      unseen: mode === 'full' ? (unseen.get(staged)?.total ?? 0) : 0,
    };
  };

  /** Applies the staged records; returns how many rows it removed. Call inside a transaction. */
  const apply = (staged: StagedCollection, policy: CommitPolicy): number => {
    upsert.run({ ...staged, keepTombstones: policy.tombstones === 'keep' ? 1 : 0 });
    let deleted = policy.tombstones === 'delete' ? deleteTombstoned.run(staged).changes : 0;
    if (policy.unseen === 'delete') deleted += deleteUnseen.run(staged).changes;
    if (policy.unseen === 'tombstone') tombstoneUnseen.run(staged);
    return deleted;
  };

  return { diff, apply };
}
