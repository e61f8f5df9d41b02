export { type AbortDetails, AbortError } from './abort-error.js';
export { createErrorGuard, type ErrorClass } from './error-guard.js';
export * from './guards.js';
export {
  AuthenticationError,
  type HttpErrorDetails,
  InvalidRequestError,
  NotFoundError,
  OneRosterHttpError,
  PermissionError,
  RateLimitError,
  ServerError,
} from './http-errors.js';
export { NetworkError } from './network-error.js';
export { OneRosterError } from './oneroster-error.js';
export { ProtocolError, type ProtocolErrorReason } from './protocol-error.js';
export { redactUrl, type SentValues } from './redact.js';
export { RedirectError, type RedirectRefusal } from './redirect-error.js';
export { ResponseTooLargeError } from './response-too-large-error.js';
export { ResponseValidationError, type ValidationIssue } from './response-validation-error.js';
export type { StatusInfo } from './status-info.js';
export { TokenError, type TokenErrorDetails } from './token-error.js';
