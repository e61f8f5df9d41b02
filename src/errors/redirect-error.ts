import { createErrorGuard } from './error-guard.js';
import { OneRosterError } from './oneroster-error.js';

/** Why a redirect was refused. */
export type RedirectRefusal = 'cross-origin' | 'too-many' | 'no-location';

/**
 * The provider redirected a request and the client refused to follow: to another origin (another
 * scheme, host or port), where neither the credentials nor the roster that origin serves can be
 * trusted; after too many hops; or without a usable `Location`. Same-origin redirects are followed.
 * Not retried: the provider's configuration, or the `baseUrl`, has to change.
 */
export class RedirectError extends OneRosterError {
  static override readonly kind = 'RedirectError';
  readonly reason: RedirectRefusal;
  readonly method: string;
  /** Redacted URL of the request that was redirected. */
  readonly url: string;
  /** The redirect's HTTP status, e.g. 302 or 307. */
  readonly status: number;
  /** Redacted target of the redirect, when it had one. */
  readonly location: string | undefined;

  constructor(details: {
    reason: RedirectRefusal;
    method: string;
    url: string;
    status: number;
    location?: string;
  }) {
    const what =
      details.reason === 'cross-origin'
        ? `to another origin (${details.location})`
        : details.reason === 'too-many'
          ? `too many times (last to ${details.location})`
          : 'without a usable Location header';
    super(
      `${details.method} ${details.url} was redirected ${what} with HTTP ${details.status}; not followed`,
    );
    this.reason = details.reason;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.location = details.location;
  }
}

/** True for a redirect the client refused to follow (another origin, too many hops). */
export const isRedirectError = createErrorGuard(RedirectError);
