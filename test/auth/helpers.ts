import type { AuthContext } from '../../src/base/auth-strategy.js';
import type { Clock } from '../../src/base/clock.js';
import type { OneRosterEvent } from '../../src/base/events.js';
import { createHttpTransport } from '../../src/transport/http-transport.js';

/** A clock that only moves when the test says so; `sleep` resolves when `advance` passes its deadline. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
  /** Sleeps not yet resolved or aborted. */
  pendingSleeps(): number;
}

export function createFakeClock(startMs = 1_700_000_000_000): FakeClock {
  let nowMs = startMs;
  const sleeps = new Set<{ atMs: number; resolve: () => void }>();
  return {
    now: () => nowMs,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const entry = { atMs: nowMs + ms, resolve };
        sleeps.add(entry);
        signal?.addEventListener('abort', () => {
          sleeps.delete(entry);
          reject(signal.reason);
        });
      });
    },
    advance(ms) {
      nowMs += ms;
      for (const entry of sleeps) {
        if (entry.atMs <= nowMs) {
          sleeps.delete(entry);
          entry.resolve();
        }
      }
    },
    pendingSleeps: () => sleeps.size,
  };
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal | undefined;
}

export type Responder = (request: RecordedRequest, index: number) => Response | Promise<Response>;

/** A fetch that records every request (headers lower-cased, body as text) and answers with `respond`. */
export function createRecordingFetch(respond: Responder) {
  const requests: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, { ...init, signal: null });
    const recorded: RecordedRequest = {
      url: request.url,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
      // The transport sends a Request (through ky) whose signal travels inside it.
      signal: init?.signal ?? (input instanceof Request ? input.signal : undefined),
    };
    requests.push(recorded);
    return respond(recorded, requests.length - 1);
  };
  return { fetch, requests };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A response that never arrives: rejects with the abort reason, as fetch does, once the signal aborts. */
export function hangUntilAborted(request: RecordedRequest): Promise<Response> {
  return new Promise((_resolve, reject) => {
    request.signal?.addEventListener('abort', () => reject(request.signal?.reason));
  });
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function createContext(fetch: typeof globalThis.fetch, clock: Clock = createFakeClock()) {
  const events: OneRosterEvent[] = [];
  const context: AuthContext = {
    send: createHttpTransport({ fetch, clock, timeoutMs: 5_000, maxResponseBytes: 1_000_000 }),
    clock,
    userAgent: 'oneroster-test/1.0',
    emit: (event) => events.push(event),
  };
  return { context, events };
}

/**
 * Lets pending promise callbacks run (the transport builds its request through ky, and the fake
 * fetch awaits the request body before answering): a few turns of the event loop, on no clock.
 */
export async function flushPromises(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Everything an error tracker would record: own properties, name, message, stack and the cause chain. */
export function serializeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
    if (current instanceof Error) {
      const own = Object.fromEntries(
        Object.getOwnPropertyNames(current).map((key) => [key, Reflect.get(current as object, key)]),
      );
      parts.push(
        JSON.stringify({ ...own, name: current.name, message: current.message, stack: current.stack }),
      );
      parts.push(String(current));
      current = current.cause;
    } else {
      parts.push(JSON.stringify(current) ?? String(current));
      current = undefined;
    }
  }
  return parts.join('\n');
}
