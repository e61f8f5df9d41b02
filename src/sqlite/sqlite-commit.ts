import type Database from 'better-sqlite3';
import type { CollectionDiff, SyncMode } from '../sync/roster-store.js';
import type { CommitPolicy } from '../sync/store/commit-policy.js';
import type { AscendingStaging } from './staged-order.js';

/**
 * How a commit reads its staged records: against the stored ones (`update`), as a first sync of the
 * collection from the latest version of each id (`first`), or as a first sync whose staging holds
 * each id once in ascending order (`first-ascending`), copied as it lies.
 */
export type CommitKind = 'update' | 'first' | 'first-ascending';

/** The staged records of one collection of one run, and the tenant whose records they replace. */
export interface StagedCollection {
  tenant: string;
  runSeq: number;
  collection: string;
}

// The latest staged version of each sourcedId of one run's collection, in sourcedId order. A TEMP
// table is private to the connection, and every use of it is one synchronous call, so two runs of
// one store never see each other's. Built from a sort of the staging, it turns the joins below into
// ordered merges against the records index.
const CREATE_LATEST = `CREATE TEMP TABLE IF NOT EXISTS roster_latest (
  sourced_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, status TEXT NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID`;
// SQLite takes the bare columns of a max() aggregate from the row holding the maximum.
const FILL_LATEST = `INSERT INTO roster_latest (sourced_id, seq, status, hash)
  SELECT sourced_id, max(seq), status, hash FROM roster_staged
  WHERE run_seq = @runSeq AND collection = @collection GROUP BY sourced_id`;

// One category per staged record, in the order of docs/stores.md. `r.hash = l.hash` is NULL, not
// true, for a missing row or a row the store tombstoned itself (hash NULL): neither is unchanged.
const CATEGORIES = `
  SELECT CASE
    WHEN r.hash = l.hash THEN 'unchanged'
    WHEN l.status = 'tobedeleted' THEN CASE WHEN r.status = 'active' THEN 'tombstoned' ELSE 'none' END
    WHEN r.status = 'active' THEN 'updated'
    ELSE 'inserted'
  END AS category, count(*) AS total
  FROM roster_latest l
  LEFT JOIN roster_records r ON r.tenant = @tenant AND r.collection = @collection AND r.sourced_id = l.sourced_id
  GROUP BY category`;

// The same for a collection the tenant stores nothing of (a first sync): each category is its status.
const FIRST_CATEGORIES = `SELECT CASE WHEN status = 'active' THEN 'inserted' ELSE 'none' END AS category,
  count(*) AS total FROM roster_latest GROUP BY 1`;

const NOT_STAGED =
  'NOT EXISTS (SELECT 1 FROM roster_latest l WHERE l.sourced_id = roster_records.sourced_id)';

