import type { AuthContext } from '../base/auth-strategy.js';
import { isNetworkError, isRedirectError, isResponseTooLargeError } from '../errors/guards.js';
import { TokenError } from '../errors/token-error.js';
import { type GrantedToken, parseTokenResponse, type TokenResponseSource } from './parse-token-response.js';

/** One client credentials grant request (RFC 6749 4.4.2), ready to send. */
export interface TokenRequest extends TokenResponseSource {
  /** The token URL as configured; `tokenUrl` is its redacted form, for errors. */
  url: string;
  headers: Record<string, string>;
  /** The form-encoded body. */
  body: string;
}

/** The transport's failure, told as a token error: the grant's URL and status, never its secrets. */
function toTokenError(error: unknown, request: TokenRequest): unknown {
  const { tokenUrl } = request;
  if (isNetworkError(error)) {
    const reason = error.timedOut ? 'timed out' : `network error${error.code ? ` (${error.code})` : ''}`;
    return new TokenError({ tokenUrl, reason });
  }
  if (isRedirectError(error)) {
    const reason =
      error.reason === 'cross-origin'
        ? `redirected to another origin (${error.location}); a token request never follows one`
        : `redirected ${error.reason === 'too-many' ? 'too many times' : 'without a Location'}`;
    return new TokenError({ tokenUrl, status: error.status, reason });
  }
  if (isResponseTooLargeError(error)) {
    return new TokenError({
      tokenUrl,
      status: error.status,
      reason: `the response is larger than maxResponseBytes (${error.limitBytes} bytes)`,
    });
  }
  return error;
}

/**
 * Sends the token request through the client's transport and parses the answer. An abort of
 * `signal` (every waiting caller gave up) rejects with the signal's reason; a timeout, a network
 * failure, a redirect to another origin or an oversized body is a TokenError whose message names
 * the failure but never quotes the request.
 */
export async function requestToken(
  request: TokenRequest,
  context: AuthContext,
  signal: AbortSignal,
): Promise<GrantedToken> {
  let exchange: Awaited<ReturnType<AuthContext['send']>>;
  try {
    exchange = await context.send({
      method: 'POST',
      url: request.url,
      headers: request.headers,
      body: request.body,
      signal,
    });
  } catch (error) {
    throw toTokenError(error, request);
  }
  return parseTokenResponse(exchange.status, exchange.body, request);
}
