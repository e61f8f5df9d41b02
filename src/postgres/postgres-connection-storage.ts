import type pg from 'pg';
import type { PoolClient } from 'pg';
import type { ConnectionRow, ConnectionStorage } from '../sync/connection-storage.js';
import { loadDriver } from '../sync/store/load-driver.js';
import { toStoreError } from '../sync/store/store-error.js';
import type { JsonValue } from '../sync/store/store-types.js';
import { createPoolAccess } from './pool-access.js';
import { quoteSchema } from './postgres-schema.js';
import {
  DEFAULT_CONNECTION_WAIT_MS,
  DEFAULT_POOL_SIZE_CONNECTIONS,
  type PostgresConnection,
} from './postgres-store.js';
import { inTransaction, queryRows } from './query.js';

/**
 * The registry's own migrations, versioned apart from the roster's (`schema_version`). Append, never
 * edit; `{s}` is the quoted schema. Documents are jsonb; the tenant uses the "C" collation, so
 * listing is in code point order as in the other storages.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE {s}.connections (
    tenant text COLLATE "C" PRIMARY KEY,
    status text NOT NULL,
    settings jsonb NOT NULL,
    secrets jsonb NOT NULL,
    state jsonb NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    revision integer NOT NULL
  );
  CREATE TABLE {s}.registry_settings (
    name text PRIMARY KEY,
    value jsonb NOT NULL
  );
  `,
];

/** Under a transaction-level advisory lock, so workers starting together migrate once. */
async function migrate(client: PoolClient, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `oneroster:migrate:${schema}`,
    ]);
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.registry_schema_version (version integer NOT NULL)`);
    const rows = await queryRows<{ version: number }>(
      client,
      `SELECT version FROM ${s}.registry_schema_version`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `Schema ${schema} has connection registry version ${current}; this version of oneroster knows ${MIGRATIONS.length}`,
      );
    }
    for (const migration of MIGRATIONS.slice(current)) await client.query(migration.replaceAll('{s}', s));
    if (rows.length === 0) {
      await client.query(`INSERT INTO ${s}.registry_schema_version (version) VALUES ($1)`, [
        MIGRATIONS.length,
      ]);
    } else if (current !== MIGRATIONS.length) {
      await client.query(`UPDATE ${s}.registry_schema_version SET version = $1`, [MIGRATIONS.length]);
    }
  });
}

interface Row {
  tenant: string;
  status: string;
  settings: JsonValue;
  secrets: JsonValue;
  state: JsonValue;
  created_at: string;
  updated_at: string;
  revision: number;
}

function fromRow(row: Row): ConnectionRow {
  return {
    tenant: row.tenant,
    status: row.status,
    settings: row.settings,
    secrets: row.secrets,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  };
}

/** Options of {@link createPostgresConnectionStorage}. */
export interface PostgresConnectionStorageOptions {
  /**
   * The schema of the roster store (the `schema` given to `createPostgresStore`); created on first use.
   * @default 'oneroster'
   */
  schema?: string;
}

/**
 * The connection registry's storage in PostgreSQL, in the roster store's schema (tables
 * `connections` and `registry_settings`, versioned in `registry_schema_version`), created on first
 * use. Pass the store's own pool (`{ pool }`) to share its connections; a storage made from a
 * `connectionString` opens a pool of its own and ends it on `close()`.
 * @throws `MissingDependencyError` (`oneroster/sync`) when given a `connectionString` and pg is not installed.
 * @example
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = createPostgresStore({ pool });
 * const storage = createPostgresConnectionStorage({ pool });
 * const registry = createConnectionRegistry({ store, storage, keys: localKeyProviderFromEnv() });
 */
export function createPostgresConnectionStorage(
  connection: PostgresConnection,
  options: PostgresConnectionStorageOptions = {},
): ConnectionStorage {
  const schema = options.schema ?? 'oneroster';
  const s = quoteSchema(schema);
  const ownsPool = !('pool' in connection);
  const pool = 'pool' in connection ? connection.pool : createOwnPool(connection.connectionString);
  if (ownsPool) pool.on('error', () => undefined);
  const access = createPoolAccess(pool, DEFAULT_CONNECTION_WAIT_MS);
  let migrated: Promise<void> | undefined;
  let closed = false;
  const ready = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('This PostgreSQL connection storage is closed'));
    migrated ??= access
      .withClient((client) => migrate(client, schema))
      .catch((error: unknown) => {
        migrated = undefined;
        throw error;
      });
    return migrated;
  };
  const run = async <R extends pg.QueryResultRow>(
    operation: string,
    tenant: string | undefined,
    sql: string,
    params: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number }> => {
    try {
      await ready();
      const result = await access.withClient((client) => client.query<R>(sql, [...params]));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw toStoreError(error, { store: 'postgres', operation, tenant });
    }
  };
  const json = (value: JsonValue): string => JSON.stringify(value);
  const columns = 'tenant, status, settings, secrets, state, created_at, updated_at, revision';

  return {
    async insert(row) {
      const result = await run(
        'insertConnection',
        row.tenant,
        `INSERT INTO ${s}.connections (${columns}) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6, $7, 1)
         ON CONFLICT (tenant) DO NOTHING`,
        [
          row.tenant,
          row.status,
          json(row.settings),
          json(row.secrets),
          json(row.state),
          row.createdAt,
          row.updatedAt,
        ],
      );
      return result.rowCount === 1;
    },
    async get(tenant) {
      const result = await run<Row>(
        'getConnection',
        tenant,
        `SELECT ${columns} FROM ${s}.connections WHERE tenant = $1`,
        [tenant],
      );
      const row = result.rows[0];
      return row === undefined ? undefined : fromRow(row);
    },
    async list() {
      const result = await run<Row>(
        'listConnections',
        undefined,
        `SELECT ${columns} FROM ${s}.connections ORDER BY tenant`,
        [],
      );
      return result.rows.map(fromRow);
    },
    async replace(row) {
      const result = await run(
        'replaceConnection',
        row.tenant,
        `UPDATE ${s}.connections SET status = $2, settings = $3::jsonb, secrets = $4::jsonb, state = $5::jsonb,
         created_at = $6, updated_at = $7, revision = revision + 1 WHERE tenant = $1 AND revision = $8`,
        [
          row.tenant,
          row.status,
          json(row.settings),
          json(row.secrets),
          json(row.state),
          row.createdAt,
          row.updatedAt,
          row.revision,
        ],
      );
      return result.rowCount === 1;
    },
    async delete(tenant) {
      const result = await run('deleteConnection', tenant, `DELETE FROM ${s}.connections WHERE tenant = $1`, [
        tenant,
      ]);
      return result.rowCount === 1;
    },
    async readSetting(name) {
      const result = await run<{ value: JsonValue }>(
        'readSetting',
        undefined,
        `SELECT value FROM ${s}.registry_settings WHERE name = $1`,
        [name],
      );
      return result.rows[0]?.value;
    },
    async writeSetting(name, value) {
      if (value === undefined) {
        await run('writeSetting', undefined, `DELETE FROM ${s}.registry_settings WHERE name = $1`, [name]);
        return;
      }
      await run(
        'writeSetting',
        undefined,
        `INSERT INTO ${s}.registry_settings (name, value) VALUES ($1, $2::jsonb)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
        [name, json(value)],
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      // Waits for a migration in flight, so ending the pool never cuts one off.
      await migrated?.catch(() => undefined);
      if (ownsPool) await pool.end();
    },
  };
}

/** The storage's own pool; pg is loaded only here. */
function createOwnPool(connectionString: string): pg.Pool {
  const { Pool } = loadDriver<typeof pg>('pg', 'oneroster/postgres');
  return new Pool({ connectionString, max: DEFAULT_POOL_SIZE_CONNECTIONS });
}
