import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bearerToken,
  createOneRosterClient,
  isNetworkError,
  isProtocolError,
  isRedirectError,
  isResponseTooLargeError,
  isServerError,
  isTokenError,
  oauth2ClientCredentials,
  type RetryOptions,
} from '../../../src/index.js';
import { createMemoryStore, syncRoster } from '../../../src/sync/index.js';
import { createManualClock } from '../../helpers/manual-clock.js';
import { serializeError } from '../../helpers/serialize-error.js';
import { type HostileServer, sendJson, startHostileServer } from './hostile-server.js';
import { serveUsers } from './roster-users.js';

const CLIENT_SECRET = 'hostile-test-client-secret-9f2c';

const servers: HostileServer[] = [];
async function server(handler: Parameters<typeof startHostileServer>[0]): Promise<HostileServer> {
  const started = await startHostileServer(handler);
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((started) => started.close()));
});

/** The error a promise rejects with; fails the test when it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}

describe('a redirect to another origin (defect 2)', () => {
  it('never re-posts the client secret to another origin when the token endpoint redirects with 307', async () => {
    const elsewhere = await server((_request, response) =>
      sendJson(response, { access_token: 'token-from-elsewhere', token_type: 'bearer', expires_in: 3600 }),
    );
    const provider = await server((request, response) => {
      if (request.url.startsWith('/oauth/token')) {
        response.writeHead(307, { location: `${elsewhere.origin}/oauth/token` });
        response.end();
        return;
      }
      sendJson(response, { users: [] });
    });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: oauth2ClientCredentials({
        tokenUrl: `${provider.origin}/oauth/token`,
        clientId: 'vendor',
        clientSecret: CLIENT_SECRET,
        clientAuth: 'body',
      }),
      retry: { retries: 0 },
    });

    const error = await failureOf(client.users.get('user-1'));

    expect(isTokenError(error)).toBe(true);
    expect(String(error)).toContain(`redirected to another origin (${elsewhere.origin}/oauth/token)`);
    expect(serializeError(error)).not.toContain(CLIENT_SECRET);
    expect(elsewhere.requests).toEqual([]);
    // No data request went out with a token from anywhere.
    expect(provider.requests.map((request) => request.method)).toEqual(['POST']);
  });

  it('refuses a data request that redirects to another origin, and accepts none of its roster', async () => {
    const elsewhere = await server(serveUsers(3));
    const provider = await server((request, response) => {
      response.writeHead(302, {
        location: `${elsewhere.baseUrl}/users${request.url.slice(request.url.indexOf('?'))}`,
      });
      response.end();
    });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: bearerToken('data-token-abcdef'),
      retry: { retries: 3 },
    });

    const error = await failureOf(client.users.list().toArray({ maxItems: 10 }));

    expect(isRedirectError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'cross-origin', status: 302 });
    // Not retried: a redirect to another origin is configuration, not a transient failure.
    expect(provider.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });

  it('follows a same-origin redirect with its credentials', async () => {
    const provider = await server((request, response) => {
      if (request.url.startsWith('/ims/oneroster/v1p1/')) {
        response.writeHead(308, { location: request.url.replace('/v1p1/', '/v1p1-moved/') });
        response.end();
        return;
      }
      serveUsers(3)(request, response);
    });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: bearerToken('data-token-abcdef'),
    });

    const users = await client.users.list().toArray({ maxItems: 10 });

    expect(users.map((user) => user.sourcedId)).toEqual(['user-00000', 'user-00001', 'user-00002']);
    const moved = provider.requests.filter((request) => request.url.includes('/v1p1-moved/'));
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((request) => request.headers.authorization === 'Bearer data-token-abcdef')).toBe(true);
  });
});

describe('a response body with no end (defect 3)', () => {
  const LIMIT_BYTES = 1024 * 1024;

  it('stops reading an endless chunked body at maxResponseBytes with a typed error', async () => {
    let written = 0;
    let served: Socket | undefined;
    const provider = await server((_request, response) => {
      served = response.socket ?? undefined;
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // Writes while the client reads, so what the server sent bounds what the client took in.
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) written += chunk.length;
        if (!response.destroyed) written += chunk.length;
      };
      response.on('drain', pump);
      response.write('{"users": [');
      pump();
    });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: bearerToken('data-token-abcdef'),
      maxResponseBytes: LIMIT_BYTES,
    });

    const error = await failureOf(client.users.list().toArray({ maxItems: 10 }));

    expect(isResponseTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ limitBytes: LIMIT_BYTES, status: 200 });
    // Not retried, and the socket is closed rather than left to the server.
    expect(provider.requests).toHaveLength(1);
    const socket = served;
    if (socket !== undefined && !socket.destroyed)
      await new Promise((closed) => socket.once('close', closed));
    // The kernel's socket buffers hold a few MiB at most: far from the endless body.
    expect(written).toBeLessThan(LIMIT_BYTES + 16 * 1024 * 1024);
  });

  it('counts the bytes after decompression, so a gzip bomb stops at the limit', async () => {
    const inflated = 64 * 1024 * 1024;
    const bomb = gzipSync(Buffer.alloc(inflated, 0x20));
    expect(bomb.length).toBeLessThan(LIMIT_BYTES);
    const provider = await server((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': bomb.length,
      });
      response.end(bomb);
    });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: bearerToken('data-token-abcdef'),
      maxResponseBytes: LIMIT_BYTES,
    });

    const error = await failureOf(client.users.get('user-1'));

    expect(isResponseTooLargeError(error)).toBe(true);
  });

  it('refuses a body whose Content-Length is past the limit without reading it', async () => {
    const provider = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 10 * LIMIT_BYTES });
      response.write('{"users":[');
    });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: bearerToken('data-token-abcdef'),
      maxResponseBytes: LIMIT_BYTES,
    });

    expect(isResponseTooLargeError(await failureOf(client.users.get('user-1')))).toBe(true);
  });

  it('applies the same limit to the token response', async () => {
    const provider = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) {}
      };
      response.on('drain', pump);
      response.write('{"access_token": "');
      pump();
    });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: oauth2ClientCredentials({
        tokenUrl: `${provider.origin}/oauth/token`,
        clientId: 'vendor',
        clientSecret: CLIENT_SECRET,
      }),
      maxResponseBytes: LIMIT_BYTES,
    });

    const error = await failureOf(client.users.get('user-1'));

    expect(isTokenError(error)).toBe(true);
    expect(String(error)).toContain('larger than maxResponseBytes');
    expect(provider.requests).toHaveLength(1);
  });

  it('defaults maxResponseBytes to 256 MiB', () => {
    const client = createOneRosterClient({
      baseUrl: 'https://sis.test/ims/oneroster/v1p1',
      auth: bearerToken('x'),
    });
    expect(client.options.maxResponseBytes).toBe(256 * 1024 * 1024);
  });
});

describe('a 200 page that reports a failure (defect 4)', () => {
  const USERS = 1_000;
  const failureAt950 = (persistent: boolean) => {
    let failures = 0;
    return serveUsers(USERS, (request, response, offset) => {
      if (!request.url.includes('/users') || offset !== 950 || (!persistent && failures > 0)) return false;
      failures++;
      sendJson(response, {
        users: [],
        statusInfoSet: [
          { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: 'server busy' },
        ],
      });
      return true;
    });
  };

  /** A full sync of the users only, 50 a page, from `provider` into `store`. */
  function syncUsers(
    provider: HostileServer,
    store: ReturnType<typeof createMemoryStore>,
    retry: RetryOptions = {},
  ) {
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: bearerToken('t-abcdef'),
      pageSize: 50,
      retry,
    });
    return syncRoster({ client, store, tenant: 'district', collections: ['users'], mode: 'full' });
  }

  async function firstSync(store: ReturnType<typeof createMemoryStore>): Promise<void> {
    await syncUsers(await server(serveUsers(USERS)), store);
    expect(await store.count('district', 'users', { status: 'active' })).toBe(USERS);
  }

  it('retries the page instead of reading it as the end of the collection', async () => {
    const store = createMemoryStore();
    await firstSync(store);
    const provider = await server(failureAt950(false));

    const result = await syncUsers(provider, store, { minDelayMs: 1, maxDelayMs: 1 });

    expect(result.collections.users).toMatchObject({ received: USERS, tombstoned: 0 });
    expect(await store.count('district', 'users', { status: 'active' })).toBe(USERS);
  });

  it('fails with a ProtocolError when the failure persists, and retires nobody', async () => {
    const store = createMemoryStore();
    await firstSync(store);
    const provider = await server(failureAt950(true));

    const error = await failureOf(syncUsers(provider, store, { retries: 2, minDelayMs: 1, maxDelayMs: 1 }));

    expect(isProtocolError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'error-envelope', statusInfo: { codeMajor: 'failure' } });
    expect(await store.count('district', 'users', { status: 'active' })).toBe(USERS);
  });
});

