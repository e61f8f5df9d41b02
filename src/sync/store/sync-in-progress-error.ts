import { createErrorGuard, OneRosterError } from '../../index.js';

/**
 * A run of the tenant is live (in this process or another worker), so another cannot begin or resume:
 * two runs of one district would interleave their batches and commit each other's partial pulls.
 */
export class SyncInProgressError extends OneRosterError {
  static override readonly kind = 'SyncInProgressError';
  readonly tenant: string;
  /** The live run, when the store can tell which one it is. */
  readonly runId: string | undefined;

  constructor(details: { tenant: string; runId?: string | undefined }) {
    const which = details.runId === undefined ? 'another run' : `run ${details.runId}`;
    super(`Tenant ${details.tenant} is being synced by ${which}`);
    this.tenant = details.tenant;
    this.runId = details.runId;
  }
}

/** True for a {@link SyncInProgressError}, also one thrown by another copy of this package. */
export const isSyncInProgressError = createErrorGuard(SyncInProgressError);
