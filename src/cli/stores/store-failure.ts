import type { StoreError } from '../../sync/store/store-error.js';

/** Database codes that mean the store could not be reached at all (Node.js system codes, SQLSTATE class 08). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '08001',
  '08004',
  '08006',
  '57P03',
]);
/** SQLSTATE 28000 (invalid authorization) and 28P01 (invalid password). */
const LOGIN_REFUSED_CODES = new Set(['28000', '28P01']);
/** SQLSTATE 3D000: the database named in the connection string does not exist. */
const NO_DATABASE_CODE = '3D000';

/**
 * A store's failure as the command line reports it: naming the store as `--store` gave it (without
 * its password), so a down database is not mistaken for a down provider.
 */
export class StoreFailure extends Error {
  override name = 'StoreFailure';
  /** The store for messages, e.g. `PostgreSQL postgres://roster@db/roster`. */
  readonly store: string;
  override readonly cause: StoreError;

  constructor(store: string, cause: StoreError) {
    super(describeStoreFailure(store, cause));
    this.store = store;
    this.cause = cause;
  }
}

/** One line: what failed in the store, and what to check. */
function describeStoreFailure(store: string, error: StoreError): string {
  const code = error.code ?? 'no code';
  if (error.code !== undefined && UNREACHABLE_CODES.has(error.code)) {
    return `Cannot reach the store (${store}): ${code}. Check --store, and that the database is running and reachable from here.`;
  }
  if (error.code !== undefined && LOGIN_REFUSED_CODES.has(error.code)) {
    return `The store refused the login (${store}): ${code}. Check the user and password of --store.`;
  }
  if (error.code === NO_DATABASE_CODE) {
    return `The store's database does not exist (${store}): ${code}. Create it, or correct --store.`;
  }
  const where = error.collection === undefined ? '' : ` on ${error.collection}`;
  const constraint = error.constraint === undefined ? '' : `, constraint ${error.constraint}`;
  return `The store failed${where} (${store}): ${code}${constraint}. The roster keeps its last complete state; check the database.`;
}
