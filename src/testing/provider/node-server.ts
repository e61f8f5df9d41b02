/** `startMockServer`: the provider core on a real node:http server, for tests that need sockets. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { MockStreamBody } from './mock-types.js';
import { createProviderCore } from './provider.js';
import type { MockProviderOptions } from './provider-options.js';
import type { MockProviderCore } from './provider-types.js';
import type { MockProviderStats } from './stats.js';
import type { MockVersion } from './versions.js';

/** Options of `startMockServer`: the provider's, plus where to listen. */
export interface MockServerOptions extends Omit<MockProviderOptions, 'baseUrl'> {
  /**
   * Path prefix before the rostering path (`/ims/oneroster/v1p1`, 1.2: `/ims/oneroster/rostering/v1p2`), e.g. `/district-7`.
   * @default ''
   */
  prefix?: string;
  /**
   * Port; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
}

/** A running mock server. */
export interface MockServer {
  /** Origin, e.g. `http://127.0.0.1:53123`. */
  readonly url: string;
  /** Rostering base URL, `{url}{prefix}/ims/oneroster/v1p1` (1.2: `{url}{prefix}/ims/oneroster/rostering/v1p2`). */
  readonly baseUrl: string;
  /** The OneRoster version served. */
  readonly version: MockVersion;
  /** OAuth 2.0 token endpoint (undefined in other auth modes). */
  readonly tokenUrl: string | undefined;
  /** OAuth 2.0 client id or OAuth 1.0a consumer key. */
  readonly clientId: string;
  /** OAuth 2.0 client secret or OAuth 1.0a consumer secret. */
  readonly clientSecret: string;
  /** The static token in `bearer` mode. */
  readonly bearerToken: string | undefined;
  readonly stats: MockProviderStats;
  /** The provider: district mutations, quirks and faults at run time. */
  readonly provider: MockProviderCore;
  /** Stops listening, drops open connections and ends pending stalls and delays. */
  close(): Promise<void>;
}

/** Reads a request body. */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Writes a chunked fault body, then resets, truncates or stalls once the chunks are flushed. */
function writeStream(response: ServerResponse, body: MockStreamBody, closing: AbortSignal): void {
  const afterWrite = (then: () => void): void => {
    if (body.chunks.length === 0) setImmediate(then);
    body.chunks.forEach((chunk, index) => {
      response.write(chunk, index === body.chunks.length - 1 ? then : undefined);
    });
  };
  switch (body.end) {
    case 'complete':
      afterWrite(() => response.end());
      return;
    case 'reset':
      // The client sees the connection cut mid-body (ECONNRESET / "terminated").
      afterWrite(() => response.socket?.destroy());
      return;
    case 'truncate':
      // The socket ends cleanly short of Content-Length: a premature close for the client.
      afterWrite(() => response.socket?.end());
      return;
    case 'stall': {
      const stop = (): void => {
        response.socket?.destroy();
      };
      afterWrite(() => {});
      if (closing.aborted) stop();
      closing.addEventListener('abort', stop, { once: true });
      response.on('close', () => closing.removeEventListener('abort', stop));
    }
  }
}

/**
 * Starts a mock provider on `http://127.0.0.1:{port}`. OAuth 2.0 client credentials by default, with
 * the credentials it reports.
 * @example
 * const server = await startMockServer({ district: generateDistrict({ preset: 'small' }) });
 * // configure the client with server.baseUrl, server.tokenUrl, server.clientId, server.clientSecret
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const closing = new AbortController();
  let core: MockProviderCore | undefined;
  const server = createServer((request, response) => {
    const provider = core;
    if (provider === undefined) {
      response.writeHead(503).end();
      return;
    }
    const abort = new AbortController();
    // The client going away ends a stalled request.
    response.on('close', () => abort.abort());
    void (async () => {
      const body = await readBody(request);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const url = `http://${request.headers.host ?? host}${request.url ?? '/'}`;
      const served = await provider.serve({
        method: request.method ?? 'GET',
        url,
        headers,
        body,
        signal: abort.signal,
      });
      const { response: answer, finished } = served;
      // In flight until the response is fully written, or the connection is gone.
      response.on('finish', finished);
      response.on('close', finished);
      if (response.destroyed) finished();
      if (answer.abandoned) {
        response.socket?.destroy();
        return;
      }
      const payload = answer.body;
      const length =
        typeof payload === 'string'
          ? Buffer.byteLength(payload)
          : (payload.declaredLength ?? Buffer.byteLength(payload.chunks.join('')));
      response.writeHead(answer.status, { ...answer.headers, 'content-length': String(length) });
      if (typeof payload === 'string') response.end(payload);
      else writeStream(response, payload, closing.signal);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.socket?.destroy();
    });
  });
  server.on('connection', () => {
    if (core !== undefined) core.stats.connections++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  // A server listening on a TCP port reports an AddressInfo (a string is a pipe or socket path).
  if (address === null || typeof address === 'string') throw new Error('the mock server has no TCP port');
  const { port } = address;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  core = createProviderCore({ ...options, baseUrl: `${origin}${options.prefix ?? ''}` });
  const provider = core;
  return {
    url: origin,
    baseUrl: provider.baseUrl,
    version: provider.version,
    tokenUrl: provider.tokenUrl,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    bearerToken: provider.bearerToken,
    stats: provider.stats,
    provider,
    close: async () => {
      closing.abort();
      provider.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
