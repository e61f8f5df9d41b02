import type { Clock } from './clock.js';
import type { OneRosterEvent } from './events.js';
import type { HttpTransport } from './http-exchange.js';

/** What the client lends an auth strategy: its transport, clock and event sink. */
export interface AuthContext {
  /**
   * The client's HTTP path, for token requests: the same timeout, abort, redirect policy (same
   * origin only) and body size limit as data requests.
   */
  send: HttpTransport;
  clock: Clock;
  /** The user agent the client sends. */
  userAgent: string;
  /** Reports events (such as `token-refreshed`) to the client's `onEvent`. */
  emit(event: OneRosterEvent): void;
  /** Aborts token requests with the caller's request. */
  signal?: AbortSignal;
}

/** The request being authorised: the exact URL that goes on the wire (OAuth 1.0a signs it). */
export interface AuthRequest {
  method: string;
  url: string;
}

/**
 * The small interface the client sees. Strategies are made by factories
 * (`oauth2ClientCredentials`, `oauth1`, `bearerToken`) and may be shared between clients.
 */
export interface AuthStrategy {
  /** Which kind of credentials, for diagnostics. */
  readonly kind: 'oauth2' | 'oauth1' | 'bearer' | 'none';
  /** Headers to send with this request, e.g. `{ authorization: 'Bearer …' }`. */
  authorize(request: AuthRequest, context: AuthContext): Promise<Record<string, string>>;
  /**
   * The provider answered 401 to a request authorised with these headers. Return true when a fresh
   * credential may succeed (the client then replays the request once); false when retrying is futile.
   */
  onUnauthorized?(rejectedHeaders: Record<string, string>, context: AuthContext): Promise<boolean> | boolean;
}
