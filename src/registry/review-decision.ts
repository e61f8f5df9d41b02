import { isMassDeletionError, type SyncResult } from '../sync/index.js';

/** Whether a run's end holds the connection for review, and why. */
export type ReviewDecision = { hold: false } | { hold: true; reason: 'mass-deletion' | 'review' };

/**
 * The one place that decides whether a run moves its connection to `awaiting-review` instead of
 * being retried: a tripped deletion guard (`MassDeletionError`) retried would trip again, and a run
 * the sync engine held for review waits for a person, not for a retry.
 */
// MERGE(issue16): review default 'always' until first approved run, 'on-threshold' after; result.status 'awaiting-review' → connection awaiting-review
export function reviewDecision(run: { error: unknown } | { result: SyncResult }): ReviewDecision {
  if ('error' in run)
    return isMassDeletionError(run.error) ? { hold: true, reason: 'mass-deletion' } : { hold: false };
  // The review step (issue 16) adds `status` to SyncResult; until then a result has none.
  const status: unknown = Reflect.get(run.result, 'status');
  return status === 'awaiting-review' ? { hold: true, reason: 'review' } : { hold: false };
}