describe('a provider that keeps failing slowly (defect 12)', () => {
  it('gives up when retry.maxElapsedMs is spent, with the last error', async () => {
    const clock = createManualClock();
    const provider = await server((_request, response) =>
      sendJson(response, { imsx_codeMajor: 'failure' }, 503),
    );
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: bearerToken('t-abcdef'),
      clock,
      random: () => 1,
      retry: { retries: 100, minDelayMs: 10_000, maxDelayMs: 10_000, maxElapsedMs: 45_000 },
    });

    const pending = failureOf(client.users.get('user-1'));
    // Each answer is a 503; each wait is 10 s on the manual clock, so four retries fit in 45 s.
    for (let retry = 0; retry < 4; retry++) {
      await clock.sleepStarted(10_000);
      clock.advance(10_000);
    }
    const error = await pending;

    expect(isServerError(error)).toBe(true);
    expect(provider.requests).toHaveLength(5);
  });

  it("cuts the last attempt's timeout to what is left of the budget", async () => {
    const clock = createManualClock();
    const provider = await server(() => {
      // Never answers.
    });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: bearerToken('t-abcdef'),
      clock,
      timeoutMs: 60_000,
      retry: { retries: 5, maxElapsedMs: 20_000 },
    });

    const pending = failureOf(client.users.get('user-1'));
    await provider.nextRequest();
    await clock.sleepStarted(20_000);
    clock.advance(20_000);
    const error = await pending;

    expect(isNetworkError(error) && error.timedOut).toBe(true);
    expect(provider.requests).toHaveLength(1);
  });

  it('defaults retry.maxElapsedMs to five minutes', () => {
    const client = createOneRosterClient({
      baseUrl: 'https://sis.test/ims/oneroster/v1p1',
      auth: bearerToken('x'),
    });
    expect(client.options.retry.maxElapsedMs).toBe(300_000);
  });
});
