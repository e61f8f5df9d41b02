/** Delays and stalls that end when the client aborts or the mock closes, so no timer outlives the mock. */

/** Pending waits of one provider. */
export interface Waits {
  /** Resolves true after `ms`, or false early if `signal` aborts or the provider closes. */
  delay(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** Resolves (false) only when `signal` aborts or the provider closes. */
  stall(signal?: AbortSignal): Promise<boolean>;
  /** Ends every pending wait and clears its timer. */
  closeAll(): void;
  /** Number of pending waits (a test can assert none leaked). */
  readonly pending: number;
}

/** Creates the wait registry. */
export function createWaits(): Waits {
  const pending = new Set<(completed: boolean) => void>();
  const wait = (ms: number | undefined, signal?: AbortSignal): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted) {
        resolve(false);
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (completed: boolean): void => {
        if (!pending.delete(finish)) return;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(completed);
      };
      const onAbort = (): void => finish(false);
      pending.add(finish);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (ms !== undefined) timer = setTimeout(() => finish(true), ms);
    });
  return {
    delay: (ms, signal) => (ms <= 0 ? Promise.resolve(true) : wait(ms, signal)),
    stall: (signal) => wait(undefined, signal),
    closeAll: () => {
      for (const finish of [...pending]) finish(false);
    },
    get pending() {
      return pending.size;
    },
  };
}
