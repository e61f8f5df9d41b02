import { createErrorGuard, OneRosterError } from '../../index.js';

/**
 * The run is not live in this store: it finished, was abandoned for a new run, was taken over by
 * another worker, or this store was closed. Whatever it would have written is refused, so a worker
 * that lost its run cannot change what the run's new owner stages.
 */
export class SyncRunInactiveError extends OneRosterError {
  static override readonly kind = 'SyncRunInactiveError';
  readonly tenant: string;
  readonly runId: string;

  constructor(details: { tenant: string; runId: string }) {
    super(`Run ${details.runId} of tenant ${details.tenant} is not live in this store`);
    this.tenant = details.tenant;
    this.runId = details.runId;
  }
}

/** True for a {@link SyncRunInactiveError}, also one thrown by another copy of this package. */
export const isSyncRunInactiveError = createErrorGuard(SyncRunInactiveError);
