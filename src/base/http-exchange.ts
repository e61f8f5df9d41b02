import type { Clock } from './clock.js';

/*
 * The contract of the one HTTP path: implemented by transport/, used by auth strategies (token
 * requests) and by the request executor, so neither depends on how requests are sent.
 */

/** One request as a layer above hands it to the transport. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** A form or JSON body, for POST. */
  body?: string;
  /** Aborts the request: the transport rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * The headers for a same-origin redirect's next hop, when they depend on the URL (OAuth 1.0a signs
   * each URL). The same headers go to every hop when absent.
   */
  headersForRedirect?: (url: string) => Promise<Record<string, string>>;
  /** This request's timeout, replacing the transport's (a call's own, cut to what a retry budget has left). */
  timeoutMs?: number;
}

/** One HTTP exchange with its body fully read. */
export interface HttpExchange {
  status: number;
  headers: Headers;
  body: string;
  /** The URL that answered, after same-origin redirects. */
  url: string;
}

/** What every request of a client shares. */
export interface HttpTransportSettings {
  fetch: typeof globalThis.fetch;
  clock: Clock;
  /** Per request, covering every hop, the headers and the whole body. */
  timeoutMs: number;
  /** Largest body read, in bytes after decompression. */
  maxResponseBytes: number;
}

/**
 * Sends one request and reads its answer: the one HTTP path of the client, used by data requests and
 * by token requests alike, so each rule below holds for both and is tested once.
 * @throws AbortError when `signal` aborts (its reason as `cause`)
 * @throws NetworkError on a timeout or a connection failure
 * @throws RedirectError for a redirect to another origin
 * @throws ResponseTooLargeError past `maxResponseBytes`
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpExchange>;
