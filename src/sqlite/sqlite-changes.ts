import type Database from 'better-sqlite3';
import type { ChangeRecord, ReadChangesOptions } from '../sync/roster-store.js';
import { canonicalJson } from '../sync/store/canonical-json.js';
import type { CommitPolicy } from '../sync/store/commit-policy.js';
import {
  type ChangeLogPolicy,
  type ChangeRow,
  describeChange,
  pruneBefore,
} from '../sync/store/describe-change.js';
import { parseJsonObject, parseStringArray } from '../sync/store/parse-json.js';
import { parseChangeOp } from '../sync/store/parse-run-row.js';
import type { CommitKind, StagedCollection } from './sqlite-commit.js';

/** Staged or unseen records compared per query: memory stays bounded by one page. */
const CHANGE_PAGE_RECORDS = 1000;
/** Change records per multi-row INSERT (10 columns each, far under SQLite's 32,766 parameters). */
const CHANGE_ROWS_PER_STATEMENT = 50;
/**
 * `changed_fields` of an insert that keeps its whole new record as `after`: the fields are that
 * record's keys, read back from it. Listing them again per record (with `json_each` over every
 * record of a first sync) cost more CPU than the rest of the change log's write.
 *
 * Such an insert's `after` is NULL while its record is stored unchanged: the record's row names the
 * change record (`roster_records.logged_insert`) and the read takes the record from there. Every
 * commit writes the record into `after` before it changes or removes the row (`keepInsertValues`),
 * log on or off. Copying each record of a first sync into the log measured 1.16 of the sync's time
 * without the log; by reference, the log's share is its own rows.
 */
const FIELDS_OF_AFTER = '';

/** The condition that keeps a staged record to the ones the tenant does not store yet. */
const NEW_TO_COLLECTION = `
     AND NOT EXISTS (SELECT 1 FROM roster_records r WHERE r.tenant = @tenant AND r.collection = @collection
       AND r.sourced_id = l.sourced_id)`;

/** The parameters of the statement that logs a commit's inserts in one go. */
type InsertsToLog = StagedCollection & {
  base: number;
  runId: string;
  at: string;
  keepValues: number;
  keepTombstones: number;
};

interface ChangeRowSql {
  tenant: string;
  seq: number;
  run_id: string;
  collection: string;
  sourced_id: string;
  op: string;
  changed_fields: string;
  before: string | null;
  after: string | null;
  at: string;
}

