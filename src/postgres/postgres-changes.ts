import type { PoolClient } from 'pg';
import type { ChangeRecord, JsonValue, ReadChangesOptions } from '../sync/roster-store.js';
import { canonicalJson } from '../sync/store/canonical-json.js';
import type { CommitPolicy } from '../sync/store/commit-policy.js';
import {
  type ChangeLogPolicy,
  type ChangeRow,
  describeChange,
  pruneBefore,
} from '../sync/store/describe-change.js';
import { parseJsonObject } from '../sync/store/parse-json.js';
import { parseChangeOp } from '../sync/store/parse-run-row.js';
import type { StagedCollection, StagedDiff } from './postgres-commit.js';
import { type Queryable, queryRows } from './query.js';

/** Staged or unseen records compared per query: memory stays bounded by one page. */
const CHANGE_PAGE_RECORDS = 1000;

/** Where a commit's change records go. */
interface ChangeTarget {
  readonly tenant: string;
  readonly runId: string;
  readonly collection: string;
  readonly at: string;
}

interface ChangeRowSql {
  tenant: string;
  seq: string;
  run_id: string;
  collection: string;
  sourced_id: string;
  op: string;
  /** NULL for an insert that keeps its record: its keys (see FIELDS_OF_AFTER). */
  changed_fields: string[] | null;
  before: Record<string, JsonValue> | null;
  after: Record<string, JsonValue> | null;
  at: Date;
}

/**
 * The change log of the PostgreSQL store, in schema `s` (quoted): written by a commit in its
 * transaction, after the renames and before the staged records apply.
 *
 * An insert that keeps its record (values changed-fields or full) leaves `changed_fields` NULL, its
 * fields being the record's keys, and leaves `after` NULL while the record is stored unchanged: the
 * record's row names the change record (`records.logged_insert`) and the read takes it from there.
 * Every commit writes the record into `after` before it changes or removes the row, log on or off.
 * Copying each record of a first sync into the log cost 1.15 of the sync's time without the log.
 */
