import type Database from 'better-sqlite3';
import type { ConnectionRow, ConnectionStorage } from '../sync/connection-storage.js';
import { loadDriver } from '../sync/store/load-driver.js';
import { toStoreError } from '../sync/store/store-error.js';
import type { JsonValue } from '../sync/store/store-types.js';

/** As the roster store: how long a write waits for another process's transaction. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The registry's own migrations, versioned apart from the roster's (`roster_schema`), so either can
 * change without the other. Append, never edit. BINARY collation (the default) orders tenants by
 * code point, as the other storages do.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE roster_connections (
    tenant TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    settings TEXT NOT NULL,
    secrets TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL
  );
  CREATE TABLE roster_registry_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];

interface Row {
  tenant: string;
  status: string;
  settings: string;
  secrets: string;
  state: string;
  created_at: string;
  updated_at: string;
  revision: number;
}

function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS roster_registry_schema (version INTEGER NOT NULL)');
    const row = db.prepare<[], { version: number }>('SELECT version FROM roster_registry_schema').get();
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `The connection registry has schema version ${current}; this version of oneroster knows ${MIGRATIONS.length}`,
      );
    }
    for (const migration of MIGRATIONS.slice(current)) db.exec(migration);
    if (row === undefined) {
      db.prepare('INSERT INTO roster_registry_schema (version) VALUES (?)').run(MIGRATIONS.length);
    } else db.prepare('UPDATE roster_registry_schema SET version = ?').run(MIGRATIONS.length);
  }).immediate();
}

function fromRow(row: Row): ConnectionRow {
  const parse = (text: string): JsonValue => JSON.parse(text);
  return {
    tenant: row.tenant,
    status: row.status,
    settings: parse(row.settings),
    secrets: parse(row.secrets),
    state: parse(row.state),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  };
}

/** Where {@link createSqliteConnectionStorage} keeps the registry. */
export type SqliteConnectionStorageOptions =
  /** The roster store's file (the `path` given to `createSqliteStore`); opened and closed by the storage. */
  | { path: string }
  /** A better-sqlite3 handle you opened (and close) yourself. */
  | { database: Database.Database };

/**
 * The connection registry's storage in a SQLite file, beside the roster store's tables
 * (`roster_connections`, `roster_registry_settings`, versioned in `roster_registry_schema`). Give it
 * the same file as `createSqliteStore`. It opens its own handle on the file (WAL, as the store), so
 * any number of processes on the machine may use it.
 * @throws `MissingDependencyError` (`oneroster/sync`) when given a `path` and better-sqlite3 is not installed.
 * @example
 * const store = createSqliteStore({ path: './roster.db' });
 * const storage = createSqliteConnectionStorage({ path: './roster.db' });
 * const registry = createConnectionRegistry({ store, storage, keys: localKeyProviderFromEnv() });
 */
export function createSqliteConnectionStorage(options: SqliteConnectionStorageOptions): ConnectionStorage {
  const ownsDatabase = 'path' in options;
  const db = 'path' in options ? openDatabase(options.path) : options.database;
  try {
    migrate(db);
  } catch (error) {
    if (ownsDatabase) db.close();
    throw toStoreError(error, { store: 'sqlite', operation: 'migrateConnections' });
  }
  const insert = db.prepare<[Row]>(
    `INSERT INTO roster_connections (tenant, status, settings, secrets, state, created_at, updated_at, revision)
     VALUES (@tenant, @status, @settings, @secrets, @state, @created_at, @updated_at, @revision)
     ON CONFLICT (tenant) DO NOTHING`,
  );
  const get = db.prepare<[string], Row>('SELECT * FROM roster_connections WHERE tenant = ?');
  const list = db.prepare<[], Row>('SELECT * FROM roster_connections ORDER BY tenant');
  const replace = db.prepare<[Row & { expected: number }]>(
    `UPDATE roster_connections SET status = @status, settings = @settings, secrets = @secrets, state = @state,
     created_at = @created_at, updated_at = @updated_at, revision = @revision
     WHERE tenant = @tenant AND revision = @expected`,
  );
  const remove = db.prepare<[string]>('DELETE FROM roster_connections WHERE tenant = ?');
  const readSetting = db.prepare<[string], { value: string }>(
    'SELECT value FROM roster_registry_settings WHERE name = ?',
  );
  const writeSetting = db.prepare<[string, string]>(
    `INSERT INTO roster_registry_settings (name, value) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
  );
  const removeSetting = db.prepare<[string]>('DELETE FROM roster_registry_settings WHERE name = ?');
  const toRow = (row: Omit<ConnectionRow, 'revision'>, revision: number): Row => ({
    tenant: row.tenant,
    status: row.status,
    settings: JSON.stringify(row.settings),
    secrets: JSON.stringify(row.secrets),
    state: JSON.stringify(row.state),
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    revision,
  });
  let closed = false;
  const guard = <T>(operation: string, tenant: string | undefined, work: () => T): Promise<T> => {
    try {
      if (closed) throw new Error('This SQLite connection storage is closed');
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(toStoreError(error, { store: 'sqlite', operation, tenant }));
    }
  };

  return {
    insert: (row) => guard('insertConnection', row.tenant, () => insert.run(toRow(row, 1)).changes === 1),
    get: (tenant) =>
      guard('getConnection', tenant, () => {
        const row = get.get(tenant);
        return row === undefined ? undefined : fromRow(row);
      }),
    list: () => guard('listConnections', undefined, () => list.all().map(fromRow)),
    replace: (row) =>
      guard(
        'replaceConnection',
        row.tenant,
        () => replace.run({ ...toRow(row, row.revision + 1), expected: row.revision }).changes === 1,
      ),
    delete: (tenant) => guard('deleteConnection', tenant, () => remove.run(tenant).changes === 1),
    readSetting: (name) =>
      guard('readSetting', undefined, () => {
        const row = readSetting.get(name);
        const value: JsonValue | undefined = row === undefined ? undefined : JSON.parse(row.value);
        return value;
      }),
    writeSetting: (name, value) =>
      guard('writeSetting', undefined, () => {
        if (value === undefined) removeSetting.run(name);
        else writeSetting.run(name, JSON.stringify(value));
      }),
    async close() {
      if (closed) return;
      closed = true;
      if (ownsDatabase) db.close();
    },
  };
}

function openDatabase(path: string): Database.Database {
  const BetterSqlite = loadDriver<typeof Database>('better-sqlite3', 'oneroster/sqlite');
  const db = new BetterSqlite(path, { timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // As the roster store's handle: a removed connection's sealed secret does not linger in free pages.
  db.pragma('secure_delete = ON');
  return db;
}
