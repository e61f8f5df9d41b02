import ky from 'ky';

/** One HTTP exchange with its body fully read. */
export interface HttpExchange {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * Sends one GET and reads the whole body. The only module that imports ky: ky's retry, timeout and
 * error throwing are off because one layer above owns each of them (retries honour Retry-After and
 * an injected clock; the timeout covers the body as well as the headers).
 */
export async function sendHttpRequest(request: {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  fetch: typeof globalThis.fetch;
}): Promise<HttpExchange> {
  const response = await ky(request.url, {
    method: 'get',
    headers: request.headers,
    signal: request.signal,
    fetch: request.fetch,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
  });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body };
}
