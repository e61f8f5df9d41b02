import type { OneRosterEvent } from '../../base/events.js';
import type { AnyOneRosterClient } from '../../client/create-client.js';
import { isHttpError } from '../../errors/guards.js';
import type { QueryParameters } from '../../transport/build-url.js';

/** A probe request the provider answered with 2xx. */
export interface ProbeAnswer {
  readonly ok: true;
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly ms: number;
}

/** A probe request that failed: an HTTP error, a body that is not data, or no answer at all. */
export interface ProbeFailure {
  readonly ok: false;
  readonly status: number | undefined;
  readonly error: unknown;
  /**
   * The raw body of an HTTP error, to classify its shape. Never printed: a provider may echo a query
   * value (a name) in it.
   */
  readonly errorBody: string | undefined;
  readonly ms: number;
}

/** Requests through the client, with what the raw responses showed. */
export interface ProbeSession {
  get(path: string | readonly string[], query?: QueryParameters): Promise<ProbeAnswer | ProbeFailure>;
  /** Names of every response header the provider sent, lower case. */
  readonly headerNames: ReadonlySet<string>;
  /** Durations of the successful requests, in milliseconds. */
  readonly durations: readonly number[];
  /** Requests made, retries included. */
  readonly requests: () => number;
  /** 429 answers seen. */
  readonly throttled: () => number;
  /** Records the client quarantined (lenient validation), by collection. */
  readonly quarantined: () => Readonly<Record<string, number>>;
}

/** What the probe session needs to wrap around a client before it is created. */
export interface ProbeRecorder {
  /** A fetch that notes header names and error bodies of data responses (never of the token endpoint). */
  readonly fetch: typeof globalThis.fetch;
  readonly onEvent: (event: OneRosterEvent) => void;
  /** Binds the client made with this recorder's fetch and onEvent. */
  session(client: AnyOneRosterClient): ProbeSession;
}

/** Seams of the recorder, for tests. */
export interface ProbeRecorderOptions {
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /**
   * The clock every probe's time is measured with, in milliseconds.
   * @default performance.now
   */
  now?: () => number;
}

/** Sets up the recording; the doctor makes its client with `recorder.fetch` and `recorder.onEvent`. */
export function createProbeRecorder(options: ProbeRecorderOptions = {}): ProbeRecorder {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? (() => performance.now());
  const headerNames = new Set<string>();
  const durations: number[] = [];
  const quarantined: Record<string, number> = {};
  let lastErrorBody: string | undefined;
  let requests = 0;
  let throttled = 0;
  // Set when the client is bound: until then no data request can have been made.
  let base: string | undefined;

  const recordingFetch: typeof globalThis.fetch = async (input, init) => {
    const response = await send(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (base !== undefined && url.startsWith(base)) {
      for (const name of response.headers.keys()) headerNames.add(name.toLowerCase());
      if (response.status >= 400) lastErrorBody = await response.clone().text();
    }
    return response;
  };
  const onEvent = (event: OneRosterEvent): void => {
    if (event.type === 'request') requests++;
    if (event.type === 'rate-limited') throttled++;
    if (event.type === 'record-quarantined') {
      quarantined[event.collection] = (quarantined[event.collection] ?? 0) + 1;
    }
  };

  return {
    fetch: recordingFetch,
    onEvent,
    session(client) {
      base = client.options.baseUrl;
      return {
        async get(path, query) {
          lastErrorBody = undefined;
          const started = now();
          try {
            const response = await client.request(path, query ? { query } : {});
            const ms = now() - started;
            durations.push(ms);
            return { ok: true, status: response.status, headers: response.headers, body: response.data, ms };
          } catch (error) {
            const status = isHttpError(error) ? error.status : undefined;
            return { ok: false, status, error, errorBody: lastErrorBody, ms: now() - started };
          }
        },
        headerNames,
        durations,
        requests: () => requests,
        throttled: () => throttled,
        quarantined: () => quarantined,
      };
    },
  };
}
