import { createErrorGuard } from './error-guard.js';
import { OneRosterError } from './oneroster-error.js';
import { redactStatusInfo, type StatusInfo } from './status-info.js';

/** What a failed HTTP exchange tells a user, with the URL already redacted. */
export interface HttpErrorDetails {
  status: number;
  method: string;
  /** The request URL without user info, OAuth parameters, tokens or filter values (see `redactUrl`). */
  url: string;
  /** The provider's imsx status info, from whichever shape it sent; redacted again on construction. */
  statusInfo?: StatusInfo;
  /** How long the provider asked us to wait (`Retry-After` or `X-RateLimit-Reset`), in milliseconds. */
  retryAfterMs?: number;
  /** The collection being read, e.g. `users`. */
  collection?: string;
  /** The record being read, for single reads. */
  sourcedId?: string;
}

function describe(details: HttpErrorDetails): string {
  const path = (() => {
    try {
      const url = new URL(details.url);
      return url.pathname + url.search;
    } catch {
      return details.url;
    }
  })();
  const info = details.statusInfo;
  const provider = info?.codeMinor ?? info?.description;
  const providerText = info ? ` (${[info.codeMinor, info.description].filter(Boolean).join(': ')})` : '';
  return `${details.method} ${path} failed with HTTP ${details.status}${provider ? providerText : ''}`;
}

/** The provider answered with an HTTP error status. Subclasses name the common statuses. */
export class OneRosterHttpError extends OneRosterError {
  static override readonly kind: string = 'OneRosterHttpError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly statusInfo: StatusInfo | undefined;
  readonly collection: string | undefined;
  readonly sourcedId: string | undefined;
  /** How long the provider asked us to wait, for 429 and 503 answers that said. */
  readonly retryAfterMs: number | undefined;

  constructor(details: HttpErrorDetails, message?: string) {
    // The transport redacts with the request's secrets; this catches status info built anywhere else.
    const statusInfo = details.statusInfo && redactStatusInfo(details.statusInfo);
    super(message ?? describe({ ...details, ...(statusInfo ? { statusInfo } : {}) }));
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.statusInfo = statusInfo;
    this.collection = details.collection;
    this.sourcedId = details.sourcedId;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 401: the credentials or token were refused, after one token refresh and replay. */
export class AuthenticationError extends OneRosterHttpError {
  static override readonly kind = 'AuthenticationError';
}

/** 403: the credentials lack a scope for this endpoint (demographics need their own scope). */
export class PermissionError extends OneRosterHttpError {
  static override readonly kind = 'PermissionError';
}

/** 404: the provider does not know this sourcedId or endpoint. */
export class NotFoundError extends OneRosterHttpError {
  static override readonly kind = 'NotFoundError';
}

/** 400 or 422: the provider refused the filter, field selection, sort or paging parameters. */
export class InvalidRequestError extends OneRosterHttpError {
  static override readonly kind = 'InvalidRequestError';
}

/** 429: the provider is throttling; `retryAfterMs` says for how long, when it said. */
export class RateLimitError extends OneRosterHttpError {
  static override readonly kind = 'RateLimitError';
}

/** 5xx: the provider failed. */
export class ServerError extends OneRosterHttpError {
  static override readonly kind = 'ServerError';
}

/** True for an HTTP error status from the provider (any subclass). */
export const isHttpError = createErrorGuard(OneRosterHttpError);
/** True for a 401 after the one replay. */
export const isAuthenticationError = createErrorGuard(AuthenticationError);
/** True for a 403. */
export const isPermissionError = createErrorGuard(PermissionError);
/** True for a 404. */
export const isNotFoundError = createErrorGuard(NotFoundError);
/** True for a 400 or 422. */
export const isInvalidRequestError = createErrorGuard(InvalidRequestError);
/** True for a 429. */
export const isRateLimitError = createErrorGuard(RateLimitError);
/** True for a 5xx. */
export const isServerError = createErrorGuard(ServerError);

/** Builds the error class that fits the status (the one place statuses map to classes). */
export function toHttpError(details: HttpErrorDetails): OneRosterHttpError {
  const { status } = details;
  if (status === 401) return new AuthenticationError(details);
  if (status === 403) return new PermissionError(details);
  if (status === 404) return new NotFoundError(details);
  if (status === 400 || status === 422) return new InvalidRequestError(details);
  if (status === 429) return new RateLimitError(details);
  if (status >= 500) return new ServerError(details);
  return new OneRosterHttpError(details);
}
