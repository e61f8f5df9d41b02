/**
 * `oneroster/sqlite`: the embedded roster store, on better-sqlite3 (an optional peer dependency).
 * @categoryDescription Stores
 * See the [stores](../../docs/stores.md#sqlite) guide.
 * @packageDocumentation
 * @module oneroster/sqlite
 */

export {
  createSqliteConnectionStorage,
  type SqliteConnectionStorageOptions,
} from './sqlite-connection-storage.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
