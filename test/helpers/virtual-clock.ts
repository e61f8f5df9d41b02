import type { Clock } from '../../src/base/clock.js';
import { DEFAULT_TIMEOUT_MS } from '../../src/base/options.js';

/** A clock whose waits take no real time; `sleeps` records every wait asked for. */
export interface VirtualClock extends Clock {
  readonly sleeps: number[];
  advance(ms: number): void;
  /** Request deadlines (sleeps of exactly `timeoutMs`) not yet expired or cancelled. */
  pendingDeadlines(): number;
  /**
   * Expires every pending request deadline: the clock moves on by `timeoutMs` and those requests time
   * out. Returns how many expired. Call it once the provider holds a stalled request.
   */
  expireDeadlines(): number;
}

/**
 * Virtual time for tests: each sleep wakes in order of its virtual wake time, one per macrotask, so
 * no test waits for real. Request deadlines are the exception: a sleep of exactly `timeoutMs` wakes
 * only when the test calls `expireDeadlines()`, so a healthy response never races its own deadline,
 * however loaded the machine, and a stalled one times out exactly when the test says so.
 */
export function createVirtualClock(options: { timeoutMs?: number } = {}): VirtualClock {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let now = Date.parse('2026-11-23T08:00:00Z');
  const sleeps: number[] = [];
  const pending: { wakeAt: number; resolve: () => void }[] = [];
  const deadlines = new Set<() => void>();
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
    pendingDeadlines: () => deadlines.size,
    expireDeadlines() {
      const expired = [...deadlines];
      if (expired.length > 0) now += timeoutMs;
      for (const expire of expired) expire();
      return expired.length;
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        // Listeners are removed when the sleep ends, as the system clock does: a long pull shares one signal.
        const onAbort = () => {
          deadlines.delete(wake);
          const index = pending.indexOf(entry);
          if (index !== -1) pending.splice(index, 1);
          reject(signal?.reason);
        };
        const wake = () => {
          deadlines.delete(wake);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const entry = { wakeAt: now + ms, resolve: wake };
        signal?.addEventListener('abort', onAbort, { once: true });
        if (ms === timeoutMs) {
          deadlines.add(wake);
          return;
        }
        sleeps.push(ms);
        pending.push(entry);
        scheduleFlush();
      });
    },
  };
}
