/**
 * `oneroster/postgres`: the PostgreSQL roster store, on pg (an optional peer dependency).
 * @categoryDescription Stores
 * See the [stores](../../docs/stores.md#postgresql) guide.
 * @packageDocumentation
 * @module oneroster/postgres
 */

export {
  createPostgresConnectionStorage,
  type PostgresConnectionStorageOptions,
} from './postgres-connection-storage.js';
export {
  createPostgresStore,
  DEFAULT_CONNECTION_WAIT_MS,
  DEFAULT_POOL_SIZE_CONNECTIONS,
  type PostgresConnection,
  type PostgresStoreOptions,
} from './postgres-store.js';
