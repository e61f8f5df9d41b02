import type { AuthStrategy } from '../base/auth-strategy.js';

/** A token, or a function asked for the current token before every request (so it can rotate). */
export type BearerTokenSource = string | (() => string | Promise<string>);

/** The strategy {@link bearerToken} returns. */
export interface BearerTokenStrategy extends AuthStrategy {
  readonly kind: 'bearer';
  /** True for the function form, which may return a rotated token; false for a fixed token. */
  onUnauthorized(): boolean;
}

function requireToken(token: unknown): string {
  if (typeof token !== 'string' || token.length === 0) {
    throw new TypeError('bearerToken: the token must be a non-empty string');
  }
  return token;
}

/**
 * A bearer token handed out by the provider (RFC 6750), for providers that issue static tokens instead
 * of OAuth. Pass a function to rotate it: it is called for every request, and once more after a 401.
 *
 * @example
 * ```ts
 * const fixed = bearerToken(tokenFromTheProvider);
 * const rotating = bearerToken(async () => (await secrets.read('oneroster-token')).value);
 * ```
 */
export function bearerToken(source: BearerTokenSource): BearerTokenStrategy {
  if (typeof source === 'string') {
    const authorization = `Bearer ${requireToken(source)}`;
    return {
      kind: 'bearer',
      authorize: async () => ({ authorization }),
      // The same token would be sent again: replaying cannot succeed.
      onUnauthorized: () => false,
    };
  }
  if (typeof source !== 'function') throw new TypeError('bearerToken: expected a string or a function');
  return {
    kind: 'bearer',
    authorize: async () => ({ authorization: `Bearer ${requireToken(await source())}` }),
    // The function is asked again for the replay, so a token rotated meanwhile can succeed.
    onUnauthorized: () => true,
  };
}
