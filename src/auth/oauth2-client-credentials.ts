import type { AuthContext, AuthStrategy } from '../base/auth-strategy.js';
import type { TokenRefreshedEvent } from '../base/events.js';
import { redactUrl } from '../errors/redact.js';
import { formUrlEncode, formUrlEncodePairs } from './form-url-encode.js';
import { requestToken, type TokenRequest } from './request-token.js';
import { createSingleFlight } from './single-flight.js';

/** A token is replaced this long before it expires, so no request leaves with a token about to lapse. */
export const TOKEN_REFRESH_SKEW_MS = 60_000;

/**
 * Short-lived tokens are replaced when 10% of their life is left instead: with a fixed 60 s skew, a
 * token of 60 s or less would look expired on arrival and every request would fetch a new one.
 */
export const SHORT_TOKEN_SKEW_RATIO = 0.1;

/**
 * Lifetime assumed when the provider omits `expires_in` (RFC 6749 5.1 leaves it optional). One hour is
 * what OneRoster providers issue in practice; if a token dies sooner, the provider's 401 makes
 * `onUnauthorized` fetch a new one and the request is replayed, so a wrong guess costs one request.
 */
export const DEFAULT_TOKEN_LIFETIME_MS = 3_600_000;

/** Options of {@link oauth2ClientCredentials}. */
export interface OAuth2ClientCredentialsOptions {
  /** The provider's token endpoint, e.g. `https://sis.example.org/oauth/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /**
   * Scopes to request, e.g. `https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly`; an array is
   * joined with spaces (RFC 6749 3.3).
   * @default undefined (no scope parameter: the provider grants its default)
   */
  scope?: string | readonly string[];
  /**
   * How the client authenticates to the token endpoint (RFC 6749 2.3.1): HTTP Basic, or `client_id` and
   * `client_secret` in the form body. Providers differ; try `'body'` when `'basic'` gets `invalid_client`.
   * @default 'basic'
   */
  clientAuth?: 'basic' | 'body';
}

/** The strategy {@link oauth2ClientCredentials} returns. */
export interface OAuth2ClientCredentialsStrategy extends AuthStrategy {
  readonly kind: 'oauth2';
  /** Discards the token the provider refused (unless a newer one replaced it) and asks for a replay. */
  onUnauthorized(rejectedHeaders: Record<string, string>): boolean;
  /** Discards the cached token: the next request fetches a new one (reported with reason `'rejected'`). */
  invalidate(): void;
}

interface CachedToken {
  authorization: string;
  refreshAtMs: number;
}

function refreshAfterMs(lifetimeMs: number): number {
  return lifetimeMs - Math.min(TOKEN_REFRESH_SKEW_MS, lifetimeMs * SHORT_TOKEN_SKEW_RATIO);
}

function readAuthorization(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'authorization') return value;
  }
  return undefined;
}

function validate(options: OAuth2ClientCredentialsOptions): void {
  // Messages name the option, never its value: the value may be the secret itself.
  if (!URL.canParse(options.tokenUrl)) throw new TypeError('oauth2ClientCredentials: tokenUrl is not a URL');
  // fetch refuses URLs with user info; say so now rather than fail every token request.
  const { username, password } = new URL(options.tokenUrl);
  if (username || password) {
    throw new TypeError(
      'oauth2ClientCredentials: tokenUrl must not contain credentials; use clientId and clientSecret',
    );
  }
  if (!options.clientId) throw new TypeError('oauth2ClientCredentials: clientId must be a non-empty string');
  if (!options.clientSecret) {
    throw new TypeError('oauth2ClientCredentials: clientSecret must be a non-empty string');
  }
  if (options.clientAuth !== undefined && options.clientAuth !== 'basic' && options.clientAuth !== 'body') {
    throw new TypeError("oauth2ClientCredentials: clientAuth must be 'basic' or 'body'");
  }
}

