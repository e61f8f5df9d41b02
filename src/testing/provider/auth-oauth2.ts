/** OAuth 2.0 client credentials: the token endpoint and bearer-token checks (RFC 6749 4.4, RFC 6750). */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthOutcome, OAuth2AuthOptions } from './auth-types.js';
import type { MockRequest, MockResponse } from './mock-types.js';
import { parseQuery, queryValue } from './query-params.js';
import { ALL_ROSTER_SCOPES } from './scopes.js';

/** Tokens kept at most; the oldest are dropped past this (a benchmark may fetch many). */
const MAX_LIVE_TOKENS = 10_000;
/** Bytes of randomness in a token. */
const TOKEN_BYTES = 24;
const SECONDS_TO_MS = 1_000;

/** The OAuth 2.0 side of the mock. */
export interface OAuth2Authority {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenPath: string;
  /** Answers a request to the token endpoint. */
  issue(request: MockRequest): MockResponse;
  /** Checks a data request's bearer token. */
  authenticate(request: MockRequest): AuthOutcome;
  /** Invalidates every issued token (a revoked grant). */
  revokeAll(): void;
}

/** Constant-time string equality. */
export function safeEqual(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An RFC 6749 error response. */
function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify({ error, error_description: description }),
  };
}

/** Client credentials from HTTP Basic (RFC 6749 2.3.1: form-url-encoded, then base64). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = header === undefined ? undefined : /^Basic\s+(\S+)$/i.exec(header)?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  const decode = (text: string): string => decodeURIComponent(text.replace(/\+/g, ' '));
  try {
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** Creates the authority; `now` is the mock's clock in epoch milliseconds. */
export function createOAuth2Authority(
  options: OAuth2AuthOptions,
  now: () => number,
  defaultScopes: readonly string[] = ALL_ROSTER_SCOPES,
): OAuth2Authority {
  const clientId = options.clientId ?? 'mock-client-id';
  const clientSecret = options.clientSecret ?? 'mock-client-secret';
  const lifetimeMs = (options.tokenLifetimeSeconds ?? 3_600) * SECONDS_TO_MS;
  const allowed = options.scopes ?? defaultScopes;
  const mode = options.clientAuthentication ?? 'either';
  const tokens = new Map<string, { expiresAtMs: number; scopes: ReadonlySet<string> }>();

  const issue = (request: MockRequest): MockResponse => {
    if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'use POST', { allow: 'POST' });
    let form: ReturnType<typeof parseQuery>;
    try {
      form = parseQuery(request.body);
    } catch {
      return oauthError(400, 'invalid_request', 'malformed form body');
    }
    if (queryValue(form, 'grant_type') !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'only client_credentials is supported');
    }
    const basic = basicCredentials(request.headers['authorization']);
    const bodyId = queryValue(form, 'client_id');
    const body =
      bodyId === undefined ? undefined : { id: bodyId, secret: queryValue(form, 'client_secret') ?? '' };
    const presented = mode === 'basic' ? basic : mode === 'body' ? body : (basic ?? body);
    if (
      presented === undefined ||
      !safeEqual(presented.id, clientId) ||
      !safeEqual(presented.secret, clientSecret)
    ) {
      return oauthError(401, 'invalid_client', 'client authentication failed', {
        'www-authenticate': 'Basic realm="oneroster"',
      });
    }
    const requested = (queryValue(form, 'scope') ?? '').split(' ').filter((scope) => scope !== '');
    const granted =
      requested.length === 0 ? [...allowed] : requested.filter((scope) => allowed.includes(scope));
    if (granted.length === 0)
      return oauthError(400, 'invalid_scope', 'none of the requested scopes may be granted');
    const nowMs = now();
    for (const [token, entry] of tokens)
      if (entry.expiresAtMs <= nowMs || tokens.size >= MAX_LIVE_TOKENS) tokens.delete(token);
    const accessToken = randomBytes(TOKEN_BYTES).toString('base64url');
    tokens.set(accessToken, { expiresAtMs: nowMs + lifetimeMs, scopes: new Set(granted) });
    const response: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'bearer',
      scope: granted.join(' '),
    };
    const lifetimeSeconds = lifetimeMs / SECONDS_TO_MS;
    if (options.expiresIn !== 'omit')
      response['expires_in'] = options.expiresIn === 'string' ? String(lifetimeSeconds) : lifetimeSeconds;
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify(response),
    };
  };

  const authenticate = (request: MockRequest): AuthOutcome => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers['authorization'] ?? '')?.[1];
    const challenge = 'Bearer realm="oneroster"';
    if (token === undefined) return { ok: false, description: 'missing bearer token', challenge };
    const entry = tokens.get(token);
    if (entry === undefined) return { ok: false, description: 'unknown or revoked token', challenge };
    if (entry.expiresAtMs <= now())
      return { ok: false, description: 'token expired', challenge: `${challenge}, error="invalid_token"` };
    return { ok: true, scopes: entry.scopes };
  };

  return {
    clientId,
    clientSecret,
    tokenPath: options.tokenPath ?? '/oauth2/token',
    issue,
    authenticate,
    revokeAll: () => tokens.clear(),
  };
}