function insertSql(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO roster_changes (tenant, seq, run_id, collection, sourced_id, op, changed_fields, before, after, at)
    VALUES ${values}`;
}

/** Where a commit's change records go: numbered on from the tenant's last seq. */
interface ChangeTarget {
  readonly tenant: string;
  readonly runId: string;
  readonly collection: string;
  readonly at: string;
}

/**
 * The change log of the SQLite store: written by a commit in its transaction, between the diff and
 * the writes, from the staged records (roster_latest, filled by the commit) and the stored ones.
 */
export function prepareChangeLog(db: Database.Database) {
  const lastSeq = db.prepare<[string], { last_seq: number }>(
    'SELECT last_seq FROM roster_change_seq WHERE tenant = ?',
  );
  const saveSeq = db.prepare<[string, number]>(
    `INSERT INTO roster_change_seq (tenant, last_seq) VALUES (?, ?)
     ON CONFLICT (tenant) DO UPDATE SET last_seq = excluded.last_seq`,
  );
  const insertOne = db.prepare(insertSql(1));
  const insertMany = db.prepare(insertSql(CHANGE_ROWS_PER_STATEMENT));
  // Records new to the collection, the whole of a first sync: logged in one set-based statement, as
  // describeChange would (every field, sorted; the whole record unless values is none), numbered in
  // sourcedId order. With the record kept, its fields and values are read from it (FIELDS_OF_AFTER),
  // and the commit's upsert numbers the new rows alike; only with values none are the fields listed
  // here. A re-keyed record is stored under its new id already, so it is left to the pages.
  const insertsSql = (
    newOnly: string,
  ) => `INSERT INTO roster_changes (tenant, seq, run_id, collection, sourced_id, op, changed_fields, before, after, at)
     SELECT @tenant, @base + row_number() OVER (ORDER BY l.sourced_id), @runId, @collection, l.sourced_id, 'insert',
       CASE WHEN @keepValues THEN '${FIELDS_OF_AFTER}'
         ELSE (SELECT json_group_array(key) FROM (SELECT key FROM json_each(s.record) ORDER BY key)) END,
       NULL, NULL, @at
     FROM roster_latest l JOIN roster_staged s ON s.seq = l.seq
     WHERE (@keepTombstones OR l.status = 'active')${newOnly}
     ORDER BY l.sourced_id`;
  const logInserts = db.prepare<[InsertsToLog]>(insertsSql(NEW_TO_COLLECTION));
  // A first sync of the collection (the tenant stores none of it): every staged record is new, so
  // the probe of the records index per record is left out.
  const logFirstInserts = db.prepare<[InsertsToLog]>(insertsSql(''));
  // The same for a first sync whose staging holds each id once in ascending order, read as it lies
  // (seq order is sourcedId order), numbered as the commit's copy of the staging numbers the rows.
  const logStagedInserts = db.prepare<[InsertsToLog]>(
    `INSERT INTO roster_changes (tenant, seq, run_id, collection, sourced_id, op, changed_fields, before, after, at)
     SELECT @tenant, @base + row_number() OVER (ORDER BY s.seq), @runId, @collection, s.sourced_id, 'insert',
       CASE WHEN @keepValues THEN '${FIELDS_OF_AFTER}'
         ELSE (SELECT json_group_array(key) FROM (SELECT key FROM json_each(s.record) ORDER BY key)) END,
       NULL, NULL, @at
     FROM roster_staged s WHERE s.run_seq = @runSeq AND s.collection = @collection
     AND (@keepTombstones OR s.status = 'active')
     ORDER BY s.seq`,
  );
  const insertsOf: Record<CommitKind, typeof logInserts> = {
    update: logInserts,
    first: logFirstInserts,
    'first-ascending': logStagedInserts,
  };
  // Every other staged record whose commit may change the stored one; unchanged records are skipped
  // before their JSON is read, except a tombstone that tombstones: 'delete' removes anyway.
  const stagedPage = db.prepare<
    [StagedCollection & { after: string; limit: number; deleteTombstones: number }],
    { sourced_id: string; status: string; after: string; before: string; logged: number | null }
  >(
    `SELECT l.sourced_id, l.status, s.record AS after, r.record AS before, r.logged_insert AS logged
     FROM roster_latest l JOIN roster_staged s ON s.seq = l.seq
     JOIN roster_records r ON r.tenant = @tenant AND r.collection = @collection AND r.sourced_id = l.sourced_id
     WHERE l.sourced_id > @after
     AND (r.hash IS NULL OR r.hash <> l.hash OR (@deleteTombstones AND l.status = 'tobedeleted'))
     ORDER BY l.sourced_id LIMIT @limit`,
  );
  const unseenPage = db.prepare<
    [StagedCollection & { after: string; limit: number; deleteUnseen: number }],
    { sourced_id: string; record: string; logged: number | null }
  >(
    `SELECT sourced_id, record, logged_insert AS logged FROM roster_records WHERE tenant = @tenant AND collection = @collection
     AND sourced_id > @after AND (@deleteUnseen OR status = 'active')
     AND NOT EXISTS (SELECT 1 FROM roster_latest l WHERE l.sourced_id = roster_records.sourced_id)
     ORDER BY sourced_id LIMIT @limit`,
  );
  const storedRecord = db.prepare<[string, string, string], { record: string; logged: number | null }>(
    `SELECT record, logged_insert AS logged FROM roster_records
     WHERE tenant = ? AND collection = ? AND sourced_id = ?`,
  );
  // An insert's values, written into its change record before the commit changes its record.
  const keepInsertValues = db.prepare<[string, string, number]>(
    'UPDATE roster_changes SET after = ? WHERE tenant = ? AND seq = ? AND after IS NULL',
  );
  const keepInsertValuesOf = (tenant: string, entry: { logged: number | null }, record: string) => {
    if (entry.logged !== null) keepInsertValues.run(record, tenant, entry.logged);
  };
  // The same for a commit that logs nothing, set-based: the staged records that change a stored one
  // (the pages' rule), the unseen records the commit tombstones or deletes, and a re-keyed record.
  const anyChange = db
    .prepare<[string], number>('SELECT 1 FROM roster_changes WHERE tenant = ? LIMIT 1')
    .pluck();
  const keepValuesWhere = (rows: string) =>
    db.prepare<[StagedCollection]>(
      `UPDATE roster_changes SET after = kept.record FROM (${rows}) AS kept
       WHERE roster_changes.tenant = @tenant AND roster_changes.seq = kept.seq AND roster_changes.after IS NULL`,
    );
  const keepValuesOfStaged = keepValuesWhere(`SELECT r.logged_insert AS seq, r.record FROM roster_latest l
    JOIN roster_records r ON r.tenant = @tenant AND r.collection = @collection AND r.sourced_id = l.sourced_id
    WHERE r.logged_insert IS NOT NULL AND (r.hash IS NULL OR r.hash <> l.hash OR l.status = 'tobedeleted')`);
  const keepValuesOfUnseen = keepValuesWhere(`SELECT r.logged_insert AS seq, r.record FROM roster_records r
    WHERE r.tenant = @tenant AND r.collection = @collection AND r.logged_insert IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM roster_latest l WHERE l.sourced_id = r.sourced_id)`);
  const prune = db.prepare<[string, string]>('DELETE FROM roster_changes WHERE tenant = ? AND at < ?');
  // An insert's values by reference: the record whose row names this change record.
  const columns = `c.tenant, c.seq, c.run_id, c.collection, c.sourced_id, c.op, c.changed_fields, c.before,
    CASE WHEN c.after IS NULL AND c.changed_fields = '${FIELDS_OF_AFTER}' THEN (SELECT r.record FROM roster_records r
      WHERE r.tenant = c.tenant AND r.collection = c.collection AND r.sourced_id = c.sourced_id
      AND r.logged_insert = c.seq) ELSE c.after END AS after, c.at`;
  const page = db.prepare<[string, number, number], ChangeRowSql>(
    `SELECT ${columns} FROM roster_changes c WHERE c.tenant = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
  );
  const pageOf = db.prepare<[string, number, string, number], ChangeRowSql>(
    `SELECT ${columns} FROM roster_changes c WHERE c.tenant = ? AND c.seq > ?
     AND c.collection IN (SELECT value FROM json_each(?)) ORDER BY c.seq LIMIT ?`,
  );

  /** Writes the rows of one commit, numbered on from `seq`; returns the last seq given. */
  const write = (target: ChangeTarget, rows: readonly ChangeRow[], seq: number): number => {
    let next = seq;
    const params = (row: ChangeRow) => [
      target.tenant,
      ++next,
      target.runId,
      target.collection,
      row.sourcedId,
      row.op,
      JSON.stringify(row.changedFields),
      row.before ?? null,
      row.after ?? null,
      target.at,
    ];
    let index = 0;
    for (; index + CHANGE_ROWS_PER_STATEMENT <= rows.length; index += CHANGE_ROWS_PER_STATEMENT) {
      insertMany.run(rows.slice(index, index + CHANGE_ROWS_PER_STATEMENT).flatMap(params));
    }
    for (; index < rows.length; index++) insertOne.run(params(rows[index]!));
    return next;
  };

  /**
   * Logs the changes a commit makes to stored records, page by page: staged records that change
   * one, and the unseen ones it tombstones or deletes. Returns the last seq given.
   */
  const logChangesToStored = (
    staged: StagedCollection,
    target: ChangeTarget,
    policy: CommitPolicy & { changeLog: ChangeLogPolicy },
    renamedTo: ReadonlySet<string>,
    from: number,
  ): number => {
    const values = policy.changeLog.values;
    let seq = from;
    const deleteTombstones = policy.tombstones === 'delete' ? 1 : 0;
    for (let after = ''; ; ) {
      const page = stagedPage.all({ ...staged, after, limit: CHANGE_PAGE_RECORDS, deleteTombstones });
      const rows: ChangeRow[] = [];
      for (const entry of page) {
        keepInsertValuesOf(staged.tenant, entry, entry.before);
        const before = renamedTo.has(entry.sourced_id) ? undefined : entry.before;
        const removed = deleteTombstones === 1 && entry.status === 'tobedeleted';
        const row = describeChange(entry.sourced_id, before, removed ? undefined : entry.after, values);
        if (row !== undefined) rows.push(row);
      }
      seq = write(target, rows, seq);
      const last = page.at(-1);
      if (last === undefined || page.length < CHANGE_PAGE_RECORDS) break;
      after = last.sourced_id;
    }

    if (policy.unseen !== 'keep') {
      const deleteUnseen = policy.unseen === 'delete' ? 1 : 0;
      for (let after = ''; ; ) {
        const page = unseenPage.all({ ...staged, after, limit: CHANGE_PAGE_RECORDS, deleteUnseen });
        const rows: ChangeRow[] = [];
        for (const entry of page) {
          keepInsertValuesOf(staged.tenant, entry, entry.record);
          const before = renamedTo.has(entry.sourced_id) ? undefined : entry.record;
          const tombstoned =
            deleteUnseen === 1
              ? undefined
              : canonicalJson({ ...parseJsonObject(entry.record), status: 'tobedeleted' });
          const row = describeChange(entry.sourced_id, before, tombstoned, values);
          if (row !== undefined) rows.push(row);
        }
        seq = write(target, rows, seq);
        const last = page.at(-1);
        if (last === undefined || page.length < CHANGE_PAGE_RECORDS) break;
        after = last.sourced_id;
      }
    }
    return seq;
  };

  return {
    /**
     * Writes the change records of a commit; call in the commit's transaction after the renames and
     * before the staged records apply, with roster_latest filled. `renamed`: the re-keys applied.
     * Returns the seq the inserts are numbered after when they keep their values by reference (the
     * commit's upsert then names them in the new rows), undefined with values none. `kind`: in a
     * first sync (the tenant stores none of the collection), every change is an insert.
     */
    log(
      staged: StagedCollection,
      target: ChangeTarget,
      policy: CommitPolicy & { changeLog: ChangeLogPolicy },
      renamed: ReadonlyMap<string, string>,
      nowMs: number,
      kind: CommitKind,
    ): number | undefined {
      const values = policy.changeLog.values;
      let seq = lastSeq.get(staged.tenant)?.last_seq ?? 0;
      const start = seq;
      // A re-keyed record leaves its old sourcedId: it now sits under the new one until the apply.
      const renamedTo = new Set(renamed.values());
      const deletes: ChangeRow[] = [];
      for (const [from, to] of renamed) {
        const stored = storedRecord.get(staged.tenant, staged.collection, to);
        if (stored !== undefined) keepInsertValuesOf(staged.tenant, stored, stored.record);
        const row = describeChange(from, stored?.record, undefined, values);
        if (row !== undefined) deletes.push(row);
      }
      seq = write(target, deletes, seq);
      const insertsAfter = seq;
      seq += insertsOf[kind].run({
        ...staged,
        base: seq,
        runId: target.runId,
        at: target.at,
        keepValues: values === 'none' ? 0 : 1,
        keepTombstones: policy.tombstones === 'keep' ? 1 : 0,
      }).changes;
      // A first sync's changes are its inserts: nothing stored is staged again or unseen.
      if (kind === 'update') seq = logChangesToStored(staged, target, policy, renamedTo, seq);
      if (seq !== start) saveSeq.run(staged.tenant, seq);
      const cutoff = pruneBefore(policy.changeLog, nowMs);
      if (cutoff !== undefined) prune.run(staged.tenant, cutoff);
      return values === 'none' ? undefined : insertsAfter;
    },

    /**
     * For a commit that logs nothing (`changeLog: false`): writes into the log the values of the
     * earlier inserts whose records this commit changes or removes. Call where `log` would be.
     */
    keepValuesBeforeCommit(
      staged: StagedCollection,
      policy: CommitPolicy,
      renamed: ReadonlyMap<string, string>,
    ): void {
      if (anyChange.get(staged.tenant) === undefined) return;
      keepValuesOfStaged.run(staged);
      if (policy.unseen !== 'keep') keepValuesOfUnseen.run(staged);
      for (const to of renamed.values()) {
        const stored = storedRecord.get(staged.tenant, staged.collection, to);
        if (stored !== undefined) keepInsertValuesOf(staged.tenant, stored, stored.record);
      }
    },

    read(tenant: string, options: ReadChangesOptions): ChangeRecord[] {
      const after = options.after ?? 0;
      const rows =
        options.collections === undefined
          ? page.all(tenant, after, options.limit)
          : pageOf.all(tenant, after, JSON.stringify(options.collections), options.limit);
      return rows.map((row) => {
        const after = row.after === null ? undefined : parseJsonObject(row.after);
        // Sorted as describeChange sorts them, so a change reads the same however it was written.
        if (row.changed_fields === FIELDS_OF_AFTER && after === undefined) {
          // Only a write that bypassed the store (or a bug) changes a record without keeping its values.
          throw new Error(
            `change record ${row.seq} of ${row.tenant}: the record its insert refers to has changed`,
          );
        }
        const changedFields =
          after !== undefined && row.changed_fields === FIELDS_OF_AFTER
            ? Object.keys(after).sort()
            : parseStringArray(row.changed_fields);
        return {
          seq: row.seq,
          tenant: row.tenant,
          runId: row.run_id,
          collection: row.collection,
          sourcedId: row.sourced_id,
          op: parseChangeOp(row.op),
          changedFields,
          ...(row.before === null ? {} : { before: parseJsonObject(row.before) }),
          ...(after === undefined ? {} : { after }),
          at: row.at,
        };
      });
    },

    prune: (tenant: string, olderThan: string): number => prune.run(tenant, olderThan).changes,
  };
}
