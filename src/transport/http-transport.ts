import type { Clock } from '../client/clock.js';
import { isOneRosterError } from '../errors/guards.js';
import { NetworkError } from '../errors/network-error.js';
import { redactUrl } from '../errors/redact.js';
import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import { BodyLimitExceeded, readLimitedBody } from './read-limited-body.js';
import { followRedirect, isRedirect } from './redirect-policy.js';
import { isStop, type RequestDeadline, startRequestDeadline } from './request-deadline.js';
import { sendHttpRequest } from './send-http-request.js';

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
  /** This request's timeout, when shorter than the transport's (what a retry budget has left). */
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
 * @throws the caller's abort reason when `signal` aborts
 * @throws NetworkError on a timeout or a connection failure
 * @throws RedirectError for a redirect to another origin
 * @throws ResponseTooLargeError past `maxResponseBytes`
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpExchange>;

/** Reads a system error code such as ECONNRESET from fetch's error or its cause. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A custom fetch may quote the URL in its message: keep only its redacted form. */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : 'request failed';
  return message.replace(/https?:\/\/\S+/g, (url) => redactUrl(url));
}

/** A response the client no longer waits for still holds a socket until its body is cancelled. */
function releaseLate(response: Promise<Response>): void {
  response.then(
    (late) => late.body?.cancel().catch(() => undefined),
    () => undefined,
  );
}

/** Creates the transport of one client (or of a token strategy's requests made through it). */
export function createHttpTransport(settings: HttpTransportSettings): HttpTransport {
  async function exchange(request: HttpRequest, deadline: RequestDeadline): Promise<HttpExchange> {
    let hop = { url: request.url, method: request.method, body: request.body };
    let headers = request.headers;
    for (let hops = 0; ; hops++) {
      const sent = sendHttpRequest({
        ...hop,
        headers,
        signal: deadline.signal,
        fetch: settings.fetch,
      });
      let response: Response;
      try {
        response = await deadline.race(sent);
      } catch (error) {
        if (isStop(error)) releaseLate(sent);
        throw error;
      }
      if (isRedirect(response.status) && response.headers.has('location')) {
        await response.body?.cancel().catch(() => undefined);
        hop = followRedirect(hop, response, hops);
        headers = request.headersForRedirect
          ? { ...headers, ...(await deadline.race(request.headersForRedirect(hop.url))) }
          : headers;
        continue;
      }
      try {
        const body = await readLimitedBody(response, settings.maxResponseBytes, deadline);
        return { status: response.status, headers: response.headers, body, url: hop.url };
      } catch (error) {
        if (!(error instanceof BodyLimitExceeded)) throw error;
        throw new ResponseTooLargeError({
          method: hop.method,
          url: redactUrl(hop.url),
          status: response.status,
          limitBytes: settings.maxResponseBytes,
        });
      }
    }
  }

  return async (request) => {
    const deadline = startRequestDeadline({
      signal: request.signal,
      clock: settings.clock,
      timeoutMs: Math.min(settings.timeoutMs, request.timeoutMs ?? Number.POSITIVE_INFINITY),
    });
    try {
      return await exchange(request, deadline);
    } catch (error) {
      const stopped = deadline.stopped;
      if (stopped !== undefined && 'aborted' in stopped) throw stopped.reason;
      const url = redactUrl(request.url);
      if (stopped !== undefined) throw new NetworkError({ method: request.method, url, timedOut: true });
      // The SDK's own errors (a refused redirect, a body too large, an auth failure) pass as they are.
      if (isOneRosterError(error)) throw error;
      const code = errorCode(error);
      throw new NetworkError({
        method: request.method,
        url,
        timedOut: false,
        ...(code ? { code } : {}),
        reason: describeFailure(error),
      });
    } finally {
      deadline.dispose();
    }
  };
}
