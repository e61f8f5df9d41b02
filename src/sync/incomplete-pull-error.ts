import { createErrorGuard, OneRosterError } from '../index.js';

/** Why a pull could not be trusted to delete from. */
export type IncompletePullReason =
  /** The collection kept changing under the pull (total or `x-perm-rev` moved) after every restart. */
  | 'drift'
  /** The pull ended with fewer (or more) distinct records than the provider's `X-Total-Count`. */
  | 'count-mismatch'
  /** The pull stopped before its end without an error. */
  | 'incomplete';

/**
 * A collection's pull ended without proof that it saw every record, so the run committed nothing of
 * it and failed: deleting the records it did not see would retire real ones. Retrying later is safe.
 * @example
 * catch (error) {
 *   if (isIncompletePullError(error)) console.warn(`${error.collection}: ${error.reason}, ${error.received}/${error.total}`);
 * }
 */
export class IncompletePullError extends OneRosterError {
  static override readonly kind = 'IncompletePullError';
  readonly reason: IncompletePullReason;
  readonly tenant: string;
  readonly collection: string;
  /** Distinct records received (duplicates left out). */
  readonly received: number;
  /** The provider's `X-Total-Count` at the end of the pull, when it sent one. */
  readonly total: number | undefined;
  /** Pulls made, the first one included. */
  readonly attempts: number;

  constructor(details: {
    reason: IncompletePullReason;
    tenant: string;
    collection: string;
    received: number;
    total: number | undefined;
    attempts: number;
  }) {
    const why = {
      drift: `it kept changing during ${details.attempts} pulls`,
      'count-mismatch': `${details.received} records arrived but the provider counts ${details.total}`,
      incomplete: 'the pull stopped before its end',
    }[details.reason];
    super(`Sync of ${details.collection} for tenant ${details.tenant} committed nothing: ${why}`);
    this.reason = details.reason;
    this.tenant = details.tenant;
    this.collection = details.collection;
    this.received = details.received;
    this.total = details.total;
    this.attempts = details.attempts;
  }
}

/**
 * True for an {@link IncompletePullError}, also one thrown by another copy of this package.
 * @example
 * if (isIncompletePullError(error) && error.reason === 'drift') scheduleRetry();
 */
export const isIncompletePullError = createErrorGuard(IncompletePullError);
