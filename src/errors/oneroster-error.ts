/** A registered symbol, so every copy of this package (ESM, CJS, two versions) shares it. */
export const ONEROSTER_ERROR_BRAND: unique symbol = Symbol.for('oneroster.error');

/**
 * The root of every error this SDK throws. Catch it to handle any OneRoster failure.
 *
 * Messages and properties never hold a client secret, a token, an OAuth signature or a record's
 * personal data, so an error can be logged or sent to an error tracker as it is.
 */
export class OneRosterError extends Error {
  override name = 'OneRosterError';

  /** Marks errors of this package, whichever copy of it threw them (read by the type guards). */
  get [ONEROSTER_ERROR_BRAND](): true {
    return true;
  }
}

/** Names of every error class, so guards can match errors thrown by another copy of this package. */
export type OneRosterErrorName =
  | 'OneRosterError'
  | 'OneRosterHttpError'
  | 'AuthenticationError'
  | 'PermissionError'
  | 'NotFoundError'
  | 'InvalidRequestError'
  | 'RateLimitError'
  | 'ServerError'
  | 'NetworkError'
  | 'RedirectError'
  | 'ResponseTooLargeError'
  | 'TokenError'
  | 'ProtocolError'
  | 'ResponseValidationError'
  | 'MassDeletionError'
  | 'InvalidFilterError'
  | 'InvalidFieldsError'
  | 'TooManyItemsError'
  | 'IncompletePullError'
  | 'SyncInProgressError'
  | 'SyncRunInactiveError'
  | 'StoreError'
  | 'RecordTooDeepError';
