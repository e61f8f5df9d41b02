import {
  DEFAULT_DELETION_WINDOW_MS,
  DEFAULT_MAX_DELETE_FRACTION,
  type ResolvedDeletionGuard,
} from './resolve-sync-options.js';
import type { CollectionDiff, DeletionBaseline } from './roster-store.js';
import type { BlockedDeletion } from './sync-result.js';

/** What a commit of one collection would retire, given the diff and the unseen policy. */
export interface PlannedDeletion {
  /** Active records stored before the run. */
  readonly stored: number;
  /** The provider's tombstones of active records, plus unseen records when they are retired. */
  readonly wouldDelete: number;
  /** Distinct records the pull staged. */
  readonly staged: number;
  /** Records the pull received and quarantined as invalid. */
  readonly quarantined: number;
}

/** The guard as it is when the caller passes no `deletionGuard`. */
const DEFAULT_GUARD: ResolvedDeletionGuard = {
  maxDeleteFraction: DEFAULT_MAX_DELETE_FRACTION,
  allowEmpty: false,
  windowMs: DEFAULT_DELETION_WINDOW_MS,
};

/** Plans the retirements of a commit. Unseen records count only when the commit retires them. */
export function planDeletion(
  diff: CollectionDiff,
  stored: number,
  retiresUnseen: boolean,
  quarantined: number,
): PlannedDeletion {
  return {
    stored,
    wouldDelete: diff.tombstoned + (retiresUnseen ? diff.unseen : 0),
    staged: diff.staged,
    quarantined,
  };
}

/** The baseline the guard compares with: undefined when there is none or it is older than `windowMs`. */
export function baselineInWindow(
  baseline: DeletionBaseline | undefined,
  guard: ResolvedDeletionGuard | undefined,
  now: number,
): DeletionBaseline | undefined {
  if (baseline === undefined) return undefined;
  const ageMs = now - Date.parse(baseline.setAt);
  const windowMs = guard?.windowMs ?? DEFAULT_DELETION_WINDOW_MS;
  return Number.isNaN(ageMs) || ageMs >= windowMs ? undefined : baseline;
}

/**
 * The guard's verdict: undefined when the commit may go ahead. Two bases, checked in order:
 * - `previous-run`: against the active records stored before this run. An empty full pull of a
 *   collection the store holds is refused unless `allowEmpty` (outages answer that way), and so is a
 *   full pull whose every record was quarantined; otherwise the run may retire at most
 *   `maxDeleteFraction` of them. Provider tombstones count too: a provider bug that marks a whole
 *   school `tobedeleted` is the same disaster.
 * - `baseline`: what was retired since the baseline plus what this run retires, against the
 *   baseline's active count, so a provider that drops 9% a night trips a 10% guard on the second
 *   night. New records do not offset retired ones: growth must not hide erosion.
 */
export function checkDeletion(
  planned: PlannedDeletion,
  guard: ResolvedDeletionGuard | undefined,
  fullPull: boolean,
  baseline: DeletionBaseline | undefined,
): BlockedDeletion | undefined {
  if (guard === undefined) return undefined;
  const threshold = guard.maxDeleteFraction;
  const verdict = {
    stored: planned.stored,
    wouldDelete: planned.wouldDelete,
    threshold,
    quarantined: planned.quarantined,
    quarantineReasons: [],
  };
  if (planned.stored > 0) {
    const previous = {
      ...verdict,
      basis: 'previous-run' as const,
      fraction: planned.wouldDelete / planned.stored,
      baseline: undefined,
    };
    if (fullPull && planned.staged === 0) {
      // Every record arrived and failed validation: a broken provider, not an empty district.
      if (planned.quarantined > 0) return { reason: 'all-quarantined', ...previous };
      return guard.allowEmpty ? undefined : { reason: 'empty', ...previous };
    }
    if (previous.fraction > threshold) return { reason: 'fraction', ...previous };
  }
  if (baseline !== undefined && baseline.active > 0 && planned.wouldDelete > 0) {
    const fraction = (baseline.retiredSince + planned.wouldDelete) / baseline.active;
    if (fraction > threshold)
      return { reason: 'fraction', ...verdict, basis: 'baseline', fraction, baseline };
  }
  return undefined;
}

/**
 * What the commit does to the collection's baseline. It moves to this commit (`set`) when there is
 * none in the window, when the guard is off, when nothing was retired since it and nothing is now
 * (it follows growth), or when the caller accepted retirements the default guard would refuse by
 * passing a looser guard. Otherwise this run's retirements add up (`accumulate`).
 */
export function baselineMove(
  planned: PlannedDeletion,
  guard: ResolvedDeletionGuard | undefined,
  fullPull: boolean,
  baseline: DeletionBaseline | undefined,
): 'set' | 'accumulate' {
  if (guard === undefined || baseline === undefined) return 'set';
  if (baseline.retiredSince === 0 && planned.wouldDelete === 0) return 'set';
  return checkDeletion(planned, DEFAULT_GUARD, fullPull, baseline) === undefined ? 'accumulate' : 'set';
}
