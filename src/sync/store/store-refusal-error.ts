import { createErrorGuard, OneRosterError } from '../../index.js';

/**
 * Why a store refused: `dry-run` (a dry run cannot commit), `delta-unseen` (a delta run cannot
 * tombstone or delete the records it did not stage: it sees only changed records), or
 * `already-committed` (the run already committed the collection; staging into it or committing it
 * again would commit a partial pull).
 */
export type StoreRefusalReason = 'dry-run' | 'delta-unseen' | 'already-committed';

/** What {@link StoreRefusalError} reports. */
export interface StoreRefusalDetails {
  readonly reason: StoreRefusalReason;
  readonly tenant: string;
  readonly runId: string;
  readonly collection: string;
  /** `delta-unseen` only: what the commit asked to do with unseen records. */
  readonly unseen?: 'tombstone' | 'delete' | undefined;
}

function describe(details: StoreRefusalDetails): string {
  const run = `Run ${details.runId} of tenant ${details.tenant}`;
  switch (details.reason) {
    case 'dry-run':
      return `${run} is a dry run: it cannot commit ${details.collection}`;
    case 'delta-unseen':
      return `${run} is a delta: it cannot ${details.unseen ?? 'retire'} unseen ${details.collection}, it only sees changed records`;
    case 'already-committed':
      return `${run} already committed ${details.collection}; begin a new run to sync it again`;
  }
}

/**
 * A store refused what no store may do, whatever its database: commit a dry run, retire unseen
 * records after a delta, or stage into or commit a collection the run already committed. Nothing was
 * written. It is a bug of the caller (the sync engine never asks for these), not a database failure
 * (that is `StoreError`).
 */
export class StoreRefusalError extends OneRosterError {
  static override readonly kind = 'StoreRefusalError';
  readonly reason: StoreRefusalReason;
  readonly tenant: string;
  readonly runId: string;
  readonly collection: string;
  readonly unseen: 'tombstone' | 'delete' | undefined;

  constructor(details: StoreRefusalDetails) {
    super(describe(details));
    this.reason = details.reason;
    this.tenant = details.tenant;
    this.runId = details.runId;
    this.collection = details.collection;
    this.unseen = details.unseen;
  }
}

/** True for a {@link StoreRefusalError}, also one thrown by another copy of this package. */
export const isStoreRefusalError = createErrorGuard(StoreRefusalError);
