/**
 * The guards of the errors/ layer's classes, together. Each is declared next to its class; the errors
 * of the layers above keep theirs beside them (`isInvalidFilterError` in query/, `isStoreError` in
 * sync/, ...).
 */
export { isAbortError } from './abort-error.js';
export {
  isAuthenticationError,
  isHttpError,
  isInvalidRequestError,
  isNotFoundError,
  isPermissionError,
  isRateLimitError,
  isServerError,
} from './http-errors.js';
export { isNetworkError } from './network-error.js';
export { isOneRosterError } from './oneroster-error.js';
export { isProtocolError } from './protocol-error.js';
export { isRedirectError } from './redirect-error.js';
export { isResponseTooLargeError } from './response-too-large-error.js';
export { isResponseValidationError } from './response-validation-error.js';
export { isTokenError } from './token-error.js';
