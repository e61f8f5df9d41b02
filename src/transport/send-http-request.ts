import ky from 'ky';

/** One hop of a request, as it goes on the wire. */
export interface WireRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  fetch: typeof globalThis.fetch;
}

/**
 * Sends one hop and returns the response with its body unread. The only module that imports ky:
 * ky's retry, timeout, error throwing and redirect following are off because the transport above
 * owns each of them (retries honour Retry-After on an injected clock; the timeout covers the body;
 * a redirect is followed only to the same origin).
 */
export function sendHttpRequest(request: WireRequest): Promise<Response> {
  // ky hands fetch the `Request` it built, which holds the signal; once that `Request` is
  // garbage-collected, an abort no longer reaches the exchange (nodejs/undici 3644 and 4068), and a
  // request the provider never answers keeps its socket, and the process, alive after the client
  // gave up. Given as fetch's own option, the signal stays linked to the exchange fetch starts.
  const fetchWithOwnSignal = (input: Request | URL | string, init?: RequestInit): Promise<Response> =>
    request.fetch(input, { ...init, signal: request.signal });
  return ky(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: request.signal,
    fetch: fetchWithOwnSignal,
    redirect: 'manual',
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
  });
}
