import type { Clock } from '../../src/base/clock.js';
import { DEFAULT_TIMEOUT_MS } from '../../src/base/options.js';

/** A clock whose waits take no real time; `sleeps` records every wait asked for. */
export interface VirtualClock extends Clock {
  readonly sleeps: number[];
  advance(ms: number): void;
}

/**
 * Virtual time for tests: each sleep wakes in order of its virtual wake time, one per macrotask, so
 * no test waits for real. Request timeouts are the exception: a sleep of exactly `timeoutMs` waits
 * `realTimeoutDelayMs` of real time instead, so a healthy response always beats its own deadline
 * while a stalled one still times out quickly.
 */
export function createVirtualClock(
  options: { timeoutMs?: number; realTimeoutDelayMs?: number } = {},
): VirtualClock {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let now = Date.parse('2026-11-23T08:00:00Z');
  const sleeps: number[] = [];
  const pending: { wakeAt: number; resolve: () => void }[] = [];
  let flushScheduled = false;

  function flush(): void {
    flushScheduled = false;
    pending.sort((a, b) => a.wakeAt - b.wakeAt);
    const next = pending.shift();
    if (!next) return;
    now = Math.max(now, next.wakeAt);
    next.resolve();
    if (pending.length > 0) scheduleFlush();
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        // Listeners are removed when the sleep ends, as the system clock does: a long pull shares one signal.
        const onAbort = () => {
          clearTimeout(timer);
          const index = pending.indexOf(entry);
          if (index !== -1) pending.splice(index, 1);
          reject(signal?.reason);
        };
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        let timer: ReturnType<typeof setTimeout> | undefined;
        const entry = { wakeAt: now + ms, resolve: wake };
        signal?.addEventListener('abort', onAbort, { once: true });
        if (ms === timeoutMs) {
          timer = setTimeout(() => {
            now += ms;
            wake();
          }, options.realTimeoutDelayMs ?? 5_000);
          timer.unref();
          return;
        }
        sleeps.push(ms);
        pending.push(entry);
        scheduleFlush();
      });
    },
  };
}
