import { createErrorGuard, OneRosterError } from '../index.js';
import type { DeletionBaseline } from './roster-store.js';
import type { BlockedDeletion, BlockedDeletionReason, DeletionGuardBasis } from './sync-result.js';

/**
 * What {@link MassDeletionError} reports: enough to decide whether to override the guard. The fields
 * added with the baseline may be left out: `basis` is then `previous-run`, with no baseline and
 * nothing quarantined.
 */
export interface MassDeletionDetails
  extends Omit<BlockedDeletion, 'basis' | 'baseline' | 'quarantined' | 'quarantineReasons'>,
    Partial<Pick<BlockedDeletion, 'basis' | 'baseline' | 'quarantined' | 'quarantineReasons'>> {
  readonly tenant: string;
  readonly collection: string;
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

type FullDetails = BlockedDeletion & { readonly tenant: string; readonly collection: string };

function explain(details: FullDetails): string {
  const { collection, stored, wouldDelete, threshold } = details;
  switch (details.reason) {
    case 'empty':
      return `the provider sent no ${collection} while ${stored} are stored`;
    case 'all-quarantined': {
      const reasons =
        details.quarantineReasons.length === 0 ? '' : ` (${details.quarantineReasons.join('; ')})`;
      return (
        `${details.quarantined} ${collection} arrived and all were quarantined as invalid${reasons}, ` +
        `so none could be staged while ${stored} are stored`
      );
    }
    case 'unlinked-rekey':
      return (
        `the provider no longer sends ${wouldDelete} of the ${stored} stored ${collection} and sends new ones ` +
        `instead, with no link from a new record to an old one (legacyIdOf found none): it re-keyed their ` +
        `sourcedIds. Point legacyIdOf at the provider's link, or accept the new ids with deletionGuard: false`
      );
    case 'fraction': {
      const baseline = details.baseline;
      if (details.basis === 'baseline' && baseline !== undefined) {
        return (
          `the run would retire ${wouldDelete} ${collection}; with the ${baseline.retiredSince} retired since ` +
          `the baseline of ${baseline.setAt} (run ${baseline.runId}, ${baseline.active} active) that is ` +
          `${baseline.retiredSince + wouldDelete} of ${baseline.active} (${percent(details.fraction)}), ` +
          `above the ${percent(threshold)} guard. If the shrink is real, accept it with one sync with a ` +
          'higher deletionGuard.maxDeleteFraction (or deletionGuard: false), which moves the baseline'
        );
      }
      return (
        `the run would retire ${wouldDelete} of ${stored} ${collection} ` +
        `(${percent(details.fraction)}, above the ${percent(threshold)} guard)`
      );
    }
  }
}

/**
 * A run would retire more of a collection than the deletion guard allows (in this run, or summed
 * since the collection's baseline), or the provider answered with an empty collection, or with one
 * whose every record was invalid, for a tenant that has records. Nothing of that collection was
 * changed and the run failed: a provider outage that answers "no students" must not unenrol a
 * district. Accept a real shrink with `deletionGuard: { maxDeleteFraction }` of at least `fraction`,
 * `{ allowEmpty: true }`, or `deletionGuard: false`, for one run: that run moves the baseline.
 * @example
 * catch (error) {
 *   if (isMassDeletionError(error)) console.warn(`${error.collection}: ${error.wouldDelete} of ${error.stored} (${error.basis})`);
 * }
 */
export class MassDeletionError extends OneRosterError {
  static override readonly kind: string = 'MassDeletionError';
  readonly tenant: string;
  readonly collection: string;
  readonly reason: BlockedDeletionReason;
  readonly basis: DeletionGuardBasis;
  readonly stored: number;
  readonly wouldDelete: number;
  readonly fraction: number;
  readonly threshold: number;
  readonly baseline: DeletionBaseline | undefined;
  readonly quarantined: number;
  readonly quarantineReasons: readonly string[];

  constructor(given: MassDeletionDetails) {
    const details: FullDetails = {
      ...given,
      basis: given.basis ?? 'previous-run',
      baseline: given.baseline,
      quarantined: given.quarantined ?? 0,
      quarantineReasons: given.quarantineReasons ?? [],
    };
    super(
      `Refused to sync ${details.collection} for tenant ${details.tenant}: ${explain(details)}; nothing was deleted`,
    );
    this.tenant = details.tenant;
    this.collection = details.collection;
    this.reason = details.reason;
    this.basis = details.basis;
    this.stored = details.stored;
    this.wouldDelete = details.wouldDelete;
    this.fraction = details.fraction;
    this.threshold = details.threshold;
    this.baseline = details.baseline;
    this.quarantined = details.quarantined;
    this.quarantineReasons = details.quarantineReasons;
  }
}

/**
 * True for a {@link MassDeletionError}, also one thrown by another copy of this package (ESM and CJS
 * builds), as the package's other guards.
 * @example
 * try { await syncRoster(options) } catch (error) { if (isMassDeletionError(error)) alert(error.wouldDelete) }
 */
export const isMassDeletionError = createErrorGuard(MassDeletionError);
