import type { RecordTooDeepError } from '../models/record-depth.js';
import type { InvalidFieldsError } from '../query/invalid-fields-error.js';
import type { InvalidFilterError } from '../query/invalid-filter-error.js';
import type { TooManyItemsError } from '../resources/record-pull.js';
import type {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  OneRosterHttpError,
  PermissionError,
  RateLimitError,
  ServerError,
} from './http-errors.js';
import type { NetworkError } from './network-error.js';
import { ONEROSTER_ERROR_BRAND, type OneRosterError, type OneRosterErrorName } from './oneroster-error.js';
import type { ProtocolError } from './protocol-error.js';
import type { RedirectError } from './redirect-error.js';
import type { ResponseTooLargeError } from './response-too-large-error.js';
import type { ResponseValidationError } from './response-validation-error.js';
import type { TokenError } from './token-error.js';

/** Each error's parent, so a guard for a base class also matches its subclasses by name. */
const PARENT: Record<OneRosterErrorName, OneRosterErrorName | undefined> = {
  OneRosterError: undefined,
  OneRosterHttpError: 'OneRosterError',
  AuthenticationError: 'OneRosterHttpError',
  PermissionError: 'OneRosterHttpError',
  NotFoundError: 'OneRosterHttpError',
  InvalidRequestError: 'OneRosterHttpError',
  RateLimitError: 'OneRosterHttpError',
  ServerError: 'OneRosterHttpError',
  NetworkError: 'OneRosterError',
  RedirectError: 'OneRosterError',
  ResponseTooLargeError: 'OneRosterError',
  TokenError: 'OneRosterError',
  ProtocolError: 'OneRosterError',
  ResponseValidationError: 'OneRosterError',
  MassDeletionError: 'OneRosterError',
  InvalidFilterError: 'OneRosterError',
  InvalidFieldsError: 'OneRosterError',
  TooManyItemsError: 'OneRosterError',
  IncompletePullError: 'OneRosterError',
  SyncInProgressError: 'OneRosterError',
  SyncRunInactiveError: 'OneRosterError',
  StoreError: 'OneRosterError',
  RecordTooDeepError: 'OneRosterError',
};

/**
 * Guards compare names rather than use `instanceof`, so they work when an error comes from another
 * copy of this package (the ESM and CJS builds, or two versions in one app), as ky's guards do.
 */
function isKind(error: unknown, kind: OneRosterErrorName): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { [ONEROSTER_ERROR_BRAND]?: unknown })[ONEROSTER_ERROR_BRAND] !== true) return false;
  let name = (error as { name?: unknown }).name as OneRosterErrorName | undefined;
  if (typeof name !== 'string' || !(name in PARENT)) return false;
  while (name !== undefined) {
    if (name === kind) return true;
    name = PARENT[name];
  }
  return false;
}

/** True for every error this SDK throws. */
export const isOneRosterError = (error: unknown): error is OneRosterError => isKind(error, 'OneRosterError');
/** True for an HTTP error status from the provider (any subclass). */
export const isHttpError = (error: unknown): error is OneRosterHttpError =>
  isKind(error, 'OneRosterHttpError');
/** True for a 401 after the one replay. */
export const isAuthenticationError = (error: unknown): error is AuthenticationError =>
  isKind(error, 'AuthenticationError');
/** True for a 403. */
export const isPermissionError = (error: unknown): error is PermissionError =>
  isKind(error, 'PermissionError');
/** True for a 404. */
export const isNotFoundError = (error: unknown): error is NotFoundError => isKind(error, 'NotFoundError');
/** True for a 400 or 422. */
export const isInvalidRequestError = (error: unknown): error is InvalidRequestError =>
  isKind(error, 'InvalidRequestError');
/** True for a 429. */
export const isRateLimitError = (error: unknown): error is RateLimitError => isKind(error, 'RateLimitError');
/** True for a 5xx. */
export const isServerError = (error: unknown): error is ServerError => isKind(error, 'ServerError');
/** True for a connection failure or timeout. */
export const isNetworkError = (error: unknown): error is NetworkError => isKind(error, 'NetworkError');
/** True for a redirect the client refused to follow (another origin, too many hops). */
export const isRedirectError = (error: unknown): error is RedirectError => isKind(error, 'RedirectError');
/** True for a response body larger than `maxResponseBytes`. */
export const isResponseTooLargeError = (error: unknown): error is ResponseTooLargeError =>
  isKind(error, 'ResponseTooLargeError');
/** True for a value nested deeper than `MAX_RECORD_DEPTH` that reached a recursive walk. */
export const isRecordTooDeepError = (error: unknown): error is RecordTooDeepError =>
  isKind(error, 'RecordTooDeepError');
/** True for a failed OAuth 2.0 token request. */
export const isTokenError = (error: unknown): error is TokenError => isKind(error, 'TokenError');
/** True for a 2xx answer that is not usable data. */
export const isProtocolError = (error: unknown): error is ProtocolError => isKind(error, 'ProtocolError');
/** True for a filter the client refused to send (a quote in a value, too many clauses). */
export const isInvalidFilterError = (error: unknown): error is InvalidFilterError =>
  isKind(error, 'InvalidFilterError');
/** True for a `fields` selection the client refused (empty, unknown field, `minimal` on demographics). */
export const isInvalidFieldsError = (error: unknown): error is InvalidFieldsError =>
  isKind(error, 'InvalidFieldsError');
/** True when `toArray` met more records than its `maxItems`. */
export const isTooManyItemsError = (error: unknown): error is TooManyItemsError =>
  isKind(error, 'TooManyItemsError');
/** True when the sync engine refused a deletion above its guard. */
export const isMassDeletionError = (error: unknown): error is OneRosterError =>
  isKind(error, 'MassDeletionError');
/** True for a record that failed validation in strict mode. */
export const isResponseValidationError = (error: unknown): error is ResponseValidationError =>
  isKind(error, 'ResponseValidationError');
