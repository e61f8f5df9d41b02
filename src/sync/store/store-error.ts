import { createErrorGuard, isOneRosterError, OneRosterError } from '../../index.js';

/** The store whose database failed. */
export type StoreKind = 'sqlite' | 'postgres';

/** A PostgreSQL pool that had no connection free for a run within `connectionWaitMs`. */
export const POOL_EXHAUSTED_CODE = 'POOL_EXHAUSTED';

/** What {@link StoreError} reports: where it failed and the database's code, never a record's values. */
export interface StoreErrorDetails {
  readonly store: StoreKind;
  /** The store method that failed, e.g. `stage` or `commit`. */
  readonly operation: string;
  /**
   * The database's code: a PostgreSQL SQLSTATE (`23505`, `22P05`), a SQLite code
   * (`SQLITE_CONSTRAINT_CHECK`), a Node.js system code (`ECONNREFUSED`), or `POOL_EXHAUSTED`.
   */
  readonly code: string | undefined;
  readonly tenant?: string | undefined;
  readonly collection?: string | undefined;
  /** The constraint that failed, when the database names one (a name from the schema, not data). */
  readonly constraint?: string | undefined;
  /** `POOL_EXHAUSTED` only: the pool's size, in connections. */
  readonly poolSize?: number | undefined;
  /** `POOL_EXHAUSTED` only: how long the store waited for a connection, in milliseconds. */
  readonly waitedMs?: number | undefined;
}

const STORE_NAMES: Record<StoreKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function describe(details: StoreErrorDetails): string {
  const what =
    details.collection === undefined ? details.operation : `${details.operation} ${details.collection}`;
  const forTenant = details.tenant === undefined ? '' : ` for tenant ${details.tenant}`;
  const head = `The ${STORE_NAMES[details.store]} store could not ${what}${forTenant}`;
  if (details.code === POOL_EXHAUSTED_CODE) {
    return (
      `${head}: no pooled connection came free within ${details.waitedMs} ms. Each run in progress holds ` +
      `one of the pool's ${details.poolSize} connections; raise the pool size (pg's \`max\`) above the ` +
      'number of runs you start at once, or start fewer'
    );
  }
  const code = details.code === undefined ? '' : ` (${details.code})`;
  const constraint = details.constraint === undefined ? '' : `, constraint ${details.constraint}`;
  return `${head}${code}${constraint}`;
}

/**
 * A store's database failed. It keeps the database's `code` and the operation, and leaves out the
 * database's message, detail and context, and the original error: PostgreSQL and SQLite quote the
 * failing row there (`Failing row contains (...)`, `JSON data, line 1: ...`), which is a student's data.
 * @example
 * catch (error) {
 *   if (isStoreError(error) && error.code === '53100') alertOps('the roster database is out of disk');
 * }
 */
export class StoreError extends OneRosterError {
  static override readonly kind = 'StoreError';
  readonly store: StoreKind;
  readonly operation: string;
  readonly code: string | undefined;
  readonly tenant: string | undefined;
  readonly collection: string | undefined;
  readonly constraint: string | undefined;
  readonly poolSize: number | undefined;
  readonly waitedMs: number | undefined;

  constructor(details: StoreErrorDetails) {
    super(describe(details));
    this.store = details.store;
    this.operation = details.operation;
    this.code = details.code;
    this.tenant = details.tenant;
    this.collection = details.collection;
    this.constraint = details.constraint;
    this.poolSize = details.poolSize;
    this.waitedMs = details.waitedMs;
  }
}

/**
 * True for a {@link StoreError}, also one thrown by another copy of this package.
 * @example
 * if (isStoreError(error) && error.code === 'POOL_EXHAUSTED') console.warn(`pool of ${error.poolSize} is too small`);
 */
export const isStoreError = createErrorGuard(StoreError);

/** Where a store call failed, for {@link toStoreError}. */
export interface StoreCall {
  readonly store: StoreKind;
  readonly operation: string;
  readonly tenant?: string | undefined;
  readonly collection?: string | undefined;
}

/**
 * The driver's error as a {@link StoreError}; any other error as it is. Driver errors are the ones
 * with a string `code` (pg's DatabaseError, better-sqlite3's SqliteError, Node.js system errors);
 * the store's own errors (SyncRunInactiveError, a TypeError for an invalid record) carry none.
 */
export function toStoreError(error: unknown, call: StoreCall): unknown {
  if (typeof error !== 'object' || error === null || isOneRosterError(error)) return error;
  const field = (name: string): unknown => Reflect.get(error, name);
  const code = field('code');
  if (typeof code !== 'string') return error;
  const constraint = field('constraint');
  const poolSize = field('poolSize');
  const waitedMs = field('waitedMs');
  return new StoreError({
    ...call,
    code,
    ...(typeof constraint === 'string' ? { constraint } : {}),
    ...(typeof poolSize === 'number' ? { poolSize } : {}),
    ...(typeof waitedMs === 'number' ? { waitedMs } : {}),
  });
}
