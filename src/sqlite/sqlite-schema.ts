import type Database from 'better-sqlite3';

/**
 * Each entry brings the schema from the previous version to its own; append, never edit, so every
 * database ever created can still migrate. Tables carry a `roster_` prefix so the store can share a
 * file with an application's own tables.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE roster_runs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    tenant TEXT NOT NULL,
    mode TEXT NOT NULL,
    dry_run INTEGER NOT NULL,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE INDEX roster_runs_by_tenant ON roster_runs (tenant, status, started_at);
  CREATE TABLE roster_run_collections (
    run_seq INTEGER NOT NULL,
    collection TEXT NOT NULL,
    PRIMARY KEY (run_seq, collection)
  );
  -- Record rows are large (about 650 bytes of JSON), so a rowid table with a unique index beats
  -- WITHOUT ROWID, which SQLite recommends only for rows under about 1/20 of a page.
  CREATE TABLE roster_records (
    tenant TEXT NOT NULL,
    collection TEXT NOT NULL,
    sourced_id TEXT NOT NULL,
    status TEXT NOT NULL,
    date_last_modified TEXT,
    hash TEXT,
    record TEXT NOT NULL
  );
  CREATE UNIQUE INDEX roster_records_key ON roster_records (tenant, collection, sourced_id);
  -- Serves count by status, iteration by status and the unseen scan of a full commit.
  CREATE INDEX roster_records_by_status ON roster_records (tenant, collection, status, sourced_id);
  -- Append-only: a unique index on sourcedId would cost a random B-tree write per record (3 to 9 times
  -- slower staging when a provider pages in no sourcedId order). The last version of each sourcedId
  -- (highest seq) wins, resolved once per diff or commit (see sqlite-commit.ts).
  CREATE TABLE roster_staged (
    seq INTEGER PRIMARY KEY,
    run_seq INTEGER NOT NULL,
    collection TEXT NOT NULL,
    sourced_id TEXT NOT NULL,
    status TEXT NOT NULL,
    date_last_modified TEXT,
    hash TEXT NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX roster_staged_by_run ON roster_staged (run_seq, collection);
  CREATE TABLE roster_checkpoints (
    tenant TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    data TEXT NOT NULL,
    saved_at TEXT NOT NULL
  );
  CREATE TABLE roster_watermarks (
    tenant TEXT NOT NULL,
    collection TEXT NOT NULL,
    watermark TEXT NOT NULL,
    PRIMARY KEY (tenant, collection)
  );
  CREATE TABLE roster_locks (
    tenant TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    token TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    acquired_at TEXT NOT NULL
  );
  `,
  // 2: the deletion guard's baseline per collection (see DeletionBaseline).
  `
  CREATE TABLE roster_baselines (
    tenant TEXT NOT NULL,
    collection TEXT NOT NULL,
    run_id TEXT NOT NULL,
    set_at TEXT NOT NULL,
    active INTEGER NOT NULL,
    retired_since INTEGER NOT NULL,
    PRIMARY KEY (tenant, collection)
  );
  `,
  // 3: the OneRoster version each run pulled with (SyncRun.version); earlier runs were all 1.1.
  `
  ALTER TABLE roster_runs ADD COLUMN version TEXT NOT NULL DEFAULT '1.1';
  `,
  // 4: the change log (ChangeRecord), its per-tenant counter, and each commit's counts (listRuns).
  `
  CREATE TABLE roster_changes (
    tenant TEXT NOT NULL,
    seq INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    collection TEXT NOT NULL,
    sourced_id TEXT NOT NULL,
    op TEXT NOT NULL,
    changed_fields TEXT NOT NULL,
    before TEXT,
    after TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (tenant, seq)
  );
  CREATE TABLE roster_change_seq (
    tenant TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
  );
  ALTER TABLE roster_run_collections ADD COLUMN counts TEXT;
  `,
  // 5: review before go-live: a run awaiting review keeps its staged records, and these
  // say since when, until when, and what approving it commits (the sync engine's JSON plan).
  `
  ALTER TABLE roster_runs ADD COLUMN held_at TEXT;
  ALTER TABLE roster_runs ADD COLUMN expires_at TEXT;
  ALTER TABLE roster_runs ADD COLUMN review_plan TEXT;
  `,
  // 6: an insert's values in the change log are its record, kept once: the record's row names the
  // change record (its seq) that reads them from it, until a commit changes the record and writes
  // them into the change record first (see sqlite-changes.ts).
  `
  ALTER TABLE roster_records ADD COLUMN logged_insert INTEGER;
  `,
];

/** The schema version this code writes. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to {@link SQLITE_SCHEMA_VERSION}. The write lock of an immediate transaction
 * makes two processes opening a new file at once migrate it once.
 */
export function migrateSqlite(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS roster_schema (version INTEGER NOT NULL)');
    const row = db.prepare<[], { version: number }>('SELECT version FROM roster_schema').get();
    const current = row?.version ?? 0;
    if (current > SQLITE_SCHEMA_VERSION) {
      throw new Error(
        `The roster database has schema version ${current}; this version of oneroster knows ${SQLITE_SCHEMA_VERSION}`,
      );
    }
    for (const migration of MIGRATIONS.slice(current)) db.exec(migration);
    if (row === undefined)
      db.prepare('INSERT INTO roster_schema (version) VALUES (?)').run(SQLITE_SCHEMA_VERSION);
    else db.prepare('UPDATE roster_schema SET version = ?').run(SQLITE_SCHEMA_VERSION);
  }).immediate();
}
