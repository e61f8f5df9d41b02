import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthStrategy,
  type ClientOptions,
  createOneRosterClient,
  isAbortError,
  isNetworkError,
  isOneRosterError,
  isPermissionError,
  isServerError,
  type OneRosterEvent,
  oauth2ClientCredentials,
} from '../../src/index.js';
import { createManualClock } from '../helpers/manual-clock.js';
import { serializeError } from '../helpers/serialize-error.js';
import { staticBearer } from '../helpers/static-auth.js';
import { createVirtualClock } from '../helpers/virtual-clock.js';

const BASE = 'https://sis.test/ims/oneroster/v1p1';
const TOKEN_URL = 'https://sis.test/oauth/token';
/** A gateway key with a marker word, so a leak shows wherever it lands. */
const GATEWAY_KEY = 'gw-Axolotl-8d1f2e0c9b';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const record = (sourcedId: string) => ({
  sourcedId,
  status: 'active',
  dateLastModified: '2026-09-01T00:00:00Z',
  username: sourcedId,
  enabledUser: 'true',
  givenName: 'Ana',
  familyName: 'Ruiz',
  role: 'student',
  orgs: [{ href: '/orgs/s1', sourcedId: 's1', type: 'org' }],
});

/** `/users` of `count` records in pages, and `/users/{id}`; records every request's headers. */
function serveUsers(count = 3) {
  const seen: { path: string; headers: Headers }[] = [];
  server.use(
    http.get(`${BASE}/users`, ({ request }) => {
      const url = new URL(request.url);
      seen.push({ path: url.pathname, headers: request.headers });
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const ids = Array.from({ length: count }, (_, index) => `u${index}`).slice(offset, offset + limit);
      return HttpResponse.json({ users: ids.map(record) });
    }),
    http.get(`${BASE}/users/:id`, ({ request, params }) => {
      seen.push({ path: new URL(request.url).pathname, headers: request.headers });
      return HttpResponse.json({ user: record(String(params['id'])) });
    }),
  );
  return seen;
}

