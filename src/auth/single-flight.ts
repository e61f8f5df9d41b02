/** Runs at most one task at a time; every caller that arrives meanwhile shares its result. */
export interface SingleFlight<T> {
  /**
   * Joins the running task, or starts `task` when none runs. `signal` lets this caller stop waiting
   * (rejecting with the signal's reason); the task is aborted only when every waiter has stopped.
   */
  run(task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** Callers still waiting; one without a signal never leaves, so the task then always completes. */
  waiters: number;
}

/**
 * Creates a {@link SingleFlight}. One caller aborting (a `break` out of one iterator) must not fail the
 * token request that other requests of the same client are waiting on, hence the waiter count.
 */
export function createSingleFlight<T>(): SingleFlight<T> {
  let current: Flight<T> | undefined;

  function start(task: (signal: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    // The async wrapper turns a synchronous throw into a rejection that every waiter sees.
    const flight: Flight<T> = { controller, waiters: 0, promise: (async () => task(controller.signal))() };
    // Cleared before any waiter resumes, so a caller after a failure starts a new task.
    flight.promise = flight.promise.finally(() => {
      if (current === flight) current = undefined;
    });
    // Nobody may be left to observe the rejection once every waiter has aborted.
    flight.promise.catch(() => undefined);
    return flight;
  }

  function wait(flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    flight.waiters += 1;
    if (signal === undefined) return flight.promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        flight.waiters -= 1;
        if (flight.waiters > 0) return;
        // Later callers must not join a task that is being torn down.
        if (current === flight) current = undefined;
        flight.controller.abort(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  return {
    run(task, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      current ??= start(task);
      return wait(current, signal);
    },
  };
}