/** Diffs and commits staged collections; statements prepared once per database handle. */
export function prepareCommit(db: Database.Database) {
  db.exec(CREATE_LATEST);
  const clearLatest = db.prepare('DELETE FROM roster_latest');
  const fillLatest = db.prepare<[StagedCollection]>(FILL_LATEST);
  const categories = db.prepare<[StagedCollection], { category: string; total: number }>(CATEGORIES);
  const firstCategories = db.prepare<[], { category: string; total: number }>(FIRST_CATEGORIES);
  const unseen = db.prepare<[StagedCollection], { total: number }>(
    `SELECT count(*) AS total FROM roster_records WHERE tenant = @tenant AND collection = @collection
     AND status = 'active' AND ${NOT_STAGED}`,
  );
  // Unchanged records are skipped before their JSON is read. The WHERE of the SELECT is required:
  // without it SQLite would read ON CONFLICT as a join's ON.
  const upsert = db.prepare<[StagedCollection & { keepTombstones: number }]>(
    `INSERT INTO roster_records (tenant, collection, sourced_id, status, date_last_modified, hash, record)
     SELECT @tenant, @collection, l.sourced_id, s.status, s.date_last_modified, s.hash, s.record
     FROM roster_latest l JOIN roster_staged s ON s.seq = l.seq
     WHERE (@keepTombstones OR l.status = 'active')
     AND NOT EXISTS (SELECT 1 FROM roster_records r WHERE r.tenant = @tenant AND r.collection = @collection
       AND r.sourced_id = l.sourced_id AND r.hash = l.hash)
     ON CONFLICT (tenant, collection, sourced_id) DO UPDATE SET status = excluded.status,
     date_last_modified = excluded.date_last_modified, hash = excluded.hash, record = excluded.record,
     logged_insert = NULL`,
  );
  // The upsert of a commit whose change log keeps the values of its inserts by reference: each new
  // row names its insert's change record, numbered from @base as the log numbered them (the same
  // rows, new to the collection, in sourcedId order; see sqlite-changes.ts).
  const upsertReferencing = db.prepare<[StagedCollection & { keepTombstones: number; base: number }]>(
    `INSERT INTO roster_records (tenant, collection, sourced_id, status, date_last_modified, hash, record, logged_insert)
     SELECT @tenant, @collection, l.sourced_id, s.status, s.date_last_modified, s.hash, s.record,
       CASE WHEN r.sourced_id IS NULL THEN @base + count(*) FILTER (WHERE r.sourced_id IS NULL)
         OVER (ORDER BY l.sourced_id ROWS UNBOUNDED PRECEDING) END
     FROM roster_latest l JOIN roster_staged s ON s.seq = l.seq
     LEFT JOIN roster_records r ON r.tenant = @tenant AND r.collection = @collection AND r.sourced_id = l.sourced_id
     WHERE (@keepTombstones OR l.status = 'active') AND (r.hash IS NULL OR r.hash <> l.hash)
     ON CONFLICT (tenant, collection, sourced_id) DO UPDATE SET status = excluded.status,
     date_last_modified = excluded.date_last_modified, hash = excluded.hash, record = excluded.record,
     logged_insert = NULL`,
  );
  // A collection the tenant stores nothing of yet (a first sync): every staged row is new, so the
  // upsert's probe of the records index and its conflict clause are skipped (30% of its time on
  // 800,000 rows). The referencing form numbers the rows as the log numbered its inserts.
  const storesAny = db
    .prepare<[StagedCollection], number>(
      'SELECT 1 FROM roster_records WHERE tenant = @tenant AND collection = @collection LIMIT 1',
    )
    .pluck();
  const insertAll = db.prepare<[StagedCollection & { keepTombstones: number }]>(
    `INSERT INTO roster_records (tenant, collection, sourced_id, status, date_last_modified, hash, record)
     SELECT @tenant, @collection, l.sourced_id, s.status, s.date_last_modified, s.hash, s.record
     FROM roster_latest l JOIN roster_staged s ON s.seq = l.seq
     WHERE (@keepTombstones OR l.status = 'active')`,
  );
  const insertAllReferencing = db.prepare<[StagedCollection & { keepTombstones: number; base: number }]>(
    `INSERT INTO roster_records (tenant, collection, sourced_id, status, date_last_modified, hash, record, logged_insert)
     SELECT @tenant, @collection, l.sourced_id, s.status, s.date_last_modified, s.hash, s.record,
       @base + row_number() OVER (ORDER BY l.sourced_id)
     FROM roster_latest l JOIN roster_staged s ON s.seq = l.seq
     WHERE (@keepTombstones OR l.status = 'active')`,
  );
  // A first sync staged each id once in ascending order: the staging is copied in its own order
  // (seq), which is sourcedId order, without resolving roster_latest (a sort of the staging).
  const copyStaging = db.prepare<[StagedCollection & { keepTombstones: number }]>(
    `INSERT INTO roster_records (tenant, collection, sourced_id, status, date_last_modified, hash, record)
     SELECT @tenant, @collection, sourced_id, status, date_last_modified, hash, record FROM roster_staged
     WHERE run_seq = @runSeq AND collection = @collection AND (@keepTombstones OR status = 'active')
     ORDER BY seq`,
  );
  const copyStagingReferencing = db.prepare<[StagedCollection & { keepTombstones: number; base: number }]>(
    `INSERT INTO roster_records (tenant, collection, sourced_id, status, date_last_modified, hash, record, logged_insert)
     SELECT @tenant, @collection, sourced_id, status, date_last_modified, hash, record,
       @base + row_number() OVER (ORDER BY seq)
     FROM roster_staged WHERE run_seq = @runSeq AND collection = @collection AND (@keepTombstones OR status = 'active')
     ORDER BY seq`,
  );
  const deleteTombstoned = db.prepare<[StagedCollection]>(
    `DELETE FROM roster_records WHERE tenant = @tenant AND collection = @collection
     AND sourced_id IN (SELECT sourced_id FROM roster_latest WHERE status = 'tobedeleted')`,
  );
  const deleteUnseen = db.prepare<[StagedCollection]>(
    `DELETE FROM roster_records WHERE tenant = @tenant AND collection = @collection AND ${NOT_STAGED}`,
  );
  // A NULL hash marks the row as changed by the store, so the next pull that sees it updates it.
  const tombstoneUnseen = db.prepare<[StagedCollection]>(
    `UPDATE roster_records SET status = 'tobedeleted', hash = NULL, record = json_set(record, '$.status', 'tobedeleted'),
     logged_insert = NULL WHERE tenant = @tenant AND collection = @collection AND status = 'active' AND ${NOT_STAGED}`,
  );

  // CommitOptions.rekey: a stored record the provider re-keyed takes its new id, unless that id is
  // stored already or the old one is staged too (the provider still sends it).
  const rename = db.prepare<[StagedCollection & { from: string; to: string }]>(
    `UPDATE roster_records SET sourced_id = @to
     WHERE tenant = @tenant AND collection = @collection AND sourced_id = @from
     AND NOT EXISTS (SELECT 1 FROM roster_records r WHERE r.tenant = @tenant AND r.collection = @collection
       AND r.sourced_id = @to)
     AND NOT EXISTS (SELECT 1 FROM roster_latest l WHERE l.sourced_id = @from)`,
  );

  // What roster_latest holds, and the database as it was then: SQLite's own count of the rows this
  // connection changed, and its count of other connections' commits. The sync engine diffs a
  // collection just before committing it; when neither moved, the commit reuses the diff's
  // resolution (and, without renames, its counts) instead of sorting the staging again.
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let filled:
    | { runSeq: number; collection: string; changes: number; version: number; diff: CollectionDiff }
    | undefined;
  const stamp = () => ({ changes: totalChanges.get() ?? -1, version: dataVersion.get() ?? -1 });

  /** Fills roster_latest for the collection; the statements below read it. */
  const resolveLatest = (staged: StagedCollection): void => {
    filled = undefined;
    clearLatest.run();
    fillLatest.run(staged);
  };
  /** The diff that the rows in roster_latest gave, if they are still this collection's staging. */
  const stillFilled = (staged: StagedCollection): CollectionDiff | undefined => {
    if (filled === undefined || filled.runSeq !== staged.runSeq || filled.collection !== staged.collection)
      return undefined;
    const now = stamp();
    return now.changes === filled.changes && now.version === filled.version ? filled.diff : undefined;
  };
  /** Whether the tenant stores nothing of the collection yet (a first sync of it). */
  const storesNone = (staged: StagedCollection): boolean => storesAny.get(staged) === undefined;
  const diffLatest = (staged: StagedCollection, mode: SyncMode, firstRows: boolean): CollectionDiff => {
    const rows = firstRows ? firstCategories.all() : categories.all(staged);
    const totals = new Map(rows.map((row) => [row.category, row.total]));
    const of = (category: string) => totals.get(category) ?? 0;
    let stagedTotal = 0;
    for (const total of totals.values()) stagedTotal += total;
    return {
      staged: stagedTotal,
      inserted: of('inserted'),
      updated: of('updated'),
      unchanged: of('unchanged'),
      tombstoned: of('tombstoned'),
      unseen: mode === 'full' && !firstRows ? (unseen.get(staged)?.total ?? 0) : 0,
    };
  };
  /** A first sync's diff from the staging's own counts: every active record is new. */
  const firstAscendingDiff = (ascending: AscendingStaging): CollectionDiff => ({
    staged: ascending.active + ascending.tombstones,
    inserted: ascending.active,
    updated: 0,
    unchanged: 0,
    tombstoned: 0,
    unseen: 0,
  });
  const clear = (): void => {
    filled = undefined;
    clearLatest.run();
  };

  return {
    /** Empties roster_latest: a diff whose commit never came (a guard tripped, a dry run) leaves it filled. */
    release: clear,

    /**
     * Leaves roster_latest filled for a commit that follows with nothing written in between.
     * `ascending`: the staging's counts when it holds each id once in ascending order.
     */
    diff(staged: StagedCollection, mode: SyncMode, ascending: AscendingStaging | undefined): CollectionDiff {
      if (ascending !== undefined && storesNone(staged)) return firstAscendingDiff(ascending);
      const kept = stillFilled(staged);
      if (kept !== undefined) return { ...kept };
      try {
        resolveLatest(staged);
        const diff = diffLatest(staged, mode, storesNone(staged));
        filled = { runSeq: staged.runSeq, collection: staged.collection, ...stamp(), diff };
        return diff;
      } catch (error) {
        clear();
        throw error;
      }
    },

    /**
     * Renames, diffs, logs the changes, then applies the staged records; call inside a transaction.
     * `logChanges` returns the seq its inserts' change records are numbered after when they keep
     * their values by reference to the new rows, undefined otherwise.
     */
    commit(
      staged: StagedCollection,
      mode: SyncMode,
      policy: CommitPolicy,
      ascending: AscendingStaging | undefined,
      logChanges: (renamed: ReadonlyMap<string, string>, kind: CommitKind) => number | undefined,
    ): CollectionDiff & { deleted: number } {
      const firstRows = storesNone(staged);
      // Renames move stored rows only, so a first sync has none to apply.
      if (firstRows && ascending !== undefined) {
        clear();
        const insertsLoggedAfter = logChanges(new Map(), 'first-ascending');
        const keepTombstones = policy.tombstones === 'keep' ? 1 : 0;
        if (insertsLoggedAfter === undefined) copyStaging.run({ ...staged, keepTombstones });
        else copyStagingReferencing.run({ ...staged, keepTombstones, base: insertsLoggedAfter });
        return { ...firstAscendingDiff(ascending), deleted: 0 };
      }
      const kept = stillFilled(staged);
      try {
        if (kept === undefined) resolveLatest(staged);
        const renamed = new Map<string, string>();
        for (const [from, to] of policy.rekey) {
          if (rename.run({ ...staged, from, to }).changes > 0) renamed.set(from, to);
        }
        // Renames move only stored rows, so a collection that stored none still stores none.
        const diff = kept !== undefined && renamed.size === 0 ? kept : diffLatest(staged, mode, firstRows);
        const insertsLoggedAfter = logChanges(renamed, firstRows ? 'first' : 'update');
        const keepTombstones = policy.tombstones === 'keep' ? 1 : 0;
        if (insertsLoggedAfter === undefined) {
          (firstRows ? insertAll : upsert).run({ ...staged, keepTombstones });
        } else {
          const numbered = { ...staged, keepTombstones, base: insertsLoggedAfter };
          (firstRows ? insertAllReferencing : upsertReferencing).run(numbered);
        }
        // Before a first sync's insert nothing was stored: no stored tombstone to delete, every row
        // now stored is staged, so none is unseen (the scans cost a probe per row inserted).
        if (firstRows) return { ...diff, deleted: 0 };
        let deleted = policy.tombstones === 'delete' ? deleteTombstoned.run(staged).changes : 0;
        if (policy.unseen === 'delete') deleted += deleteUnseen.run(staged).changes;
        if (policy.unseen === 'tombstone') tombstoneUnseen.run(staged);
        return { ...diff, deleted };
      } finally {
        clear();
      }
    },
  };
}
