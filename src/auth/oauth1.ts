import { randomBytes } from 'node:crypto';
import type { AuthStrategy } from '../base/auth-strategy.js';
import { type OAuth1SignatureMethod, signOAuth1 } from './sign-oauth1.js';

/** 128 random bits: a nonce collision, even across many clients in the same second, is not a real risk. */
const NONCE_BYTES = 16;

/** Options of {@link oauth1}. */
export interface OAuth1Options {
  consumerKey: string;
  consumerSecret: string;
  /**
   * HMAC-SHA256 is what OneRoster 1.1 requires; some deployments still serve HMAC-SHA1.
   * @default 'HMAC-SHA256'
   */
  signatureMethod?: OAuth1SignatureMethod;
}

/** The strategy {@link oauth1} returns. */
export interface OAuth1Strategy extends AuthStrategy {
  readonly kind: 'oauth1';
  /** Always false: a fresh signature cannot cure a two-legged 401. */
  onUnauthorized(): boolean;
}

/**
 * Two-legged OAuth 1.0a, the original OneRoster 1.1 security: every request is signed with a fresh
 * nonce and the clock's current time, over its exact URL (query parameters included).
 *
 * @example
 * ```ts
 * const client = createOneRosterClient({
 *   baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
 *   auth: oauth1({ consumerKey, consumerSecret }),
 * });
 * ```
 */
export function oauth1(options: OAuth1Options): OAuth1Strategy {
  const { consumerKey, consumerSecret } = options;
  const signatureMethod = options.signatureMethod ?? 'HMAC-SHA256';
  if (!consumerKey) throw new TypeError('oauth1: consumerKey must be a non-empty string');
  if (!consumerSecret) throw new TypeError('oauth1: consumerSecret must be a non-empty string');

  return {
    kind: 'oauth1',
    async authorize(request, context) {
      const { authorization } = signOAuth1({
        method: request.method,
        url: request.url,
        consumerKey,
        consumerSecret,
        signatureMethod,
        nonce: randomBytes(NONCE_BYTES).toString('hex'),
        timestamp: Math.floor(context.clock.now() / 1000),
        version: '1.0',
      });
      return { authorization };
    },
    // A replay would only change the nonce and timestamp. Neither fixes what a two-legged 401 means:
    // a wrong key or secret, our clock and the provider's disagreeing beyond its timestamp window, or
    // a base string the provider computes differently. Each would fail again identically and double the failed traffic.
    // The one thing a fresh signature cures, a replayed nonce, cannot happen with 128 random bits
    // signed per attempt.
    onUnauthorized: () => false,
  };
}
