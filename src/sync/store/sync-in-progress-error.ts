import { createErrorGuard, OneRosterError } from '../../index.js';

/**
 * A run of the tenant is live (in this process or another worker), or awaiting review, so another
 * cannot begin or resume: two runs of one district would interleave their batches and commit each
 * other's partial pulls, and a run over a held one would change the roster under its reviewer.
 */
export class SyncInProgressError extends OneRosterError {
  static override readonly kind = 'SyncInProgressError';
  readonly tenant: string;
  /** The live or held run, when the store can tell which one it is. */
  readonly runId: string | undefined;
  /** True when that run is awaiting review: approve or reject it (`approveRun`, `rejectRun`) first. */
  readonly awaitingReview: boolean;

  constructor(details: { tenant: string; runId?: string | undefined; awaitingReview?: boolean }) {
    const which = details.runId === undefined ? 'another run' : `run ${details.runId}`;
    super(
      details.awaitingReview === true
        ? `Tenant ${details.tenant} has ${which} awaiting review: approve or reject it first`
        : `Tenant ${details.tenant} is being synced by ${which}`,
    );
    this.tenant = details.tenant;
    this.runId = details.runId;
    this.awaitingReview = details.awaitingReview === true;
  }
}

/** True for a {@link SyncInProgressError}, also one thrown by another copy of this package. */
export const isSyncInProgressError = createErrorGuard(SyncInProgressError);
