/** One authenticator per provider, whatever the mode: OAuth 2.0, OAuth 1.0a, a static bearer, or none. */
import { createOAuth1Verifier } from './auth-oauth1.js';
import { createOAuth2Authority, type OAuth2Authority, safeEqual } from './auth-oauth2.js';
import type { AuthOutcome, MockAuthOptions } from './auth-types.js';
import type { MockRequest } from './mock-types.js';
import { ALL_ROSTER_SCOPES } from './scopes.js';

/** The authenticator of a provider. */
export interface Authenticator {
  readonly type: MockAuthOptions['type'];
  /** The OAuth 2.0 authority, when the mode is `oauth2`. */
  readonly oauth2?: OAuth2Authority;
  /** OAuth 2.0 client id or OAuth 1.0a consumer key; empty otherwise. */
  readonly clientId: string;
  /** OAuth 2.0 client secret or OAuth 1.0a consumer secret; empty otherwise. */
  readonly clientSecret: string;
  /** The static token, in `bearer` mode. */
  readonly bearerToken?: string;
  authenticate(request: MockRequest): AuthOutcome;
  /** Invalidates issued OAuth 2.0 tokens (no effect in other modes). */
  revokeAll(): void;
}

/**
 * Creates the authenticator; `now` is the mock's clock in epoch milliseconds, `defaultScopes` the
 * scopes a client holds when the options name none (the served version's three rostering scopes).
 */
export function createAuthenticator(
  options: MockAuthOptions,
  now: () => number,
  defaultScopes: readonly string[] = ALL_ROSTER_SCOPES,
): Authenticator {
  switch (options.type) {
    case 'oauth2': {
      const authority = createOAuth2Authority(options, now, defaultScopes);
      return {
        type: 'oauth2',
        oauth2: authority,
        clientId: authority.clientId,
        clientSecret: authority.clientSecret,
        authenticate: authority.authenticate,
        revokeAll: authority.revokeAll,
      };
    }
    case 'oauth1': {
      const verifier = createOAuth1Verifier(options, now, defaultScopes);
      return {
        type: 'oauth1',
        clientId: verifier.consumerKey,
        clientSecret: verifier.consumerSecret,
        authenticate: verifier.authenticate,
        revokeAll: () => {},
      };
    }
    case 'bearer': {
      const token = options.token ?? 'mock-static-token';
      const scopes: ReadonlySet<string> = new Set(options.scopes ?? defaultScopes);
      return {
        type: 'bearer',
        clientId: '',
        clientSecret: '',
        bearerToken: token,
        authenticate: (request) => {
          const presented = /^Bearer\s+(\S+)$/i.exec(request.headers['authorization'] ?? '')?.[1];
          return presented !== undefined && safeEqual(presented, token)
            ? { ok: true, scopes }
            : { ok: false, description: 'invalid bearer token', challenge: 'Bearer realm="oneroster"' };
        },
        revokeAll: () => {},
      };
    }
    case 'none': {
      const scopes: ReadonlySet<string> = new Set(defaultScopes);
      return {
        type: 'none',
        clientId: '',
        clientSecret: '',
        authenticate: () => ({ ok: true, scopes }),
        revokeAll: () => {},
      };
    }
  }
}
