/**
 * `oneroster/sqlite`: the embedded roster store, on better-sqlite3 (an optional peer dependency).
 * @packageDocumentation
 * @module oneroster/sqlite
 */

export { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
