import type { PoolClient } from 'pg';

/** A schema name, checked and quoted: it is spliced into SQL, so only plain identifiers pass. */
export function quoteSchema(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(
      `Invalid PostgreSQL schema name ${JSON.stringify(schema)}: use letters, digits and _`,
    );
  }
  return `"${schema}"`;
}

/**
 * Each entry brings the schema from the previous version to its own; append, never edit. `{s}` is the
 * quoted schema. Key columns use the "C" collation so ordering is by code point, as in the other
 * stores, whatever the database's locale. Staging is a logged table on purpose: an UNLOGGED table is
 * emptied by a server crash while the checkpoint survives, and the resumed run would then commit a
 * partial pull.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE {s}.runs (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    tenant text NOT NULL,
    mode text NOT NULL,
    dry_run boolean NOT NULL,
    status text NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz
  );
  CREATE INDEX runs_by_tenant ON {s}.runs (tenant, status, started_at);
  CREATE TABLE {s}.run_collections (
    run_seq bigint NOT NULL,
    collection text NOT NULL,
    position bigserial,
    PRIMARY KEY (run_seq, collection)
  );
  CREATE TABLE {s}.records (
    tenant text COLLATE "C" NOT NULL,
    collection text COLLATE "C" NOT NULL,
    sourced_id text COLLATE "C" NOT NULL,
    status text NOT NULL,
    date_last_modified text,
    hash text,
    record jsonb NOT NULL,
    PRIMARY KEY (tenant, collection, sourced_id)
  );
  CREATE INDEX records_by_status ON {s}.records (tenant, collection, status, sourced_id);
  CREATE TABLE {s}.staged (
    run_seq bigint NOT NULL,
    collection text COLLATE "C" NOT NULL,
    sourced_id text COLLATE "C" NOT NULL,
    status text NOT NULL,
    date_last_modified text,
    hash text NOT NULL,
    record jsonb NOT NULL,
    PRIMARY KEY (run_seq, collection, sourced_id)
  );
  CREATE TABLE {s}.checkpoints (
    tenant text PRIMARY KEY,
    run_id text NOT NULL,
    data jsonb NOT NULL,
    saved_at timestamptz NOT NULL
  );
  CREATE TABLE {s}.watermarks (
    tenant text NOT NULL,
    collection text NOT NULL,
    watermark text NOT NULL,
    PRIMARY KEY (tenant, collection)
  );
  `,
  // 2: the deletion guard's baseline per collection (see DeletionBaseline).
  `
  CREATE TABLE {s}.baselines (
    tenant text NOT NULL,
    collection text NOT NULL,
    run_id text NOT NULL,
    set_at timestamptz NOT NULL,
    active integer NOT NULL,
    retired_since integer NOT NULL,
    PRIMARY KEY (tenant, collection)
  );
  `,
  // 3: the OneRoster version each run pulled with (SyncRun.version); earlier runs were all 1.1.
  `
  ALTER TABLE {s}.runs ADD COLUMN version text NOT NULL DEFAULT '1.1';
  `,
  // 4: the change log (ChangeRecord), its per-tenant counter, and each commit's counts (listRuns).
  `
  CREATE TABLE {s}.changes (
    tenant text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    run_id text NOT NULL,
    collection text COLLATE "C" NOT NULL,
    sourced_id text COLLATE "C" NOT NULL,
    op text NOT NULL,
    changed_fields jsonb NOT NULL,
    before jsonb,
    after jsonb,
    at timestamptz NOT NULL,
    PRIMARY KEY (tenant, seq)
  );
  CREATE TABLE {s}.change_seq (
    tenant text PRIMARY KEY,
    last_seq bigint NOT NULL
  );
  ALTER TABLE {s}.run_collections ADD COLUMN counts jsonb;
  `,
  // 5: review before go-live: a run awaiting review keeps its staged records, and these
  // say since when, until when, and what approving it commits (the sync engine's JSON plan).
  `
  ALTER TABLE {s}.runs ADD COLUMN held_at timestamptz, ADD COLUMN expires_at timestamptz,
    ADD COLUMN review_plan jsonb;
  `,
  // 6: an insert that keeps its record in the change log lists its changed fields when it is read
  // (they are the record's keys), not per record when the commit writes it.
  `
  ALTER TABLE {s}.changes ALTER COLUMN changed_fields DROP NOT NULL;
  `,
  // 7: an insert's values in the change log are its record, kept once: the record's row names the
  // change record (its seq) that reads them from it, until a commit changes the record and writes
  // them into the change record first (see postgres-changes.ts).
  `
  ALTER TABLE {s}.records ADD COLUMN logged_insert bigint;
  `,
];

/** The schema version this code writes. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Creates or migrates the store's tables, once, whichever worker gets there first: a transaction-level
 * advisory lock per schema makes the others wait, then find the schema current. DDL is transactional
 * in PostgreSQL, so a failed migration leaves nothing half done.
 */
export async function migratePostgres(client: PoolClient, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `oneroster:migrate:${schema}`,
    ]);
    // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_version (version integer NOT NULL)`);
    const result = await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_version`);
    const current = result.rows[0]?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new Error(
        `Schema ${schema} has roster schema version ${current}; this version of oneroster knows ${POSTGRES_SCHEMA_VERSION}`,
      );
    }
    for (const migration of MIGRATIONS.slice(current)) await client.query(migration.replaceAll('{s}', s));
    if (result.rows.length === 0) {
      await client.query(`INSERT INTO ${s}.schema_version (version) VALUES ($1)`, [POSTGRES_SCHEMA_VERSION]);
    } else if (current !== POSTGRES_SCHEMA_VERSION) {
      await client.query(`UPDATE ${s}.schema_version SET version = $1`, [POSTGRES_SCHEMA_VERSION]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
