import type { Clock } from '../../src/base/clock.js';

/**
 * A clock that moves only when the test says so: every sleep waits until `advance` passes its wake
 * time, so a test decides exactly when a deadline falls (after a forced GC, say) and never waits for
 * real time.
 */
export interface ManualClock extends Clock {
  /** Moves time forward and wakes every sleep due by then, in wake order. */
  advance(ms: number): void;
  /** Sleeps not yet woken or aborted. */
  pendingSleeps(): number;
  /** Resolves when a sleep of exactly `ms` is pending: a request's timer, or a retry's wait, has started. */
  sleepStarted(ms: number): Promise<void>;
}

export function createManualClock(start = Date.parse('2026-11-23T08:00:00Z')): ManualClock {
  let now = start;
  const pending: { wakeAt: number; ms: number; wake: () => void }[] = [];
  let watchers: { ms: number; resolve: () => void }[] = [];

  function notify(): void {
    watchers = watchers.filter((watcher) => {
      if (!pending.some((entry) => entry.ms === watcher.ms)) return true;
      watcher.resolve();
      return false;
    });
  }

  return {
    now: () => now,
    advance(ms) {
      now += ms;
      pending.sort((a, b) => a.wakeAt - b.wakeAt);
      while (pending[0] !== undefined && pending[0].wakeAt <= now) pending.shift()?.wake();
    },
    pendingSleeps: () => pending.length,
    sleepStarted: (ms) =>
      new Promise((resolve) => {
        watchers.push({ ms, resolve });
        notify();
      }),
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const entry = {
          wakeAt: now + ms,
          ms,
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const index = pending.indexOf(entry);
          if (index !== -1) pending.splice(index, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.push(entry);
        notify();
      });
    },
  };
}
