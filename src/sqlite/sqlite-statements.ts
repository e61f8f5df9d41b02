import type Database from 'better-sqlite3';
import type { LockRow } from './run-lock.js';

/** A run row as stored. */
export interface RunRow {
  seq: number;
  id: string;
  tenant: string;
  mode: string;
  dry_run: number;
  version: string;
  status: string;
  started_at: string;
  finished_at: string | null;
}

type Row = Record<string, string | number | null>;
type Params = (string | number | null)[];

/** The part of a better-sqlite3 statement the store uses. */
export interface SqliteStatement<P extends Params, R> {
  run(...params: P): Database.RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

/**
 * Rows per multi-row staging INSERT: measured twice as fast as one row per statement, and faster
 * than 100 rows per statement. 25 rows of 7 columns stay far under SQLite's 32,766 parameters.
 */
export const STAGE_ROWS_PER_STATEMENT = 25;

/** Staging appends; re-staging a sourcedId appends a newer version that wins at commit. */
function stageSql(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO roster_staged (run_seq, collection, sourced_id, status, date_last_modified, hash, record)
    VALUES ${values}`;
}

/** Every statement the store runs, prepared once per database handle. */
export function prepareStatements(db: Database.Database) {
  const prepare = <P extends Params, R = Row>(sql: string): SqliteStatement<P, R> => db.prepare<P, R>(sql);
  const runColumns = 'seq, id, tenant, mode, dry_run, version, status, started_at, finished_at';
  return {
    runById: prepare<[string, string], RunRow>(
      `SELECT ${runColumns} FROM roster_runs WHERE id = ? AND tenant = ?`,
    ),
    heldRuns: prepare<[string], RunRow & { held_at: string; expires_at: string; review_plan: string }>(
      `SELECT ${runColumns}, held_at, expires_at, review_plan FROM roster_runs
       WHERE tenant = ? AND status = 'awaiting-review'`,
    ),
    holdRun: prepare<[string, string, string, number]>(
      `UPDATE roster_runs SET status = 'awaiting-review', held_at = ?, expires_at = ?, review_plan = ?
       WHERE seq = ?`,
    ),
    takeHeldRun: prepare<[number]>(
      `UPDATE roster_runs SET status = 'running', held_at = NULL, expires_at = NULL, review_plan = NULL
       WHERE seq = ? AND status = 'awaiting-review'`,
    ),
    runningRuns: prepare<[string], RunRow>(
      `SELECT ${runColumns} FROM roster_runs WHERE tenant = ? AND status = 'running'`,
    ),
    lastFullRun: prepare<[string], RunRow>(
      `SELECT ${runColumns} FROM roster_runs WHERE tenant = ? AND status = 'succeeded' AND mode = 'full'
       AND dry_run = 0 ORDER BY started_at DESC, seq DESC LIMIT 1`,
    ),
    insertRun: prepare<[string, string, string, number, string, string]>(
      `INSERT INTO roster_runs (id, tenant, mode, dry_run, version, status, started_at)
       VALUES (?, ?, ?, ?, ?, 'running', ?)`,
    ),
    endRun: prepare<[string, string | null, number]>(
      `UPDATE roster_runs SET status = ?, finished_at = ?, held_at = NULL, expires_at = NULL,
       review_plan = NULL WHERE seq = ?`,
    ),
    committedOf: prepare<[number], { collection: string }>(
      'SELECT collection FROM roster_run_collections WHERE run_seq = ? ORDER BY rowid',
    ),
    isCommitted: prepare<[number, string], { one: number }>(
      'SELECT 1 AS one FROM roster_run_collections WHERE run_seq = ? AND collection = ?',
    ),
    markCommitted: prepare<[number, string, string]>(
      'INSERT INTO roster_run_collections (run_seq, collection, counts) VALUES (?, ?, ?)',
    ),
    countsOf: prepare<[number], { collection: string; counts: string | null }>(
      'SELECT collection, counts FROM roster_run_collections WHERE run_seq = ? ORDER BY rowid',
    ),
    // A negative LIMIT is no limit in SQLite.
    runsOf: prepare<[string, number], RunRow>(
      `SELECT ${runColumns} FROM roster_runs WHERE tenant = ? ORDER BY started_at DESC, seq DESC LIMIT ?`,
    ),

    lockOf: prepare<[string], LockRow>('SELECT run_id, token, pid, host FROM roster_locks WHERE tenant = ?'),
    takeLock: prepare<[string, string, string, number, string, string]>(
      `INSERT INTO roster_locks (tenant, run_id, token, pid, host, acquired_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant) DO UPDATE SET run_id = excluded.run_id, token = excluded.token, pid = excluded.pid,
       host = excluded.host, acquired_at = excluded.acquired_at`,
    ),
    dropLock: prepare<[string, string]>('DELETE FROM roster_locks WHERE tenant = ? AND token = ?'),

    stageOne: prepare<Params>(stageSql(1)),
    stageMany: prepare<Params>(stageSql(STAGE_ROWS_PER_STATEMENT)),
    discardCollection: prepare<[number, string]>(
      'DELETE FROM roster_staged WHERE run_seq = ? AND collection = ?',
    ),
    // Whether the staging holds any row but those of this run's collection: four reads of the ends of
    // roster_staged_by_run. When it holds none, which is the rule (every commit drops its staging),
    // discardAll empties it through SQLite's truncate optimisation, which frees whole pages (zeroed,
    // with secure_delete) instead of deleting row by row from the table and its index.
    stagedBeyond: prepare<[number, string], { beyond: number }>(
      `WITH k (run_seq, collection) AS (SELECT ?, ?) SELECT coalesce(
        (SELECT min(run_seq) FROM roster_staged) <> k.run_seq
        OR (SELECT max(run_seq) FROM roster_staged) <> k.run_seq
        OR (SELECT collection FROM roster_staged s WHERE s.run_seq = k.run_seq ORDER BY collection LIMIT 1) <> k.collection
        OR (SELECT collection FROM roster_staged s WHERE s.run_seq = k.run_seq ORDER BY collection DESC LIMIT 1) <> k.collection,
        0) AS beyond FROM k`,
    ),
    discardAll: prepare<[]>('DELETE FROM roster_staged'),
    discardRun: prepare<[number]>('DELETE FROM roster_staged WHERE run_seq = ?'),
    // The last version of each sourcedId: SQLite gives a bare column the row of its group's max().
    checkpointOf: prepare<[string], { run_id: string; data: string; saved_at: string }>(
      'SELECT run_id, data, saved_at FROM roster_checkpoints WHERE tenant = ?',
    ),
    saveCheckpoint: prepare<[string, string, string, string]>(
      `INSERT INTO roster_checkpoints (tenant, run_id, data, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant) DO UPDATE SET run_id = excluded.run_id, data = excluded.data, saved_at = excluded.saved_at`,
    ),
    dropCheckpoint: prepare<[string, string]>(
      'DELETE FROM roster_checkpoints WHERE tenant = ? AND run_id = ?',
    ),

    watermarkOf: prepare<[string, string], { watermark: string }>(
      'SELECT watermark FROM roster_watermarks WHERE tenant = ? AND collection = ?',
    ),
    setWatermark: prepare<[string, string, string]>(
      `INSERT INTO roster_watermarks (tenant, collection, watermark) VALUES (?, ?, ?)
       ON CONFLICT (tenant, collection) DO UPDATE SET watermark = excluded.watermark`,
    ),
    clearWatermark: prepare<[string, string]>(
      'DELETE FROM roster_watermarks WHERE tenant = ? AND collection = ?',
    ),

    baselineOf: prepare<
      [string, string],
      { run_id: string; set_at: string; active: number; retired_since: number }
    >(
      'SELECT run_id, set_at, active, retired_since FROM roster_baselines WHERE tenant = ? AND collection = ?',
    ),
    // The active count is read in the commit's transaction, after the commit's writes.
    // Parameters: tenant, collection, run id, time, then tenant and collection again.
    setBaseline: prepare<[string, string, string, string, string, string]>(
      `INSERT INTO roster_baselines (tenant, collection, run_id, set_at, active, retired_since)
       SELECT ?, ?, ?, ?, count(*), 0 FROM roster_records WHERE tenant = ? AND collection = ? AND status = 'active'
       ON CONFLICT (tenant, collection) DO UPDATE SET run_id = excluded.run_id, set_at = excluded.set_at,
       active = excluded.active, retired_since = 0`,
    ),
    accumulateBaseline: prepare<[number, string, string]>(
      'UPDATE roster_baselines SET retired_since = retired_since + ? WHERE tenant = ? AND collection = ?',
    ),

    count: prepare<[string, string], { total: number }>(
      'SELECT count(*) AS total FROM roster_records WHERE tenant = ? AND collection = ?',
    ),
    countByStatus: prepare<[string, string, string], { total: number }>(
      'SELECT count(*) AS total FROM roster_records WHERE tenant = ? AND collection = ? AND status = ?',
    ),
    record: prepare<[string, string, string], { record: string }>(
      'SELECT record FROM roster_records WHERE tenant = ? AND collection = ? AND sourced_id = ?',
    ),
    // Keyset pagination: each page is one short indexed query, so no statement stays open between
    // pages (better-sqlite3 refuses other statements while an iterator is open).
    page: prepare<[string, string, string, number], { sourced_id: string; record: string }>(
      `SELECT sourced_id, record FROM roster_records WHERE tenant = ? AND collection = ? AND sourced_id > ?
       ORDER BY sourced_id LIMIT ?`,
    ),
    pageByStatus: prepare<[string, string, string, string, number], { sourced_id: string; record: string }>(
      `SELECT sourced_id, record FROM roster_records WHERE tenant = ? AND collection = ? AND status = ?
       AND sourced_id > ? ORDER BY sourced_id LIMIT ?`,
    ),
  };
}

/** The prepared statements of one database handle. */
export type Statements = ReturnType<typeof prepareStatements>;
