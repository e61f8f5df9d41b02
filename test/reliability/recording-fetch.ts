/** The client's fetch in the matrix: records every exchange, and every credential that crossed the wire. */
import type { Clock } from '../../src/base/clock.js';

/** One request the client sent and what came back, on the virtual clock. */
export interface Exchange {
  method: string;
  url: URL;
  status: number | undefined;
  headers: Headers | undefined;
  /** The Authorization header sent. */
  authorization: string | undefined;
  startedAt: number;
  endedAt: number;
}

/**
 * Wraps the global fetch (msw's, or the real one for socket scenarios). Credentials go into `secrets`:
 * Authorization headers, the token or signature inside them, and access tokens the provider issued.
 */
export function createRecordingFetch(
  clock: Clock,
  exchanges: Exchange[],
  secrets: Set<string>,
): typeof globalThis.fetch {
  return async (input, init) => {
    // A clone: reading a Request's headers through `new Request(input)` would take its body.
    const request = input instanceof Request ? input.clone() : new Request(input, init);
    const authorization = request.headers.get('authorization') ?? undefined;
    if (authorization !== undefined) {
      secrets.add(authorization);
      const credential = /^\S+\s+(.+)$/.exec(authorization)?.[1];
      if (credential) secrets.add(credential);
      const signature = /oauth_signature="([^"]+)"/.exec(authorization)?.[1];
      if (signature) {
        secrets.add(signature);
        secrets.add(decodeURIComponent(signature));
      }
    }
    const exchange: Exchange = {
      method: request.method,
      url: new URL(request.url),
      status: undefined,
      headers: undefined,
      authorization,
      startedAt: clock.now(),
      endedAt: clock.now(),
    };
    exchanges.push(exchange);
    const response = await globalThis.fetch(input, init);
    exchange.status = response.status;
    exchange.headers = response.headers;
    exchange.endedAt = clock.now();
    if (request.method === 'POST' && response.ok) {
      const body = (await response
        .clone()
        .json()
        .catch(() => undefined)) as { access_token?: unknown } | undefined;
      if (typeof body?.access_token === 'string') secrets.add(body.access_token);
    }
    return response;
  };
}
