import { OneRosterError } from '../errors/oneroster-error.js';
import { isOneRosterError } from '../index.js';

/** What {@link MassDeletionError} reports: enough to decide whether to override the guard. */
export interface MassDeletionDetails {
  readonly tenant: string;
  readonly collection: string;
  /** `empty`: the provider sent no record while the store holds some; `fraction`: too many would go. */
  readonly reason: 'empty' | 'fraction';
  /** Active records stored before the run. */
  readonly stored: number;
  /** Records the run would delete or tombstone. */
  readonly wouldDelete: number;
  /** `wouldDelete / stored`. */
  readonly fraction: number;
  /** The `maxDeleteFraction` in force. */
  readonly threshold: number;
}

/**
 * A run would retire more of a collection than the deletion guard allows, or the provider answered
 * with an empty collection for a tenant that has records. Nothing of that collection was changed and
 * the run failed: a provider outage that answers "no students" must not unenrol a district.
 * Override with `deletionGuard: { maxDeleteFraction, allowEmpty }` or `deletionGuard: false`.
 * @example
 * catch (error) {
 *   if (isMassDeletionError(error)) console.warn(`${error.collection}: ${error.wouldDelete} of ${error.stored}`);
 * }
 */
export class MassDeletionError extends OneRosterError {
  override name = 'MassDeletionError';
  readonly tenant: string;
  readonly collection: string;
  readonly reason: 'empty' | 'fraction';
  readonly stored: number;
  readonly wouldDelete: number;
  readonly fraction: number;
  readonly threshold: number;

  constructor(details: MassDeletionDetails) {
    const what =
      details.reason === 'empty'
        ? `the provider sent no ${details.collection} while ${details.stored} are stored`
        : `the run would retire ${details.wouldDelete} of ${details.stored} ${details.collection} ` +
          `(${(details.fraction * 100).toFixed(1)}%, above the ${(details.threshold * 100).toFixed(1)}% guard)`;
    super(`Refused to sync ${details.collection} for tenant ${details.tenant}: ${what}; nothing was deleted`);
    this.tenant = details.tenant;
    this.collection = details.collection;
    this.reason = details.reason;
    this.stored = details.stored;
    this.wouldDelete = details.wouldDelete;
    this.fraction = details.fraction;
    this.threshold = details.threshold;
  }
}

/**
 * True for a {@link MassDeletionError}, also one thrown by another copy of this package (ESM and CJS
 * builds): it compares the name, as the package's other guards do.
 * @example
 * try { await syncRoster(options) } catch (error) { if (isMassDeletionError(error)) alert(error.wouldDelete) }
 */
export const isMassDeletionError = (error: unknown): error is MassDeletionError =>
  isOneRosterError(error) && error.name === 'MassDeletionError';
