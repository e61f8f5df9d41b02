/**
 * OAuth 1.0a verification, written independently of the client's signer so a bug in either shows:
 * RFC 5849 3.4.1 base string over the request URL as received and every query parameter,
 * HMAC-SHA256 or HMAC-SHA1, a timestamp window, and nonce replay refusal.
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from './auth-oauth2.js';
import type { AuthOutcome, OAuth1AuthOptions } from './auth-types.js';
import type { MockRequest } from './mock-types.js';
import { encodeRfc3986, parseQuery } from './query-params.js';
import { ALL_ROSTER_SCOPES } from './scopes.js';

const SECONDS_TO_MS = 1_000;
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** The `oauth_*` parameters of an `Authorization: OAuth ...` header, decoded; undefined if not OAuth. */
export function parseOAuthHeader(header: string | undefined): Map<string, string> | undefined {
  if (header === undefined || !/^OAuth\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  for (const [, name = '', value = ''] of header.slice(6).matchAll(/([A-Za-z0-9_.~-]+)\s*=\s*"([^"]*)"/g)) {
    try {
      params.set(decodeURIComponent(name), decodeURIComponent(value));
    } catch {
      return undefined;
    }
  }
  return params;
}

/**
 * The signature base string (RFC 5849 3.4.1): method, base URI without query (scheme and host lower
 * case, default port dropped, path as sent), and the sorted, re-encoded parameters.
 */
export function oauth1BaseString(
  method: string,
  url: string,
  oauthParams: ReadonlyMap<string, string>,
): string {
  const parsed = new URL(url);
  const afterAuthority = url.slice(url.indexOf('//') + 2);
  const pathStart = afterAuthority.search(/[/?#]/);
  const pathAndQuery = pathStart === -1 ? '/' : afterAuthority.slice(pathStart);
  const queryStart = pathAndQuery.indexOf('?');
  const hashStart = pathAndQuery.indexOf('#');
  const pathEnd = queryStart !== -1 ? queryStart : hashStart !== -1 ? hashStart : pathAndQuery.length;
  const path = pathAndQuery.slice(0, pathEnd) || '/';
  const rawQuery =
    queryStart === -1 ? '' : pathAndQuery.slice(queryStart + 1, hashStart === -1 ? undefined : hashStart);
  const port = parsed.port !== '' && parsed.port !== DEFAULT_PORTS[parsed.protocol] ? `:${parsed.port}` : '';
  const baseUri = `${parsed.protocol.toLowerCase()}//${parsed.hostname.toLowerCase()}${port}${path}`;
  const pairs = [
    ...parseQuery(rawQuery),
    ...[...oauthParams].filter(([name]) => name !== 'oauth_signature' && name !== 'realm'),
  ]
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  return `${method.toUpperCase()}&${encodeRfc3986(baseUri)}&${encodeRfc3986(normalized)}`;
}

/** The base64 signature of a base string (RFC 5849 3.4.2: key = enc(consumer secret)&enc(token secret)). */
export function oauth1Signature(
  signatureMethod: 'HMAC-SHA256' | 'HMAC-SHA1',
  baseString: string,
  consumerSecret: string,
  tokenSecret = '',
): string {
  const key = `${encodeRfc3986(consumerSecret)}&${encodeRfc3986(tokenSecret)}`;
  return createHmac(signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256', key)
    .update(baseString)
    .digest('base64');
}

/** The OAuth 1.0a side of the mock. */
export interface OAuth1Verifier {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  authenticate(request: MockRequest): AuthOutcome;
}

/** Creates a verifier; `now` is the mock's clock in epoch milliseconds. */
export function createOAuth1Verifier(
  options: OAuth1AuthOptions,
  now: () => number,
  defaultScopes: readonly string[] = ALL_ROSTER_SCOPES,
): OAuth1Verifier {
  const consumerKey = options.consumerKey ?? 'mock-consumer-key';
  const consumerSecret = options.consumerSecret ?? 'mock-consumer-secret';
  const windowMs = (options.timestampWindowSeconds ?? 300) * SECONDS_TO_MS;
  const methods = options.signatureMethods ?? ['HMAC-SHA256', 'HMAC-SHA1'];
  const scopes: ReadonlySet<string> = new Set(options.scopes ?? defaultScopes);
  // Nonces seen, with the time they stop mattering; insertion order is roughly expiry order.
  const nonces = new Map<string, number>();
  const challenge = 'OAuth realm="oneroster"';
  const refuse = (description: string): AuthOutcome => ({ ok: false, description, challenge });

  const authenticate = (request: MockRequest): AuthOutcome => {
    const params = parseOAuthHeader(request.headers['authorization']);
    if (params === undefined) return refuse('missing OAuth authorization header');
    const method = params.get('oauth_signature_method');
    const signature = params.get('oauth_signature');
    const timestamp = params.get('oauth_timestamp');
    const nonce = params.get('oauth_nonce');
    if (params.get('oauth_consumer_key') !== consumerKey) return refuse('unknown consumer key');
    if (method !== 'HMAC-SHA256' && method !== 'HMAC-SHA1') return refuse('unsupported signature method');
    if (!methods.includes(method)) return refuse(`signature method ${method} not accepted`);
    if (signature === undefined || timestamp === undefined || !/^\d+$/.test(timestamp) || !nonce) {
      return refuse('incomplete OAuth parameters');
    }
    const nowMs = now();
    if (Math.abs(Number(timestamp) * SECONDS_TO_MS - nowMs) > windowMs)
      return refuse('timestamp outside the window');
    const expected = oauth1Signature(
      method,
      oauth1BaseString(request.method, request.url, params),
      consumerSecret,
    );
    if (!safeEqual(expected, signature)) return refuse('signature mismatch');
    for (const [seen, expiresAtMs] of nonces) {
      if (expiresAtMs > nowMs) break;
      nonces.delete(seen);
    }
    const nonceKey = `${timestamp}:${nonce}`;
    if (nonces.has(nonceKey)) return refuse('nonce already used');
    nonces.set(nonceKey, Number(timestamp) * SECONDS_TO_MS + windowMs);
    return { ok: true, scopes };
  };

  return { consumerKey, consumerSecret, authenticate };
}
