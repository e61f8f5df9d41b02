import type { ResolvedDeletionGuard } from './resolve-sync-options.js';
import type { CollectionDiff } from './roster-store.js';
import type { BlockedDeletion } from './sync-result.js';

/** What a commit of one collection would retire, given the diff and the unseen policy. */
export interface PlannedDeletion {
  /** Active records stored before the run. */
  readonly stored: number;
  /** The provider's tombstones of active records, plus unseen records when they are retired. */
  readonly wouldDelete: number;
  /** Distinct records the pull staged. */
  readonly staged: number;
}

/** Plans the retirements of a commit. Unseen records count only when the commit retires them. */
export function planDeletion(diff: CollectionDiff, stored: number, retiresUnseen: boolean): PlannedDeletion {
  return {
    stored,
    wouldDelete: diff.tombstoned + (retiresUnseen ? diff.unseen : 0),
    staged: diff.staged,
  };
}

/**
 * The guard's verdict: undefined when the commit may go ahead. An empty full pull of a collection
 * the store holds is refused unless `allowEmpty` (outages answer that way); otherwise a commit may
 * retire at most `maxDeleteFraction` of the stored active records. Explicit provider tombstones
 * count too: a provider bug that marks a whole school `tobedeleted` is the same disaster.
 */
export function checkDeletion(
  planned: PlannedDeletion,
  guard: ResolvedDeletionGuard | undefined,
  fullPull: boolean,
): BlockedDeletion | undefined {
  if (guard === undefined || planned.stored === 0) return undefined;
  const fraction = planned.wouldDelete / planned.stored;
  const verdict = { stored: planned.stored, wouldDelete: planned.wouldDelete, fraction };
  if (fullPull && planned.staged === 0) {
    return guard.allowEmpty ? undefined : { reason: 'empty', ...verdict, threshold: guard.maxDeleteFraction };
  }
  if (fraction > guard.maxDeleteFraction) {
    return { reason: 'fraction', ...verdict, threshold: guard.maxDeleteFraction };
  }
  return undefined;
}
