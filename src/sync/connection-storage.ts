import type { JsonValue } from './store/store-types.js';

/**
 * One connection of the registry (`oneroster/registry`) as a store keeps it: a tenant, its status,
 * and three JSON documents the registry writes and reads back as they were. A store knows nothing
 * of what they hold: `secrets` holds sealed envelopes (AES-256-GCM, encrypted before they reach the
 * store), never a plaintext secret.
 */
export interface ConnectionRow {
  readonly tenant: string;
  /** `active`, `paused` or `awaiting-review`; a column of its own so operators can query it. */
  readonly status: string;
  /** The provider, auth settings (no secret), schedule, windows and limits. */
  readonly settings: JsonValue;
  /** The sealed secrets, by field (`clientSecret`, `consumerSecret`, `token`). */
  readonly secrets: JsonValue;
  /** What the scheduler keeps: the last slot served, the last outcome, a requested run. */
  readonly state: JsonValue;
  /** ISO 8601 UTC, set by the registry. */
  readonly createdAt: string;
  /** ISO 8601 UTC, set by the registry on every write. */
  readonly updatedAt: string;
  /**
   * Counts the row's writes, from 1 when it is inserted; {@link ConnectionStorage.replace} writes only
   * over the revision it was read at, so two processes editing one connection never lose a write.
   */
  readonly revision: number;
}

/**
 * Where a connection registry keeps its rows: in the same database as the roster store. Every store
 * of this package offers one (`createMemoryConnectionStorage` in `oneroster/sync`,
 * `createSqliteConnectionStorage` in `oneroster/sqlite`, `createPostgresConnectionStorage` in
 * `oneroster/postgres`); write your own for another database. Rows go in and come out unchanged: a
 * storage neither reads nor validates the JSON documents, and every method is safe to call from
 * several processes at once.
 */
export interface ConnectionStorage {
  /**
   * Adds a row with revision 1.
   * @returns false (and changes nothing) when the tenant already has a row
   */
  insert(row: Omit<ConnectionRow, 'revision'>): Promise<boolean>;
  /** The tenant's row, or undefined. */
  get(tenant: string): Promise<ConnectionRow | undefined>;
  /** Every row, in tenant order (by code point). */
  list(): Promise<ConnectionRow[]>;
  /**
   * Writes `row` (its revision incremented) over the stored row of its tenant, only if the stored row
   * still has `row.revision`.
   * @returns false (and changes nothing) when the row changed since it was read, or is gone
   */
  replace(row: ConnectionRow): Promise<boolean>;
  /** @returns false when the tenant had no row */
  delete(tenant: string): Promise<boolean>;
  /** A setting of the registry (such as the per-host caps), shared by every process. */
  readSetting(name: string): Promise<JsonValue | undefined>;
  /** Saves a setting; undefined removes it. */
  writeSetting(name: string, value: JsonValue | undefined): Promise<void>;
  /** Releases what the storage opened itself (idempotent); a database handle it was given stays open. */
  close(): Promise<void>;
}