export function postgresChangeLog(s: string) {
  // Records new to the collection, the whole of a first sync: logged in one set-based statement, as
  // describeChange would (every field, sorted; the whole record unless values is none), numbered in
  // sourcedId order. A re-keyed record is stored under its new id already, so it is left to the pages.
  // An insert that keeps its record leaves changed_fields NULL: they are the record's keys, listed
  // when the change is read (listing them per record here took a third of the statement's time);
  // its values are the record, read by reference (see above).
  // Parameters: $1 tenant, $2 run, $3 collection, $4 base seq, $5 run id, $6 at, $7 keep values,
  // $8 keep tombstones.
  const logInsertsWhere = (
    newToCollection: string,
  ) => `INSERT INTO ${s}.changes (tenant, seq, run_id, collection, sourced_id, op, changed_fields, before, after, at)
    SELECT $1, $4 + row_number() OVER (ORDER BY st.sourced_id), $5, $3, st.sourced_id, 'insert',
      CASE WHEN NOT $7::boolean THEN
        (SELECT jsonb_agg(k ORDER BY k COLLATE "C") FROM jsonb_object_keys(st.record) k) END,
      NULL, NULL, $6
    FROM ${s}.staged st WHERE st.run_seq = $2 AND st.collection = $3 AND ($8::boolean OR st.status = 'active')
    ${newToCollection}`;
  const logInserts = logInsertsWhere(`AND NOT EXISTS (SELECT 1 FROM ${s}.records r
    WHERE r.tenant = $1 AND r.collection = $3 AND r.sourced_id = st.sourced_id)`);
  // When the diff found no staged record stored (a first sync), without the probe per record.
  const logFirstInserts = logInsertsWhere('');
  // Every other staged record whose commit may change the stored one.
  // Parameters: $1 tenant, $2 run, $3 collection, $4 after, $5 limit, $6 tombstones deleted. OFFSET 0
  // keeps the lookup a per-record probe of the primary key (see postgres-commit.ts).
  const stagedPage = `SELECT st.sourced_id, st.status, st.record::text AS after, r.record::text AS before,
      r.logged_insert AS logged
    FROM ${s}.staged st
    JOIN LATERAL (SELECT hash, record, logged_insert FROM ${s}.records
      WHERE tenant = $1 AND collection = st.collection AND sourced_id = st.sourced_id OFFSET 0) r ON true
    WHERE st.run_seq = $2 AND st.collection = $3 AND st.sourced_id > $4
    AND (r.hash IS DISTINCT FROM st.hash OR ($6::boolean AND st.status = 'tobedeleted'))
    ORDER BY st.sourced_id LIMIT $5`;
  // Parameters: $1 tenant, $2 run, $3 collection, $4 after, $5 limit, $6 unseen deleted.
  const unseenPage = `SELECT r.sourced_id, r.record::text AS record, r.logged_insert AS logged
    FROM ${s}.records r
    WHERE r.tenant = $1 AND r.collection = $3 AND r.sourced_id > $4 AND ($6::boolean OR r.status = 'active')
    AND NOT EXISTS (SELECT 1 FROM ${s}.staged st
      WHERE st.run_seq = $2 AND st.collection = $3 AND st.sourced_id = r.sourced_id)
    ORDER BY r.sourced_id LIMIT $5`;
  const insert = `INSERT INTO ${s}.changes (tenant, seq, run_id, collection, sourced_id, op, changed_fields, before, after, at)
    SELECT $1, u.seq, $2, $3, u.sourced_id, u.op, u.changed_fields, u.before, u.after, $4
    FROM unnest($5::bigint[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::jsonb[])
      AS u(seq, sourced_id, op, changed_fields, before, after)`;

  // An insert's values, written into its change record before the commit changes its record.
  // Parameters: $1 tenant, $2 seqs, $3 records.
  const keepInsertValues = `UPDATE ${s}.changes c SET after = k.after
    FROM unnest($2::bigint[], $3::jsonb[]) AS k(seq, after)
    WHERE c.tenant = $1 AND c.seq = k.seq AND c.after IS NULL`;
  const keepValuesOf = async (
    client: PoolClient,
    tenant: string,
    entries: readonly { logged: string | null; record: string }[],
  ): Promise<void> => {
    const referenced = entries.filter((entry) => entry.logged !== null);
    if (referenced.length === 0) return;
    await client.query(keepInsertValues, [
      tenant,
      referenced.map((entry) => entry.logged),
      referenced.map((entry) => entry.record),
    ]);
  };
  // The same for a commit that logs nothing, set-based: the staged records that change a stored one
  // (the pages' rule), the unseen records the commit tombstones or deletes, and re-keyed records.
  // Parameters: $1 tenant, $2 run, $3 collection.
  const keepValuesWhere = (rows: string) => `UPDATE ${s}.changes c SET after = k.record FROM (${rows}) k
    WHERE c.tenant = $1 AND c.seq = k.seq AND c.after IS NULL`;
  const keepValuesOfStaged = keepValuesWhere(`SELECT r.logged_insert AS seq, r.record FROM ${s}.staged st
    JOIN ${s}.records r ON r.tenant = $1 AND r.collection = st.collection AND r.sourced_id = st.sourced_id
    WHERE st.run_seq = $2 AND st.collection = $3 AND r.logged_insert IS NOT NULL
    AND (r.hash IS DISTINCT FROM st.hash OR st.status = 'tobedeleted')`);
  const keepValuesOfUnseen = keepValuesWhere(`SELECT r.logged_insert AS seq, r.record FROM ${s}.records r
    WHERE r.tenant = $1 AND r.collection = $3 AND r.logged_insert IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM ${s}.staged st
      WHERE st.run_seq = $2 AND st.collection = $3 AND st.sourced_id = r.sourced_id)`);
  // Parameters: $1 tenant, $2 collection, $3 the new ids of the renamed records.
  const keepValuesOfRenamed = keepValuesWhere(`SELECT r.logged_insert AS seq, r.record FROM ${s}.records r
    WHERE r.tenant = $1 AND r.collection = $2 AND r.logged_insert IS NOT NULL AND r.sourced_id = ANY ($3::text[])`);

  const write = async (
    client: PoolClient,
    target: ChangeTarget,
    rows: readonly ChangeRow[],
    seq: number,
  ): Promise<number> => {
    if (rows.length === 0) return seq;
    const seqs = rows.map((_, index) => seq + index + 1);
    await client.query(insert, [
      target.tenant,
      target.runId,
      target.collection,
      target.at,
      seqs,
      rows.map((row) => row.sourcedId),
      rows.map((row) => row.op),
      rows.map((row) => JSON.stringify(row.changedFields)),
      rows.map((row) => row.before ?? null),
      rows.map((row) => row.after ?? null),
    ]);
    return seq + rows.length;
  };

  return {
    /**
     * Writes the change records of a commit. `renamed`: the re-keys applied, old id → new id.
     * Returns the seq the inserts are numbered after when they keep their values by reference (the
     * commit's insert then names them in the new rows), undefined with values none.
     */
    async log(
      client: PoolClient,
      staged: StagedCollection,
      target: ChangeTarget,
      policy: CommitPolicy & { changeLog: ChangeLogPolicy },
      renamed: ReadonlyMap<string, string>,
      nowMs: number,
      known: StagedDiff,
    ): Promise<number | undefined> {
      const values = policy.changeLog.values;
      // The row lock orders the commits of a tenant, whichever store handle runs them.
      const last = await queryRows<{ last_seq: string }>(
        client,
        `SELECT last_seq FROM ${s}.change_seq WHERE tenant = $1 FOR UPDATE`,
        [staged.tenant],
      );
      const start = Number(last[0]?.last_seq ?? 0);
      let seq = start;
      const renamedTo = new Set(renamed.values());
      if (renamed.size > 0) {
        // A re-keyed record leaves its old sourcedId: it sits under the new one until the apply.
        const stored = await queryRows<{ sourced_id: string; record: string; logged: string | null }>(
          client,
          `SELECT sourced_id, record::text AS record, logged_insert AS logged FROM ${s}.records
           WHERE tenant = $1 AND collection = $2 AND sourced_id = ANY ($3::text[])`,
          [staged.tenant, staged.collection, [...renamedTo]],
        );
        await keepValuesOf(client, staged.tenant, stored);
        const byId = new Map(stored.map((row) => [row.sourced_id, row.record]));
        const deletes: ChangeRow[] = [];
        for (const [from, to] of renamed) {
          const row = describeChange(from, byId.get(to), undefined, values);
          if (row !== undefined) deletes.push(row);
        }
        seq = await write(client, target, deletes, seq);
      }
      const base = [staged.tenant, staged.runSeq, staged.collection];
      const insertsAfter = seq;
      const inserted = await client.query(known.stored === 0 ? logFirstInserts : logInserts, [
        ...base,
        seq,
        target.runId,
        target.at,
        values !== 'none',
        policy.tombstones === 'keep',
      ]);
      seq += inserted.rowCount ?? 0;
      const deleteTombstones = policy.tombstones === 'delete';
      // With no staged record stored yet, every change is an insert, logged above.
      for (let after = ''; known.stored > 0; ) {
        const page = await queryRows<{
          sourced_id: string;
          status: string;
          after: string;
          before: string;
          logged: string | null;
        }>(client, stagedPage, [...base, after, CHANGE_PAGE_RECORDS, deleteTombstones]);
        await keepValuesOf(
          client,
          staged.tenant,
          page.map((entry) => ({ logged: entry.logged, record: entry.before })),
        );
        const rows: ChangeRow[] = [];
        for (const entry of page) {
          const before = renamedTo.has(entry.sourced_id) ? undefined : entry.before;
          const removed = deleteTombstones && entry.status === 'tobedeleted';
          const row = describeChange(entry.sourced_id, before, removed ? undefined : entry.after, values);
          if (row !== undefined) rows.push(row);
        }
        seq = await write(client, target, rows, seq);
        const lastEntry = page.at(-1);
        if (lastEntry === undefined || page.length < CHANGE_PAGE_RECORDS) break;
        after = lastEntry.sourced_id;
      }
      const noneUnseen = policy.unseen === 'tombstone' && known.mode === 'full' && known.diff.unseen === 0;
      if (policy.unseen !== 'keep' && !noneUnseen) {
        const deleteUnseen = policy.unseen === 'delete';
        for (let after = ''; ; ) {
          const page = await queryRows<{ sourced_id: string; record: string; logged: string | null }>(
            client,
            unseenPage,
            [...base, after, CHANGE_PAGE_RECORDS, deleteUnseen],
          );
          await keepValuesOf(client, staged.tenant, page);
          const rows: ChangeRow[] = [];
          for (const entry of page) {
            const before = renamedTo.has(entry.sourced_id) ? undefined : entry.record;
            const tombstoned = deleteUnseen
              ? undefined
              : canonicalJson({ ...parseJsonObject(entry.record), status: 'tobedeleted' });
            const row = describeChange(entry.sourced_id, before, tombstoned, values);
            if (row !== undefined) rows.push(row);
          }
          seq = await write(client, target, rows, seq);
          const lastEntry = page.at(-1);
          if (lastEntry === undefined || page.length < CHANGE_PAGE_RECORDS) break;
          after = lastEntry.sourced_id;
        }
      }
      if (seq !== start) {
        await client.query(
          `INSERT INTO ${s}.change_seq (tenant, last_seq) VALUES ($1, $2)
           ON CONFLICT (tenant) DO UPDATE SET last_seq = excluded.last_seq`,
          [staged.tenant, seq],
        );
      }
      const cutoff = pruneBefore(policy.changeLog, nowMs);
      if (cutoff !== undefined) {
        await client.query(`DELETE FROM ${s}.changes WHERE tenant = $1 AND at < $2`, [staged.tenant, cutoff]);
      }
      return values === 'none' ? undefined : insertsAfter;
    },

    /**
     * For a commit that logs nothing (`changeLog: false`): writes into the log the values of the
     * earlier inserts whose records this commit changes or removes. Call where `log` would be.
     */
    async keepValuesBeforeCommit(
      client: PoolClient,
      staged: StagedCollection,
      policy: CommitPolicy,
      renamed: ReadonlyMap<string, string>,
    ): Promise<void> {
      const logged = await client.query(`SELECT 1 FROM ${s}.changes WHERE tenant = $1 LIMIT 1`, [
        staged.tenant,
      ]);
      if (logged.rowCount === 0) return;
      const base = [staged.tenant, staged.runSeq, staged.collection];
      await client.query(keepValuesOfStaged, base);
      if (policy.unseen !== 'keep') await client.query(keepValuesOfUnseen, base);
      if (renamed.size > 0)
        await client.query(keepValuesOfRenamed, [staged.tenant, staged.collection, [...renamed.values()]]);
    },

    async read(db: Queryable, tenant: string, options: ReadChangesOptions): Promise<ChangeRecord[]> {
      const byCollection = options.collections === undefined ? '' : ' AND c.collection = ANY ($4::text[])';
      const params: unknown[] = [tenant, options.after ?? 0, options.limit];
      if (options.collections !== undefined) params.push([...options.collections]);
      const rows = await queryRows<ChangeRowSql>(
        db,
        `SELECT c.tenant, c.seq, c.run_id, c.collection, c.sourced_id, c.op, c.changed_fields, c.before,
           CASE WHEN c.after IS NULL AND c.changed_fields IS NULL THEN r.record ELSE c.after END AS after, c.at
         FROM ${s}.changes c
         LEFT JOIN ${s}.records r ON c.after IS NULL AND c.changed_fields IS NULL AND r.tenant = c.tenant
           AND r.collection = c.collection AND r.sourced_id = c.sourced_id AND r.logged_insert = c.seq
         WHERE c.tenant = $1 AND c.seq > $2${byCollection}
         ORDER BY c.seq LIMIT $3`,
        params,
      );
      for (const row of rows) {
        if (row.changed_fields === null && row.after === null) {
          // Only a write that bypassed the store (or a bug) changes a record without keeping its values.
          throw new Error(
            `change record ${row.seq} of ${row.tenant}: the record its insert refers to has changed`,
          );
        }
      }
      return rows.map((row) => ({
        seq: Number(row.seq),
        tenant: row.tenant,
        runId: row.run_id,
        collection: row.collection,
        sourcedId: row.sourced_id,
        op: parseChangeOp(row.op),
        changedFields: row.changed_fields ?? Object.keys(row.after ?? {}).sort(),
        ...(row.before === null ? {} : { before: row.before }),
        ...(row.after === null ? {} : { after: row.after }),
        at: row.at.toISOString(),
      }));
    },

    async prune(db: Queryable, tenant: string, olderThan: string): Promise<number> {
      const result = await db.query(`DELETE FROM ${s}.changes WHERE tenant = $1 AND at < $2`, [
        tenant,
        olderThan,
      ]);
      return result.rowCount ?? 0;
    },
  };
}
