/**
 * Runs under `node --expose-gc` (the `gc` project of vitest.config.ts). A `Request` built with a
 * signal loses the link to it once the `Request` is garbage-collected (nodejs/undici 3644, 4068;
 * nodejs/node 55428): a client that relied on that link never ended a stalled request after a GC.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  bearerToken,
  type ClientOptions,
  createOneRosterClient,
  isAbortError,
  isNetworkError,
  isTokenError,
  oauth2ClientCredentials,
} from '../../../src/index.js';
import { createMemoryStore, syncRoster } from '../../../src/sync/index.js';
import { createManualClock, type ManualClock } from '../../helpers/manual-clock.js';
import { type HostileServer, startHostileServer } from './hostile-server.js';
import { serveUsers } from './roster-users.js';

const TIMEOUT_MS = 10_000;

/** Collects garbage until the `Request` objects of the stalled exchange are surely gone. */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run this file with node --expose-gc (the gc project does)');
  for (let round = 0; round < 5; round++) {
    gc();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

let provider: HostileServer | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

/** A provider that receives every request and answers none. */
async function stallingProvider(): Promise<HostileServer> {
  provider = await startHostileServer(() => undefined);
  return provider;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}

/** Waits until the stalled request reached the server and its deadline runs, then collects garbage. */
async function stallThenCollect(server: HostileServer, clock: ManualClock): Promise<void> {
  await server.nextRequest();
  await clock.sleepStarted(TIMEOUT_MS);
  await collectGarbage();
}

/** A client of a stalling provider on a manual clock; `options` may depend on the server (a token URL). */
async function stalledClient(options: (server: HostileServer) => Partial<ClientOptions> = () => ({})) {
  const server = await stallingProvider();
  const clock = createManualClock();
  const client = createOneRosterClient({
    baseUrl: server.baseUrl,
    auth: bearerToken('stalled-token-abcdef'),
    clock,
    timeoutMs: TIMEOUT_MS,
    ...options(server),
  });
  return { server, clock, client };
}

describe('a request whose headers never come, after a garbage collection (defect 1)', () => {
  it('still ends a data request at its timeout', async () => {
    const { server, clock, client } = await stalledClient(() => ({ retry: { retries: 0 } }));

    const pending = failureOf(client.users.get('user-1'));
    await stallThenCollect(server, clock);
    clock.advance(TIMEOUT_MS);

    const error = await pending;
    expect(isNetworkError(error) && error.timedOut).toBe(true);
  });

  it("still ends a data request when the caller's signal aborts", async () => {
    const caller = new AbortController();
    const { server, clock, client } = await stalledClient();

    const pending = failureOf(client.users.get('user-1', { signal: caller.signal }));
    await stallThenCollect(server, clock);
    const reason = new Error('the caller gave up');
    caller.abort(reason);

    const error = await pending;
    expect(isAbortError(error) && error.cause).toBe(reason);
  });

  it("still ends a data request when the client's signal aborts", async () => {
    const caller = new AbortController();
    const { server, clock, client } = await stalledClient(() => ({ signal: caller.signal }));

    const pending = failureOf(client.users.list().toArray({ maxItems: 10 }));
    await stallThenCollect(server, clock);
    const reason = new Error('shutting down');
    caller.abort(reason);

    const error = await pending;
    expect(isAbortError(error) && error.cause).toBe(reason);
  });

  it('closes the connection of a stalled request the caller aborted, so the process can exit', async () => {
    const caller = new AbortController();
    const { server, clock, client } = await stalledClient();

    const pending = failureOf(client.users.get('user-1', { signal: caller.signal }));
    await stallThenCollect(server, clock);
    caller.abort(new Error('the caller gave up'));

    expect(isAbortError(await pending)).toBe(true);
    // A socket left open here would keep a CLI alive after it printed that it was interrupted.
    await server.socketsClosed();
    expect(server.openSockets()).toBe(0);
  });

  it('closes the connection of a stalled request at its timeout', async () => {
    const { server, clock, client } = await stalledClient(() => ({ retry: { retries: 0 } }));

    const pending = failureOf(client.users.get('user-1'));
    await stallThenCollect(server, clock);
    clock.advance(TIMEOUT_MS);

    expect(isNetworkError(await pending)).toBe(true);
    await server.socketsClosed();
    expect(server.openSockets()).toBe(0);
  });

  it('still ends the token request at its timeout', async () => {
    const { server, clock, client } = await stalledClient((server) => ({
      auth: oauth2ClientCredentials({
        tokenUrl: `${server.origin}/oauth/token`,
        clientId: 'vendor',
        clientSecret: 'stalled-secret-abcdef',
      }),
      retry: { retries: 0 },
    }));

    const pending = failureOf(client.users.get('user-1'));
    await stallThenCollect(server, clock);
    clock.advance(TIMEOUT_MS);

    const error = await pending;
    expect(isTokenError(error)).toBe(true);
    expect(String(error)).toContain('timed out');
    expect(server.requests.map((request) => request.method)).toEqual(['POST']);
  });

  it('frees the tenant of a sync whose provider stalled, so the next run can start', async () => {
    const store = createMemoryStore();
    const { server, clock, client } = await stalledClient(() => ({ retry: { retries: 0 } }));

    const stalled = failureOf(syncRoster({ client, store, tenant: 'district', collections: ['users'] }));
    await stallThenCollect(server, clock);
    clock.advance(TIMEOUT_MS);
    expect(isNetworkError(await stalled)).toBe(true);

    const healthy = await startHostileServer(serveUsers(3));
    try {
      const next = createOneRosterClient({ baseUrl: healthy.baseUrl, auth: bearerToken('t-abcdef') });
      const result = await syncRoster({ client: next, store, tenant: 'district', collections: ['users'] });
      expect(result.collections.users?.inserted).toBe(3);
    } catch (error) {
      expect((error as Error).name, 'the stalled run kept the tenant').not.toBe('SyncInProgressError');
      throw error;
    } finally {
      await healthy.close();
    }
  });
});
