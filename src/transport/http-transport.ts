import type {
  HttpExchange,
  HttpRequest,
  HttpTransport,
  HttpTransportSettings,
} from '../base/http-exchange.js';
import { isObject } from '../base/is-object.js';
import { AbortError } from '../errors/abort-error.js';
import { isOneRosterError } from '../errors/guards.js';
import { NetworkError } from '../errors/network-error.js';
import { redactUrl } from '../errors/redact.js';
import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import { BodyLimitExceeded, readLimitedBody } from './read-limited-body.js';
import { followRedirect, isRedirect } from './redirect-policy.js';
import { isStop, type RequestDeadline, startRequestDeadline } from './request-deadline.js';
import { sendHttpRequest } from './send-http-request.js';

/** Reads a system error code such as ECONNRESET from fetch's error or its cause. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; isObject(current) && depth < 4; depth++) {
    const code = current['code'];
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    current = current['cause'];
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
        url: hop.url,
        method: hop.method,
        ...(hop.body === undefined ? {} : { body: hop.body }),
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
      timeoutMs: request.timeoutMs ?? settings.timeoutMs,
    });
    try {
      return await exchange(request, deadline);
    } catch (error) {
      const stopped = deadline.stopped;
      const url = redactUrl(request.url);
      if (stopped !== undefined && 'aborted' in stopped) {
        throw new AbortError({ method: request.method, url, reason: stopped.reason });
      }
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
