import { type ResolvedClientOptions, type RetryOptions, resolveHeaders } from '../base/options.js';

/** What one call (`list`, `get`, `pages`, `client.request`) may change for its own requests. */
export interface CallOptions {
  /**
   * Timeout of each of this call's requests (each page of a pull, each retry), covering the headers
   * and the whole body, in milliseconds. Replaces the client's `timeoutMs`, longer or shorter; the
   * retry budget (`retry.maxElapsedMs`) still bounds it.
   * @default the client's `timeoutMs`
   */
  timeoutMs?: number;
  /**
   * Retry policy of this call, merged over the client's option by option.
   * @default the client's `retry`
   * @example { retries: 0 } // fail fast on an interactive page
   */
  retry?: RetryOptions;
  /**
   * Headers for this call's requests, merged over the client's `headers` (this call's win). The
   * rules of the client's `headers` hold: `authorization`, `accept`, `user-agent` and the auth
   * strategy's own headers are refused, and every value is treated as a secret.
   * @default {}
   */
  headers?: Record<string, string>;
}

/** A call's options merged over the client's, checked. */
export interface ResolvedCall {
  readonly timeoutMs: number;
  readonly retry: Required<RetryOptions>;
  readonly headers: Readonly<Record<string, string>>;
}

function positive(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`oneroster: \`${name}\` must be a positive number, got ${value}`);
  }
}

function nonNegative(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`oneroster: \`${name}\` must be a non-negative number, got ${value}`);
  }
}

/**
 * The options a call's requests are sent with: the call's own over the client's. Called where the
 * call is made, so a wrong option fails there (a `TypeError`), before any request.
 * @throws TypeError for a wrong timeout, retry option or header (see `ClientOptions.headers`)
 */
export function resolveCall(options: ResolvedClientOptions, call: CallOptions = {}): ResolvedCall {
  positive('timeoutMs', call.timeoutMs);
  const retry = call.retry ?? {};
  nonNegative('retry.retries', retry.retries);
  nonNegative('retry.minDelayMs', retry.minDelayMs);
  nonNegative('retry.maxDelayMs', retry.maxDelayMs);
  nonNegative('retry.maxRetryAfterMs', retry.maxRetryAfterMs);
  positive('retry.maxElapsedMs', retry.maxElapsedMs);
  const headers = resolveHeaders(call.headers, 'headers');
  return {
    timeoutMs: call.timeoutMs ?? options.timeoutMs,
    retry: {
      retries: retry.retries ?? options.retry.retries,
      minDelayMs: retry.minDelayMs ?? options.retry.minDelayMs,
      maxDelayMs: retry.maxDelayMs ?? options.retry.maxDelayMs,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? options.retry.maxRetryAfterMs,
      maxElapsedMs: retry.maxElapsedMs ?? options.retry.maxElapsedMs,
    },
    headers: { ...options.headers, ...headers },
  };
}

/**
 * The headers of one attempt: the client's own, the caller's, then the auth strategy's. A caller's
 * header that the strategy also sets is refused rather than overridden either way: a gateway key
 * sent under the name of a credential would silently replace it, or be silently dropped.
 * @throws TypeError naming the header (never its value)
 */
export function attemptHeaders(
  own: Record<string, string>,
  call: ResolvedCall,
  authHeaders: Record<string, string>,
): Record<string, string> {
  for (const name of Object.keys(authHeaders)) {
    if (Object.hasOwn(call.headers, name.toLowerCase())) {
      throw new TypeError(
        `oneroster: \`headers\` cannot set ${name.toLowerCase()}: the auth strategy sends it`,
      );
    }
  }
  return { ...own, ...call.headers, ...authHeaders };
}
