/** `X-RateLimit-Reset` above this is an epoch time in seconds, below it a delay in seconds. */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;
/** Above this it is an epoch time in milliseconds (some gateways send that). */
const EPOCH_MILLISECONDS_THRESHOLD = 1_000_000_000_000;

/**
 * How long the provider asked us to wait, in milliseconds: `Retry-After` as seconds or an HTTP date
 * (RFC 9110 10.2.3), else `X-RateLimit-Reset` as a delay or an epoch time. Undefined when neither
 * header is present or readable; never negative.
 */
export function parseRetryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    // An HTTP date names its weekday and month; Date.parse alone would read '-5' as a year.
    const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    if (value >= EPOCH_MILLISECONDS_THRESHOLD) return Math.max(0, Math.round(value - nowMs));
    if (value >= EPOCH_SECONDS_THRESHOLD) return Math.max(0, Math.round(value * 1000 - nowMs));
    return Math.round(value * 1000);
  }
  return undefined;
}
