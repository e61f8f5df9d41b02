import { createHmac } from 'node:crypto';
import { percentEncode } from '../base/percent-encode.js';

/** The HMAC signature methods OneRoster providers serve (RFC 5849 3.4.2; SHA-256 is the 1.1 requirement). */
export type OAuth1SignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

/** Everything that goes into one OAuth 1.0a signature. */
export interface SignOAuth1Options {
  /** The HTTP method, e.g. `GET`; upper-cased for the base string (RFC 5849 3.4.1.1). */
  method: string;
  /** The exact URL sent on the wire, query included; its parameters are signed. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  signatureMethod: OAuth1SignatureMethod;
  /** Unique per timestamp (RFC 5849 3.3). */
  nonce: string;
  /** Seconds since the epoch. */
  timestamp: string | number;
  /**
   * Sent as `oauth_version` when set; the parameter is optional (RFC 5849 3.1).
   * @default undefined (no oauth_version parameter)
   */
  version?: '1.0';
  /**
   * The `oauth_token` of three-legged OAuth. OneRoster is two-legged and has none.
   * @default undefined
   */
  token?: string;
  /**
   * The token secret, the second half of the signing key.
   * @default '' (two-legged: the key is `percentEncode(consumerSecret) + '&'`)
   */
  tokenSecret?: string;
}

/** The result of {@link signOAuth1}: the base string (for debugging), the signature and the header value. */
export interface OAuth1Signature {
  baseString: string;
  /** Base64 HMAC of the base string, not yet percent-encoded. */
  signature: string;
  /** The `Authorization` header value, `OAuth oauth_consumer_key="…", …`. */
  authorization: string;
}

const HASH_BY_METHOD: Record<OAuth1SignatureMethod, string> = {
  'HMAC-SHA256': 'sha256',
  'HMAC-SHA1': 'sha1',
};

/** Default ports are left out of the base string URI (RFC 5849 3.4.1.2); WHATWG `URL` already drops them. */
function baseStringUri(url: URL): string {
  // `url.host` is lower-case and carries the port only when it is not the scheme's default. The path
  // is `URL`'s normalised form, which is also what fetch puts on the wire, so both sides sign the same bytes.
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * RFC 5849 3.4.1.3.1 parses the query as `application/x-www-form-urlencoded` (HTML 4.01 17.13.4), so a
 * literal `+` is a space: that is what a conforming provider decodes and signs. Our client encodes
 * spaces as `%20` and a real plus as `%2B`, so both spellings reach the same decoded value.
 */
function formDecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A malformed escape such as `%ZZ` is kept verbatim (and re-encoded as `%25ZZ`) rather than failing.
    return spaced;
  }
}

function queryParameters(url: URL): [string, string][] {
  const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  return query
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const separator = pair.indexOf('=');
      if (separator === -1) return [formDecode(pair), ''];
      return [formDecode(pair.slice(0, separator)), formDecode(pair.slice(separator + 1))];
    });
}

/** RFC 5849 3.4.1.3.2: encode every name and value, sort by name then value (byte order), join. */
function normalizeParameters(parameters: [string, string][]): string {
  return parameters
    .filter(([name]) => name !== 'oauth_signature')
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Code-unit order, which is byte order for the ASCII that percent-encoding produces (not `localeCompare`). */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Signs one request per RFC 5849 (OAuth 1.0a) with HMAC-SHA256 or HMAC-SHA1. Pure: the nonce and
 * timestamp are inputs, so the same inputs always give the same signature.
 *
 * @example
 * ```ts
 * const { authorization } = signOAuth1({
 *   method: 'GET',
 *   url: 'https://sis.example.org/ims/oneroster/v1p1/users?limit=100',
 *   consumerKey: 'key',
 *   consumerSecret: 'secret',
 *   signatureMethod: 'HMAC-SHA256',
 *   nonce: 'f3a9c1',
 *   timestamp: 1700000000,
 *   version: '1.0',
 * });
 * ```
 */
export function signOAuth1(options: SignOAuth1Options): OAuth1Signature {
  const url = new URL(options.url);
  const timestamp = String(options.timestamp);
  const protocolParameters: [string, string][] = [
    ['oauth_consumer_key', options.consumerKey],
    ['oauth_nonce', options.nonce],
    ['oauth_signature_method', options.signatureMethod],
    ['oauth_timestamp', timestamp],
  ];
  if (options.token !== undefined) protocolParameters.push(['oauth_token', options.token]);
  if (options.version !== undefined) protocolParameters.push(['oauth_version', options.version]);

  // RFC 5849 3.4.1.1: method, base string URI and normalised parameters, each encoded, joined by `&`.
  const baseString = [
    percentEncode(options.method.toUpperCase()),
    percentEncode(baseStringUri(url)),
    percentEncode(normalizeParameters([...queryParameters(url), ...protocolParameters])),
  ].join('&');

  // RFC 5849 3.4.2: the key is both secrets, encoded, joined by `&` even when the token secret is empty.
  const key = `${percentEncode(options.consumerSecret)}&${percentEncode(options.tokenSecret ?? '')}`;
  const signature = createHmac(HASH_BY_METHOD[options.signatureMethod], key)
    .update(baseString)
    .digest('base64');

  // RFC 5849 3.5.1: each value percent-encoded and double-quoted, pairs separated by `, `.
  const headerParameters: [string, string][] = [...protocolParameters, ['oauth_signature', signature]];
  headerParameters.sort(([a], [b]) => compare(a, b));
  const authorization = `OAuth ${headerParameters
    .map(([name, value]) => `${name}="${percentEncode(value)}"`)
    .join(', ')}`;
  return { baseString, signature, authorization };
}
