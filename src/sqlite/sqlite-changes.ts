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
import type { StagedCollection } from './sqlite-commit.js';

/** Staged or unseen records compared per query: memory stays bounded by one page. */
const CHANGE_PAGE_RECORDS = 1000;
/** Change records per multi-row INSERT (10 columns each, far under SQLite's 32,766 parameters). */
const CHANGE_ROWS_PER_STATEMENT = 50;
/**
 * `changed_fields` of an insert that keeps its whole new record in `after`: the fields are that
 * record's keys, read back from it. Listing them again per record (with `json_each` over every
 * record of a first sync) cost more CPU than the rest of the change log's write.
 */
const FIELDS_OF_AFTER = '';

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
  // sourcedId order. With the record kept, its fields are read from it (FIELDS_OF_AFTER); only with
  // values none are they listed here. A re-keyed record is stored under its new id already, so it is
  // left to the pages.
  const logInserts = db.prepare<
    [
      StagedCollection & {
        base: number;
        runId: string;
        at: string;
        keepValues: number;
        keepTombstones: number;
      },
    ]
  >(
    `INSERT INTO roster_changes (tenant, seq, run_id, collection, sourced_id, op, changed_fields, before, after, at)
     SELECT @tenant, @base + row_number() OVER (ORDER BY l.sourced_id), @runId, @collection, l.sourced_id, 'insert',
       CASE WHEN @keepValues THEN '${FIELDS_OF_AFTER}'
         ELSE (SELECT json_group_array(key) FROM (SELECT key FROM json_each(s.record) ORDER BY key)) END,
       NULL, CASE WHEN @keepValues THEN s.record END, @at
     FROM roster_latest l JOIN roster_staged s ON s.seq = l.seq
     WHERE (@keepTombstones OR l.status = 'active')
     AND NOT EXISTS (SELECT 1 FROM roster_records r WHERE r.tenant = @tenant AND r.collection = @collection
       AND r.sourced_id = l.sourced_id)
     ORDER BY l.sourced_id`,
  );
  // Every other staged record whose commit may change the stored one; unchanged records are skipped
  // before their JSON is read, except a tombstone that tombstones: 'delete' removes anyway.
  const stagedPage = db.prepare<
    [StagedCollection & { after: string; limit: number; deleteTombstones: number }],
    { sourced_id: string; status: string; after: string; before: string }
  >(
    `SELECT l.sourced_id, l.status, s.record AS after, r.record AS before
     FROM roster_latest l JOIN roster_staged s ON s.seq = l.seq
     JOIN roster_records r ON r.tenant = @tenant AND r.collection = @collection AND r.sourced_id = l.sourced_id
     WHERE l.sourced_id > @after
     AND (r.hash IS NULL OR r.hash <> l.hash OR (@deleteTombstones AND l.status = 'tobedeleted'))
     ORDER BY l.sourced_id LIMIT @limit`,
  );
  const unseenPage = db.prepare<
    [StagedCollection & { after: string; limit: number; deleteUnseen: number }],
    { sourced_id: string; record: string }
  >(
    `SELECT sourced_id, record FROM roster_records WHERE tenant = @tenant AND collection = @collection
     AND sourced_id > @after AND (@deleteUnseen OR status = 'active')
     AND NOT EXISTS (SELECT 1 FROM roster_latest l WHERE l.sourced_id = roster_records.sourced_id)
     ORDER BY sourced_id LIMIT @limit`,
  );
  const storedRecord = db.prepare<[string, string, string], { record: string }>(
    'SELECT record FROM roster_records WHERE tenant = ? AND collection = ? AND sourced_id = ?',
  );
  const prune = db.prepare<[string, string]>('DELETE FROM roster_changes WHERE tenant = ? AND at < ?');
  const page = db.prepare<[string, number, number], ChangeRowSql>(
    'SELECT * FROM roster_changes WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const pageOf = db.prepare<[string, number, string, number], ChangeRowSql>(
    `SELECT * FROM roster_changes WHERE tenant = ? AND seq > ? AND collection IN (SELECT value FROM json_each(?))
     ORDER BY seq LIMIT ?`,
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

  return {
    /**
     * Writes the change records of a commit; call in the commit's transaction after the renames and
     * before the staged records apply, with roster_latest filled. `renamed`: the re-keys applied.
     */
    log(
      staged: StagedCollection,
      target: ChangeTarget,
      policy: CommitPolicy & { changeLog: ChangeLogPolicy },
      renamed: ReadonlyMap<string, string>,
      nowMs: number,
    ): void {
      const values = policy.changeLog.values;
      let seq = lastSeq.get(staged.tenant)?.last_seq ?? 0;
      const start = seq;
      // A re-keyed record leaves its old sourcedId: it now sits under the new one until the apply.
      const renamedTo = new Set(renamed.values());
      const deletes: ChangeRow[] = [];
      for (const [from, to] of renamed) {
        const before = storedRecord.get(staged.tenant, staged.collection, to)?.record;
        const row = describeChange(from, before, undefined, values);
        if (row !== undefined) deletes.push(row);
      }
      seq = write(target, deletes, seq);
      seq += logInserts.run({
        ...staged,
        base: seq,
        runId: target.runId,
        at: target.at,
        keepValues: values === 'none' ? 0 : 1,
        keepTombstones: policy.tombstones === 'keep' ? 1 : 0,
      }).changes;

      const deleteTombstones = policy.tombstones === 'delete' ? 1 : 0;
      for (let after = ''; ; ) {
        const page = stagedPage.all({ ...staged, after, limit: CHANGE_PAGE_RECORDS, deleteTombstones });
        const rows: ChangeRow[] = [];
        for (const entry of page) {
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
      if (seq !== start) saveSeq.run(staged.tenant, seq);
      const cutoff = pruneBefore(policy.changeLog, nowMs);
      if (cutoff !== undefined) prune.run(staged.tenant, cutoff);
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
        const changedFields =
          row.changed_fields === FIELDS_OF_AFTER && after !== undefined
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