/** Builds the parts of the grant request that do not depend on the calling client. */
function buildGrant(options: OAuth2ClientCredentialsOptions) {
  const { clientId, clientSecret } = options;
  const scope = typeof options.scope === 'string' ? options.scope : options.scope?.join(' ');
  const pairs: [string, string][] = [['grant_type', 'client_credentials']];
  if (scope) pairs.push(['scope', scope]);
  const basic = btoa(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`);
  const headers: Record<string, string> = {};
  if (options.clientAuth === 'body') {
    pairs.push(['client_id', clientId], ['client_secret', clientSecret]);
  } else {
    headers['authorization'] = `Basic ${basic}`;
  }
  return {
    url: options.tokenUrl,
    tokenUrl: redactUrl(options.tokenUrl),
    headers,
    body: formUrlEncodePairs(pairs),
    secrets: [clientSecret, formUrlEncode(clientSecret), basic],
  };
}

/**
 * OAuth 2.0 client credentials (RFC 6749 4.4), the OneRoster 1.1 method since 2022 and the only one in
 * 1.2. The token is cached and replaced shortly before it expires; however many requests need one at
 * the same moment, exactly one token request is in flight and they all share its outcome. A failed
 * token request rejects every waiter and is not retried here (the client's retry layer decides); the
 * next request tries again. A 401 discards the token that was refused, so a burst of 401s costs one
 * new token. A strategy shared by several clients uses the fetch and clock of whichever asks first.
 *
 * @example
 * ```ts
 * const client = createOneRosterClient({
 *   baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
 *   auth: oauth2ClientCredentials({
 *     tokenUrl: 'https://sis.example.org/oauth/token',
 *     clientId,
 *     clientSecret,
 *     scope: 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly',
 *   }),
 * });
 * ```
 */
export function oauth2ClientCredentials(
  options: OAuth2ClientCredentialsOptions,
): OAuth2ClientCredentialsStrategy {
  validate(options);
  const grant = buildGrant(options);
  const flight = createSingleFlight<CachedToken>();
  let cached: CachedToken | undefined;
  let hadToken = false;
  let rejected = false;

  async function fetchToken(context: AuthContext, signal: AbortSignal): Promise<CachedToken> {
    const reason: TokenRefreshedEvent['reason'] = rejected ? 'rejected' : hadToken ? 'expiring' : 'initial';
    // The lifetime is counted from before the request: the provider started it somewhere in between.
    const startedAtMs = context.clock.now();
    const request: TokenRequest = {
      ...grant,
      headers: {
        ...grant.headers,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'user-agent': context.userAgent,
      },
    };
    const granted = await requestToken(request, context, signal);
    const token: CachedToken = {
      authorization: `Bearer ${granted.accessToken}`,
      refreshAtMs: startedAtMs + refreshAfterMs(granted.expiresInMs ?? DEFAULT_TOKEN_LIFETIME_MS),
    };
    cached = token;
    hadToken = true;
    rejected = false;
    const event: TokenRefreshedEvent = {
      type: 'token-refreshed',
      durationMs: context.clock.now() - startedAtMs,
      reason,
    };
    if (granted.expiresInMs !== undefined) event.expiresInMs = granted.expiresInMs;
    try {
      context.emit(event);
    } catch {
      // Listeners must not throw; a broken one must not fail authentication either.
    }
    return token;
  }

  return {
    kind: 'oauth2',
    async authorize(_request, context) {
      const current = cached;
      if (current !== undefined && context.clock.now() < current.refreshAtMs) {
        return { authorization: current.authorization };
      }
      const token = await flight.run((signal) => fetchToken(context, signal), context.signal);
      return { authorization: token.authorization };
    },
    onUnauthorized(rejectedHeaders) {
      // Only the first 401 for a given token discards it; later ones see a newer token (or the
      // request already fetching it) and leave it alone, so a burst of 401s costs one token request.
      if (cached !== undefined && readAuthorization(rejectedHeaders) === cached.authorization) {
        cached = undefined;
        rejected = true;
      }
      return true;
    },
    invalidate() {
      if (cached === undefined) return;
      cached = undefined;
      rejected = true;
    },
  };
}
