/** One signal that aborts when any of several does, and a way to let go of them. */
export interface LinkedSignal {
  readonly signal: AbortSignal | undefined;
  /** Detaches from the source signals: a long-lived client signal must not gather listeners. */
  unlink(): void;
}

/**
 * Links the client's signal and a call's signal with ordinary listeners. `AbortSignal.any` would do
 * the same, but its sources hold the combined signal only weakly, and a request must never depend
 * on what the garbage collector keeps (see request-deadline.ts).
 */
export function linkSignals(signals: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const given = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (given.length <= 1) return { signal: given[0], unlink: () => undefined };
  const controller = new AbortController();
  const detach: (() => void)[] = [];
  for (const signal of given) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    detach.push(() => signal.removeEventListener('abort', onAbort));
  }
  return {
    signal: controller.signal,
    unlink: () => {
      for (const remove of detach.splice(0)) remove();
    },
  };
}
