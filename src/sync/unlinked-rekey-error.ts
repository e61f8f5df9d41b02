import { createErrorGuard, type OneRosterVersion } from '../index.js';
import { type MassDeletionDetails, MassDeletionError } from './mass-deletion-error.js';

/** What {@link UnlinkedRekeyError} reports besides the deletion guard's measures. */
export interface UnlinkedRekeyDetails extends MassDeletionDetails {
  readonly storedVersion: OneRosterVersion;
  readonly clientVersion: OneRosterVersion;
  /** New records of the collection: sourcedIds the store does not know. */
  readonly added: number;
}

/**
 * A version switch found a collection re-keyed without a link: the provider no longer sends most of
 * the stored records and sends new ones instead, and `legacyIdOf` found no old sourcedId on the new
 * records (`reason: 'unlinked-rekey'`). The run stopped before committing anything: a switch commits
 * only once every collection is checked. It is a {@link MassDeletionError} (its guard is true too):
 * syncing would retire the district and enrol it again under new ids. Point `legacyIdOf` (and
 * `legacyIdFields`) at where the provider keeps the old id; or, when the district accepts the new ids
 * (history keyed by the old ones is lost), run the switch once with `deletionGuard: false`.
 */
export class UnlinkedRekeyError extends MassDeletionError {
  static override readonly kind = 'UnlinkedRekeyError';
  readonly storedVersion: OneRosterVersion;
  readonly clientVersion: OneRosterVersion;
  readonly added: number;

  constructor(details: UnlinkedRekeyDetails) {
    super(details);
    this.storedVersion = details.storedVersion;
    this.clientVersion = details.clientVersion;
    this.added = details.added;
  }
}

/** True for an {@link UnlinkedRekeyError}, also one thrown by another copy of this package. */
export const isUnlinkedRekeyError = createErrorGuard(UnlinkedRekeyError);
