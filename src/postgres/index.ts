/**
 * `oneroster/postgres`: the PostgreSQL roster store, on pg (an optional peer dependency).
 * @packageDocumentation
 */

export { createPostgresStore, type PostgresConnection, type PostgresStoreOptions } from './postgres-store.js';
