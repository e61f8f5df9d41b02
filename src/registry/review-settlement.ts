import type { RosterStore } from '../sync/index.js';
import type { ReviewSettlement } from './connection-types.js';
import type { ParsedRow } from './parsed-row.js';

/** The run a connection waits on: its last outcome's, when that run was held for review. */
export function heldRunIdOf(parsed: ParsedRow): string | undefined {
  const outcome = parsed.state.lastOutcome;
  if (parsed.status !== 'awaiting-review' || outcome?.status !== 'held') return undefined;
  // A run held by the deletion guard has no run to approve: a person resumes the connection.
  if (outcome.review !== undefined) return undefined;
  return outcome.runId;
}

/**
 * How the store settled a run held for review, or undefined while it still waits (or is being
 * approved right now). Read through the store's public contract: `getHeldRun` first, which ends a
 * held run past its expiry, then the run's own status.
 */
export async function settlementOf(
  store: RosterStore,
  tenant: string,
  runId: string,
): Promise<ReviewSettlement | undefined> {
  const held = await store.getHeldRun(tenant);
  if (held?.run.id === runId) return undefined;
  const run = await store.getRun(tenant, runId);
  switch (run?.status) {
    case undefined:
    case 'running':
    case 'awaiting-review':
      // Unknown (the tenant was erased: a person decides), or taken by an approval in progress.
      return undefined;
    case 'succeeded':
      return 'approved';
    case 'rejected':
    case 'expired':
      return run.status;
    case 'failed':
    case 'aborted':
    case 'abandoned':
      return 'failed';
  }
}
