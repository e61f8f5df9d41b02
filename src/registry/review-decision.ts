import { isMassDeletionError, type RosterStore, type SyncOptions, type SyncResult } from '../sync/index.js';

/** Whether a run's end holds the connection for review, and why. */
export type ReviewDecision = { hold: false } | { hold: true; reason: 'mass-deletion' | 'review' };

/**
 * The one place that decides whether a run moves its connection to `awaiting-review` instead of
 * being retried: a tripped deletion guard (`MassDeletionError`) retried would trip again, and a run
 * the sync engine held for review waits for a person, not for a retry.
 */
export function reviewDecision(run: { error: unknown } | { result: SyncResult }): ReviewDecision {
  if ('error' in run)
    return isMassDeletionError(run.error) ? { hold: true, reason: 'mass-deletion' } : { hold: false };
  return run.result.status === 'awaiting-review' ? { hold: true, reason: 'review' } : { hold: false };
}

/**
 * The review a worker's run of a connection asks for: the caller's `sync.review` when it gives one;
 * otherwise `'always'` until the tenant has gone live (its first full run committed, which for a
 * reviewed tenant is its first approved one) and `'on-threshold'` after, so a district sees its
 * roster before go-live and a run that changes too much waits for a person afterwards.
 */
export async function reviewModeFor(
  store: RosterStore,
  tenant: string,
  given: SyncOptions['review'],
): Promise<NonNullable<SyncOptions['review']>> {
  if (given !== undefined) return given;
  return (await store.lastFullSync(tenant)) === undefined ? 'always' : 'on-threshold';
}
