import { createErrorGuard, OneRosterError } from '../../index.js';

/**
 * Why an erasure was refused: `run-live`, a run of the tenant is in progress (in this process or
 * another worker), and erasing under it would let its commit write the district back; `run-held`, a
 * run of the tenant awaits review, and approving it would write the district back.
 */
export type EraseRefusedReason = 'run-live' | 'run-held';

/** What {@link EraseRefusedError} reports. */
export interface EraseRefusedDetails {
  readonly reason: EraseRefusedReason;
  readonly tenant: string;
  /** The run in the way, when the store can tell which one it is. */
  readonly runId?: string | undefined;
}

/**
 * A store refused to erase a tenant's data (all of it, or single records) because a run of the
 * tenant is live or awaits review. Nothing was erased. Stop the run (or let it finish), or reject the
 * held run, then erase again.
 */
export class EraseRefusedError extends OneRosterError {
  static override readonly kind = 'EraseRefusedError';
  readonly reason: EraseRefusedReason;
  readonly tenant: string;
  readonly runId: string | undefined;

  constructor(details: EraseRefusedDetails) {
    const which = details.runId === undefined ? 'a run' : `run ${details.runId}`;
    const state = details.reason === 'run-held' ? 'awaits review (reject it first)' : 'is in progress';
    super(`Cannot erase tenant ${details.tenant}: ${which} of it ${state}; nothing was erased`);
    this.reason = details.reason;
    this.tenant = details.tenant;
    this.runId = details.runId;
  }
}

/** True for an {@link EraseRefusedError}, also one thrown by another copy of this package. */
export const isEraseRefusedError = createErrorGuard(EraseRefusedError);
