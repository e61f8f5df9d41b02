import pLimit from 'p-limit';
import type { Clock } from '../base/clock.js';

/** Successful responses needed before a throttled limiter takes one step back up. */
const RECOVERY_STEP_RESPONSES = 20;
/** The pace never drops below this, so a long cool-down still makes progress. */
const MIN_REQUESTS_PER_SECOND = 0.1;

/** The one limiter of a client: every request of every iterator goes through it. */
export interface RateLimiter {
  /** Runs `task` when a concurrency slot and a rate slot are free. */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The provider answered 429: pause everyone for `retryAfterMs` and halve the pace. */
  onThrottled(retryAfterMs: number | undefined): void;
  /** A request succeeded: after enough of them, grow the pace back towards the configured one. */
  onSuccess(): void;
  /** Current allowed requests per second (Infinity when unlimited) and concurrency. */
  readonly current: { requestsPerSecond: number; concurrency: number };
}

/**
 * p-limit bounds requests in flight; a virtual-schedule token bucket of capacity one paces request
 * starts (each start reserves the next slot synchronously, so concurrent callers never share one).
 * After a 429 both are halved (AIMD) and grow back one step per {@link RECOVERY_STEP_RESPONSES}
 * successes: a throttling provider is not hammered, a healthy one regains full speed.
 */
export function createRateLimiter(options: {
  concurrency: number;
  requestsPerSecond: number | undefined;
  clock: Clock;
}): RateLimiter {
  const { clock } = options;
  const limit = pLimit(options.concurrency);
  const configuredRate = options.requestsPerSecond ?? Number.POSITIVE_INFINITY;
  let rate = configuredRate;
  let nextStartAt = 0;
  let pausedUntil = 0;
  let successesSinceStep = 0;

  async function waitForTurn(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const now = clock.now();
      if (pausedUntil > now) {
        await clock.sleep(pausedUntil - now, signal);
        continue;
      }
      if (!Number.isFinite(rate)) return;
      const startAt = Math.max(now, nextStartAt);
      nextStartAt = startAt + 1000 / rate;
      if (startAt > now) await clock.sleep(startAt - now, signal);
      return;
    }
  }

  return {
    schedule(task, signal) {
      return limit(async () => {
        signal?.throwIfAborted();
        await waitForTurn(signal);
        return task();
      });
    },
    onThrottled(retryAfterMs) {
      if (retryAfterMs !== undefined) pausedUntil = Math.max(pausedUntil, clock.now() + retryAfterMs);
      successesSinceStep = 0;
      limit.concurrency = Math.max(1, Math.floor(limit.concurrency / 2));
      if (Number.isFinite(rate)) rate = Math.max(MIN_REQUESTS_PER_SECOND, rate / 2);
    },
    onSuccess() {
      const throttled = limit.concurrency < options.concurrency || rate < configuredRate;
      if (!throttled || ++successesSinceStep < RECOVERY_STEP_RESPONSES) return;
      successesSinceStep = 0;
      limit.concurrency = Math.min(options.concurrency, limit.concurrency + 1);
      if (Number.isFinite(configuredRate)) rate = Math.min(configuredRate, rate + configuredRate / 10);
    },
    get current() {
      return { requestsPerSecond: rate, concurrency: limit.concurrency };
    },
  };
}