function makeClient(overrides: Partial<ClientOptions> = {}) {
  const events: OneRosterEvent[] = [];
  const client = createOneRosterClient({
    baseUrl: BASE,
    auth: staticBearer('t0ken'),
    pageSize: 2,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );

describe('headers', () => {
  it('sends the client headers with every data request, and a call’s own over them', async () => {
    const seen = serveUsers(3);
    const { client } = makeClient({ headers: { 'X-Api-Key': GATEWAY_KEY, 'x-tenant': 'district-7' } });

    await client.users.list({ fields: ['sourcedId'] }).toArray({ maxItems: 10 });
    for await (const _page of client.users.pages({ headers: { 'x-tenant': 'district-9' } })) {
      // every page of the read carries the call's header
    }
    await client.users.get('u1', { headers: { 'x-trace': 'get-1' } });
    await client.request('/users', { query: { limit: 1, offset: 5 }, headers: { 'X-Tenant': 'raw' } });

    expect(seen.map(({ headers }) => headers.get('x-api-key'))).toEqual(seen.map(() => GATEWAY_KEY));
    expect(seen.map(({ headers }) => headers.get('x-tenant'))).toEqual([
      ...['district-7', 'district-7', 'district-7'],
      ...['district-9', 'district-9', 'district-9'],
      'district-7',
      'raw',
    ]);
    expect(seen[6]?.headers.get('x-trace')).toBe('get-1');
    // The client's own headers are untouched.
    expect(seen.every(({ headers }) => headers.get('authorization') === 'Bearer t0ken')).toBe(true);
    expect(seen.every(({ headers }) => headers.get('accept') === 'application/json')).toBe(true);
  });

  it('keeps them away from the token endpoint, which may be another host', async () => {
    const tokenHeaders: Headers[] = [];
    server.use(
      http.post(TOKEN_URL, ({ request }) => {
        tokenHeaders.push(request.headers);
        return HttpResponse.json({ access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 });
      }),
    );
    const seen = serveUsers(1);
    const { client } = makeClient({
      auth: oauth2ClientCredentials({ tokenUrl: TOKEN_URL, clientId: 'app', clientSecret: 'app-secret' }),
      headers: { 'x-api-key': GATEWAY_KEY },
    });
    await client.users.get('u1');
    expect(tokenHeaders).toHaveLength(1);
    expect(tokenHeaders[0]?.has('x-api-key')).toBe(false);
    expect(seen[0]?.headers.get('x-api-key')).toBe(GATEWAY_KEY);
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer tok-1');
  });

  it.each([
    ['Authorization', /cannot set authorization: the `auth` strategy sends it/],
    ['accept', /cannot set accept/],
    ['User-Agent', /cannot set user-agent: use the `userAgent` option/],
  ])('refuses a client header %s, which the client sends itself', (name, message) => {
    const build = () => makeClient({ headers: { [name]: `Bearer ${GATEWAY_KEY}` } });
    expect(build).toThrow(TypeError);
    expect(build).toThrow(message);
    expect(serializeError(failureOfSync(build))).not.toContain('Axolotl');
  });

  it('refuses a call header that would replace the credential, before any request', async () => {
    const seen = serveUsers(1);
    const { client } = makeClient();
    expect(() => client.users.list({ headers: { authorization: 'Bearer other' } })).toThrow(
      /cannot set authorization/,
    );
    expect(() => client.users.pages({ headers: { AUTHORIZATION: 'x' } })).toThrow(TypeError);
    await expect(client.users.get('u1', { headers: { Authorization: 'x' } })).rejects.toThrow(TypeError);
    await expect(client.request('/users', { headers: { authorization: 'x' } })).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(0);
  });

  it('refuses a header that the auth strategy sets itself, and sends nothing', async () => {
    const seen = serveUsers(1);
    const apiKeyAuth: AuthStrategy = {
      kind: 'none',
      authorize: async () => ({ 'X-Api-Key': 'strategy-key' }),
    };
    const { client } = makeClient({ auth: apiKeyAuth, headers: { 'x-api-key': GATEWAY_KEY } });
    const error = await failure(client.users.get('u1'));
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/cannot set x-api-key: the auth strategy sends it/);
    expect(String(error)).not.toContain('Axolotl');
    expect(seen).toHaveLength(0);
  });

  it('refuses a value with a line break or a name that is no token, without quoting the value', async () => {
    const { client } = makeClient();
    const split = () => client.users.list({ headers: { 'x-api-key': `${GATEWAY_KEY}\r\nx-admin: 1` } });
    expect(split).toThrow(/header x-api-key must be a string without line breaks/);
    expect(serializeError(failureOfSync(split))).not.toContain('Axolotl');
    expect(() => makeClient({ headers: { 'x api key': GATEWAY_KEY } })).toThrow(/invalid header name/);
    expect(() => makeClient({ headers: { 'X-Key': 'a', 'x-key': 'b' } })).toThrow(
      /names the header x-key twice/,
    );
  });

  it('scrubs a gateway key the provider echoes from the error and its events', async () => {
    server.use(
      http.get(`${BASE}/users/u1`, () =>
        HttpResponse.json(
          {
            imsx_codeMajor: 'failure',
            imsx_severity: 'error',
            imsx_description: `API key ${GATEWAY_KEY} is not allowed on this route`,
            imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: 'forbidden' }] },
          },
          { status: 403 },
        ),
      ),
    );
    const { client, events } = makeClient({ headers: { 'x-gateway-id': GATEWAY_KEY } });
    const error = await failure(client.users.get('u1'));
    expect(isPermissionError(error) && error.statusInfo?.description).toBe(
      'API key [redacted] is not allowed on this route',
    );
    expect(serializeError(error)).not.toContain('Axolotl');
    expect(JSON.stringify(events)).not.toContain('Axolotl');
  });
});

