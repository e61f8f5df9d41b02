import { createErrorGuard, OneRosterError } from '../../index.js';
import type { SyncRunStatus } from '../roster-store.js';

/**
 * `approveRun` or `rejectRun` named a run that is not awaiting review: unknown to the tenant, already
 * approved or rejected, or expired (`reviewExpiresAfterMs`), in which case nothing of it was committed
 * and the next sync pulls afresh.
 */
export class NotAwaitingReviewError extends OneRosterError {
  static override readonly kind = 'NotAwaitingReviewError';
  readonly tenant: string;
  readonly runId: string;
  /** The run's status now; undefined when the tenant has no such run. */
  readonly status: SyncRunStatus | undefined;

  constructor(details: { tenant: string; runId: string; status: SyncRunStatus | undefined }) {
    const now = details.status === undefined ? 'the tenant has no such run' : `it is ${details.status}`;
    super(`Run ${details.runId} of tenant ${details.tenant} is not awaiting review: ${now}`);
    this.tenant = details.tenant;
    this.runId = details.runId;
    this.status = details.status;
  }
}

/** True for a {@link NotAwaitingReviewError}, also one thrown by another copy of this package. */
export const isNotAwaitingReviewError = createErrorGuard(NotAwaitingReviewError);
