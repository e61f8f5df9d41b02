/** A token-bucket rate limit, answering 429 past it (for benchmarks of a client's limiter and backoff). */

/** Rate limit options. */
export interface RateLimitOptions {
  /** Sustained requests per second. */
  readonly requestsPerSecond: number;
  /**
   * Requests allowed at once after a quiet period.
   * @default requestsPerSecond
   */
  readonly burst?: number;
}

const SECONDS_TO_MS = 1_000;

/** A rate limiter: `take` returns 0 when the request may go, else the wait in milliseconds. */
export interface RateLimiter {
  take(nowMs: number): number;
}

/** Creates a rate limiter. */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const capacity = options.burst ?? options.requestsPerSecond;
  const refillPerMs = options.requestsPerSecond / SECONDS_TO_MS;
  let tokens = capacity;
  let lastMs: number | undefined;
  return {
    take: (nowMs) => {
      tokens = Math.min(capacity, tokens + (lastMs === undefined ? 0 : (nowMs - lastMs) * refillPerMs));
      lastMs = nowMs;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - tokens) / refillPerMs);
    },
  };
}
