import type { Clock } from '../base/clock.js';

/** Why a request was stopped before it ended on its own. */
export type StopReason = { readonly timedOut: true } | { readonly aborted: true; readonly reason: unknown };

/** The rejection `race` uses once the request is stopped; the caller reads `stopped` for why. */
const STOPPED = Symbol('request stopped');

/**
 * One request's timeout and its callers' aborts, held by this object rather than by `fetch`.
 *
 * `signal` goes to `fetch` too, but the SDK cannot rely on it: a `Request` built with a signal loses
 * the link to that signal once the `Request` object is garbage-collected (nodejs/undici 3644 and
 * 4068, nodejs/node 55428), and then neither the timeout nor an abort ends the request. So every
 * await of the request goes through `race`, which settles as soon as the deadline passes or a
 * caller aborts, and `onStop` lets the request cancel its body stream, which frees the socket
 * without the signal. The timer and the listener on the caller's signal are ordinary strong
 * references, so no garbage collection can drop them.
 */
export interface RequestDeadline {
  /** Aborted when the request is stopped; handed to fetch as a best effort. */
  readonly signal: AbortSignal;
  /** Undefined while the request may go on. */
  readonly stopped: StopReason | undefined;
  /** `work`, or a rejection as soon as the request is stopped; check `isStop` on the rejection. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Runs `listener` when the request is stopped (at once when it already is). */
  onStop(listener: () => void): void;
  /** Stops the timer and detaches from the caller's signal. Call it when the request has ended. */
  dispose(): void;
}

/** True for the rejection of {@link RequestDeadline.race} once the request was stopped. */
export function isStop(error: unknown): boolean {
  return error === STOPPED;
}

/**
 * Starts the deadline of one request: it stops after `timeoutMs` on `clock`, or when `signal` aborts.
 */
export function startRequestDeadline(options: {
  signal: AbortSignal | undefined;
  clock: Clock;
  timeoutMs: number;
}): RequestDeadline {
  const controller = new AbortController();
  const timer = new AbortController();
  const listeners: (() => void)[] = [];
  const detach: (() => void)[] = [];
  let stopped: StopReason | undefined;
  let rejectStopped: (reason: unknown) => void = () => undefined;
  const whenStopped = new Promise<never>((_resolve, reject) => {
    rejectStopped = reject;
  });
  // Nobody may be racing when the stop comes.
  whenStopped.catch(() => undefined);

  function stop(reason: StopReason): void {
    if (stopped !== undefined) return;
    stopped = reason;
    controller.abort('aborted' in reason ? reason.reason : new Error('request timed out'));
    rejectStopped(STOPPED);
    for (const listener of listeners.splice(0)) {
      try {
        listener();
      } catch {
        // Cancelling a body that already ended may throw; the request is over either way.
      }
    }
  }

  const { signal } = options;
  if (signal?.aborted) stop({ aborted: true, reason: signal.reason });
  else if (signal !== undefined) {
    const onAbort = () => stop({ aborted: true, reason: signal.reason });
    signal.addEventListener('abort', onAbort, { once: true });
    detach.push(() => signal.removeEventListener('abort', onAbort));
  }
  if (stopped === undefined) {
    options.clock.sleep(options.timeoutMs, timer.signal).then(
      () => stop({ timedOut: true }),
      () => undefined,
    );
  }

  return {
    signal: controller.signal,
    get stopped() {
      return stopped;
    },
    race(work) {
      if (stopped === undefined) return Promise.race([work, whenStopped]);
      // Observed, so a late failure of work nobody waits for is not an unhandled rejection.
      work.catch(() => undefined);
      return whenStopped;
    },
    onStop(listener) {
      if (stopped === undefined) listeners.push(listener);
      else listener();
    },
    dispose() {
      timer.abort();
      for (const remove of detach.splice(0)) remove();
      listeners.length = 0;
    },
  };
}
