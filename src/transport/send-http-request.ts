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
  return ky(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: request.signal,
    fetch: request.fetch,
    redirect: 'manual',
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
  });
}