describe('timeoutMs per call', () => {
  function stalledUsers() {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/users/u1`, async () => {
        await released;
        return HttpResponse.json({ user: record('u1') });
      }),
    );
    return { release: () => release() };
  }

  it('times a call out at its own, shorter timeout', async () => {
    stalledUsers();
    const clock = createManualClock();
    const { client } = makeClient({ clock, timeoutMs: 60_000 });
    const pending = failure(client.users.get('u1', { timeoutMs: 1_000, retry: { retries: 0 } }));
    await clock.sleepStarted(1_000);
    clock.advance(1_000);
    const error = await pending;
    expect(isNetworkError(error) && error.timedOut).toBe(true);
  });

  it('waits longer than the client timeout for a call that allows it', async () => {
    const provider = stalledUsers();
    const clock = createManualClock();
    const { client } = makeClient({ clock, timeoutMs: 1_000 });
    const pending = client.users.get('u1', { timeoutMs: 10_000 });
    await clock.sleepStarted(10_000);
    clock.advance(5_000);
    provider.release();
    await expect(pending).resolves.toMatchObject({ sourcedId: 'u1' });
  });

  it('times list() and request() out at their own timeout too', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(
      http.get(`${BASE}/users`, async () => {
        await released;
        return HttpResponse.json({ users: [record('u1')] });
      }),
    );
    const clock = createManualClock();
    const { client } = makeClient({ clock, timeoutMs: 60_000 });
    const calls = [
      () => client.users.list({ timeoutMs: 2_000, retry: { retries: 0 } }).toArray({ maxItems: 5 }),
      () => client.request('/users', { timeoutMs: 3_000, retry: { retries: 0 } }),
    ];
    for (const [index, call] of calls.entries()) {
      const timeoutMs = [2_000, 3_000][index] ?? 0;
      const pending = failure(call());
      await clock.sleepStarted(timeoutMs);
      clock.advance(timeoutMs);
      const error = await pending;
      expect(isNetworkError(error) && error.timedOut).toBe(true);
    }
    release();
  });

  it('refuses a timeout that is not a positive number where the call is made', () => {
    const { client } = makeClient();
    expect(() => client.users.list({ timeoutMs: 0 })).toThrow(/`timeoutMs` must be a positive number/);
    expect(() => client.users.list({ retry: { retries: -1 } })).toThrow(/`retry.retries`/);
  });
});

describe('retry per call', () => {
  function failingUsers() {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/users*`, ({ request }) => {
        seen.push(new URL(request.url).pathname);
        return new HttpResponse(null, { status: 503 });
      }),
    );
    return seen;
  }

  it('fails fast with retries: 0 on one call while the client keeps its five', async () => {
    const seen = failingUsers();
    const { client } = makeClient({ clock: createVirtualClock() });
    expect(isServerError(await failure(client.users.get('u1', { retry: { retries: 0 } })))).toBe(true);
    expect(seen).toHaveLength(1);
    expect(isServerError(await failure(client.request('/users', { retry: { retries: 1 } })))).toBe(true);
    expect(seen).toHaveLength(3);
    expect(
      isServerError(await failure(client.users.list({ retry: { retries: 2 } }).toArray({ maxItems: 5 }))),
    ).toBe(true);
    expect(seen).toHaveLength(6);
    expect(isServerError(await failure(client.users.get('u1')))).toBe(true);
    expect(seen).toHaveLength(12);
  });
});

describe('aborts', () => {
  it('fails get() and request() with an AbortError keeping the signal’s DOMException as cause', async () => {
    serveUsers(1);
    const { client, events } = makeClient();
    for (const call of [
      (signal: AbortSignal) => client.users.get('u1', { signal }),
      (signal: AbortSignal) => client.request('/users', { signal, query: { filter: "givenName='Ana'" } }),
    ]) {
      const signal = AbortSignal.abort();
      const error = await failure(call(signal));
      expect(isAbortError(error)).toBe(true);
      expect(isOneRosterError(error)).toBe(true);
      expect(error).not.toBeInstanceOf(DOMException);
      expect(error).toMatchObject({ name: 'AbortError', method: 'GET', cause: signal.reason });
      expect(String(error)).not.toContain('Ana');
    }
    // Aborted before it was sent: no request, so no response to report either.
    expect(events.filter((event) => event.type === 'request')).toEqual([]);
  });

  it('keeps a reason of the caller’s own as cause, for an abort while the response is awaited', async () => {
    const controller = new AbortController();
    server.use(
      http.get(`${BASE}/users/u1`, async () => {
        controller.abort(new Error('user navigated away'));
        await new Promise(() => undefined);
      }),
    );
    const { client, events } = makeClient();
    const error = await failure(client.users.get('u1', { signal: controller.signal }));
    expect(isAbortError(error) && error.cause).toBe(controller.signal.reason);
    expect(events.find((event) => event.type === 'response')).toMatchObject({ cancelled: true });
    expect(events.some((event) => event.type === 'response' && event.error !== undefined)).toBe(false);
  });
});

/** The error a synchronous call throws. */
function failureOfSync(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}
