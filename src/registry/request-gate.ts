/**
 * A counting semaphore: at most `size` holders at once, the rest wait in order. The workers cap the
 * runs and the requests of a provider host with it.
 */
export interface Gate {
  readonly size: number;
  /** Resolves once a place is free; call the returned function once to give it back. */
  acquire(): Promise<() => void>;
}

/** A {@link Gate} of `size` places. */
export function createGate(size: number): Gate {
  let held = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) held--;
    else next();
  };
  return {
    size,
    acquire() {
      const once = () => {
        let released = false;
        return () => {
          if (released) return;
          released = true;
          release();
        };
      };
      if (held < size) {
        held++;
        return Promise.resolve(once());
      }
      return new Promise((resolve) => waiting.push(() => resolve(once())));
    },
  };
}

/**
 * A fetch that holds a place of `gate` for each request, token requests included, from its start
 * until its body is read to the end or cancelled: the exchange the provider sees in flight.
 */
export function gatedFetch(
  gate: Gate,
  inner: typeof globalThis.fetch = globalThis.fetch,
): typeof globalThis.fetch {
  return async (input, init) => {
    const release = await gate.acquire();
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      release();
      throw error;
    }
    const body = response.body;
    if (body === null) {
      release();
      return response;
    }
    const reader = body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const chunk = await reader.read();
          if (chunk.done) {
            release();
            controller.close();
          } else controller.enqueue(chunk.value);
        } catch (error) {
          release();
          controller.error(error);
        }
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    });
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
