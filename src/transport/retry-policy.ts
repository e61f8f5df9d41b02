import type { ResolvedClientOptions } from '../base/options.js';
import { isHttpError, isNetworkError, isProtocolError, isTokenError } from '../errors/guards.js';
import { computeBackoffMs } from './backoff.js';

/** Transient statuses: a later attempt may succeed. 400, 401, 403, 404, 413 and 422 will not. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** True when the failure is transient and a later attempt may succeed. */
export function isRetryable(error: unknown): boolean {
  if (isHttpError(error)) return RETRYABLE_STATUSES.has(error.status);
  if (isNetworkError(error) || isProtocolError(error)) return true;
  // A token endpoint that is down or throttling is transient; one refusing the credentials is not.
  if (isTokenError(error)) return error.status === undefined || error.status === 429 || error.status >= 500;
  return false;
}

/**
 * How long to wait before retry number `retryNumber` (1 for the first), or undefined to give up now:
 * the provider's Retry-After when it sent one (never less than asked), else backoff with full
 * jitter. A Retry-After beyond `maxRetryAfterMs` gives up at once rather than sleep for it.
 */
export function retryDelayMs(
  error: Error,
  retryNumber: number,
  options: Pick<ResolvedClientOptions, 'retry' | 'random'>,
): number | undefined {
  if (!isRetryable(error)) return undefined;
  const retryAfterMs = isHttpError(error) ? error.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) {
    return retryAfterMs > options.retry.maxRetryAfterMs ? undefined : retryAfterMs;
  }
  return computeBackoffMs(retryNumber, options.retry, options.random);
}
