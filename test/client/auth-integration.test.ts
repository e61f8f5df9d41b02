import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerToken,
  type ClientOptions,
  createOneRosterClient,
  isAuthenticationError,
  isTokenError,
  type OneRosterEvent,
  oauth1,
  oauth2ClientCredentials,
  signOAuth1,
  TokenError,
} from '../../src/index.js';
import { createVirtualClock } from '../helpers/virtual-clock.js';

const BASE = 'https://sis.test/ims/oneroster/v1p1';
const TOKEN_URL = 'https://sis.test/oauth/token';
const CLIENT_ID = 'vendor-app';
const CLIENT_SECRET = 'vendor-secret';
const EXPECTED_BASIC = `Basic ${btoa(`${CLIENT_ID}:${CLIENT_SECRET}`)}`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Answer = () => Response | Promise<Response>;

/** What the fake provider saw and did. */
interface Provider {
  tokenRequests: number;
  /** Access tokens issued, in order. */
  issued: string[];
  /** The Authorization header and answer status of every `/users` request, in arrival order. */
  users: { authorization: string; status: number }[];
  /** Makes the provider refuse a token it issued, as after a key rotation or an early expiry. */
  revoke(token: string): void;
}

/**
 * A provider with a client-credentials token endpoint (HTTP Basic checked, tokens `tok-1`, `tok-2`, …)
 * and a `/users` endpoint that accepts only issued, unrevoked tokens. `tokenAnswers` are answered by
 * the token endpoint before it starts issuing; `users` replaces the data endpoint's own check.
 */
function installProvider(
  options: {
    tokenAnswers?: Answer[];
    tokenDelayMs?: number;
    usersDelayMs?: number;
    users?: (authorization: string, provider: Provider) => Response | Promise<Response>;
  } = {},
): Provider {
  const tokenAnswers = [...(options.tokenAnswers ?? [])];
  const revoked = new Set<string>();
  const provider: Provider = {
    tokenRequests: 0,
    issued: [],
    users: [],
    revoke: (token) => revoked.add(token),
  };
  const accepts = (authorization: string) =>
    provider.issued.some((token) => authorization === `Bearer ${token}` && !revoked.has(token));
  server.use(
    http.post(TOKEN_URL, async ({ request }) => {
      provider.tokenRequests++;
      if (options.tokenDelayMs) await delay(options.tokenDelayMs);
      const queued = tokenAnswers.shift();
      if (queued) return queued();
      const form = new URLSearchParams(await request.text());
      if (
        request.headers.get('authorization') !== EXPECTED_BASIC ||
        form.get('grant_type') !== 'client_credentials'
      ) {
        return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
      }
      const token = `tok-${provider.issued.length + 1}`;
      provider.issued.push(token);
      return HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }),
    http.get(`${BASE}/users`, async ({ request }) => {
      const authorization = request.headers.get('authorization') ?? '';
      if (options.usersDelayMs) await delay(options.usersDelayMs);
      const response = options.users
        ? await options.users(authorization, provider)
        : accepts(authorization)
          ? HttpResponse.json({ users: [] })
          : HttpResponse.json(
              { imsx_codeMajor: 'failure', imsx_codeMinor: 'unauthorisedrequest' },
              { status: 401 },
            );
      provider.users.push({ authorization, status: response.status });
      return response;
    }),
  );
  return provider;
}

function makeClient(overrides: Partial<ClientOptions> = {}) {
  const clock = createVirtualClock();
  const events: OneRosterEvent[] = [];
  const client = createOneRosterClient({
    baseUrl: BASE,
    auth: oauth2ClientCredentials({ tokenUrl: TOKEN_URL, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
    clock,
    random: () => 0.5,
    retry: { minDelayMs: 1 },
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  const refreshReasons = () =>
    events.flatMap((event) => (event.type === 'token-refreshed' ? [event.reason] : []));
  return { client, clock, events, refreshReasons };
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('OAuth 2.0 client credentials through the client', () => {
  it('asks for one token and reuses it for many sequential requests', async () => {
    const provider = installProvider();
    const { client, refreshReasons } = makeClient();
    for (let index = 0; index < 10; index++) {
      await expect(client.request('/users')).resolves.toMatchObject({ status: 200, data: { users: [] } });
    }
    expect(provider.tokenRequests).toBe(1);
    expect(provider.users.map((seen) => seen.authorization)).toEqual(Array(10).fill('Bearer tok-1'));
    expect(refreshReasons()).toEqual(['initial']);
  });

  it('refreshes a one-hour token a minute before it expires, not earlier', async () => {
    const provider = installProvider();
    const { client, clock, events, refreshReasons } = makeClient();
    await client.request('/users');
    expect(events.find((event) => event.type === 'token-refreshed')).toMatchObject({
      expiresInMs: 3_600_000,
    });

    clock.advance(3_539_000);
    await client.request('/users');
    expect(provider.tokenRequests).toBe(1);

    clock.advance(2_000);
    await client.request('/users');
    await client.request('/users');
    expect(provider.tokenRequests).toBe(2);
    expect(provider.users.map((seen) => seen.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
      'Bearer tok-2',
      'Bearer tok-2',
    ]);
    expect(refreshReasons()).toEqual(['initial', 'expiring']);
  });

  it('makes one token request for 20 calls running at the same time', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let releaseAll = () => {};
    const allArrived = new Promise<void>((resolve) => {
      releaseAll = resolve;
    });
    const provider = installProvider({
      tokenDelayMs: 20,
      users: async (authorization) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Held until all 20 are in: they really run at the same time, however slow the machine.
        if (inFlight === 20) releaseAll();
        await allArrived;
        inFlight--;
        return authorization === 'Bearer tok-1'
          ? HttpResponse.json({ users: [] })
          : new HttpResponse(null, { status: 401 });
      },
    });
    const { client } = makeClient({ concurrency: 20 });
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.request('/users')));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(provider.tokenRequests).toBe(1);
    expect(maxInFlight).toBe(20);
  });

  it('fetches a new token after a 401 and replays the request once', async () => {
    const provider = installProvider();
    const { client, refreshReasons } = makeClient();
    await client.request('/users');
    provider.revoke('tok-1');

    await expect(client.request('/users')).resolves.toMatchObject({ status: 200 });
    expect(provider.tokenRequests).toBe(2);
    expect(provider.users).toEqual([
      { authorization: 'Bearer tok-1', status: 200 },
      { authorization: 'Bearer tok-1', status: 401 },
      { authorization: 'Bearer tok-2', status: 200 },
    ]);
    expect(refreshReasons()).toEqual(['initial', 'rejected']);
  });

  it('refreshes once when 10 concurrent requests all get 401 for the old token', async () => {
    let arrived = 0;
    let releaseAll = () => {};
    const allArrived = new Promise<void>((resolve) => {
      releaseAll = resolve;
    });
    let clientHasNewToken = () => false;
    const provider = installProvider({
      tokenDelayMs: 10,
      users: async (authorization) => {
        if (authorization !== 'Bearer tok-1') return HttpResponse.json({ users: [] });
        const index = arrived++;
        if (arrived === 10) releaseAll();
        // No 401 goes out before all 10 requests were sent with tok-1.
        await allArrived;
        // The last five 401s reach the client after it holds the new token: they must not discard it.
        if (index >= 5) while (!clientHasNewToken()) await delay(1);
        return new HttpResponse(null, { status: 401 });
      },
    });
    const { client, refreshReasons } = makeClient({ concurrency: 10 });
    clientHasNewToken = () => refreshReasons().includes('rejected');
    const responses = await Promise.all(Array.from({ length: 10 }, () => client.request('/users')));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(provider.tokenRequests).toBe(2);
    expect(provider.users.filter((seen) => seen.status === 401)).toEqual(
      Array(10).fill({ authorization: 'Bearer tok-1', status: 401 }),
    );
    expect(provider.users.filter((seen) => seen.status === 200)).toEqual(
      Array(10).fill({ authorization: 'Bearer tok-2', status: 200 }),
    );
    expect(refreshReasons()).toEqual(['initial', 'rejected']);
  });

  it('fails with AuthenticationError when the new token is refused too, after two token requests', async () => {
    const provider = installProvider({
      users: () => HttpResponse.json({ imsx_codeMajor: 'failure' }, { status: 401 }),
    });
    const { client, clock } = makeClient();
    const error = await caught(client.request('/users'));
    expect(isAuthenticationError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, method: 'GET' });
    expect(provider.tokenRequests).toBe(2);
    expect(provider.users.map((seen) => seen.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(clock.sleeps).toEqual([]);
  });

  it('reports refused client credentials as a TokenError with the OAuth error, without retrying', async () => {
    const provider = installProvider({
      tokenAnswers: [
        () =>
          HttpResponse.json(
            { error: 'invalid_client', error_description: 'Client authentication failed' },
            { status: 401 },
          ),
      ],
    });
    const { client, clock } = makeClient();
    const error = await caught(client.request('/users'));
    expect(error).toBeInstanceOf(TokenError);
    expect(isTokenError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      error: 'invalid_client',
      errorDescription: 'Client authentication failed',
    });
    expect(provider.tokenRequests).toBe(1);
    expect(provider.users).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a token endpoint that answers 503 once, then succeeds', async () => {
    const provider = installProvider({
      tokenAnswers: [() => HttpResponse.json({ error: 'temporarily_unavailable' }, { status: 503 })],
    });
    const { client, events } = makeClient();
    await expect(client.request('/users')).resolves.toMatchObject({ status: 200 });
    expect(provider.tokenRequests).toBe(2);
    expect(provider.users).toEqual([{ authorization: 'Bearer tok-1', status: 200 }]);
    expect(events.filter((event) => event.type === 'retry')).toMatchObject([{ reason: '503' }]);
  });

  it('gives up on a token endpoint that stays at 503 after the retry budget', async () => {
    const unavailable = () => new HttpResponse('Service Unavailable', { status: 503 });
    const provider = installProvider({ tokenAnswers: Array(10).fill(unavailable) });
    const { client, clock } = makeClient({ retry: { retries: 3, minDelayMs: 1 } });
    const error = await caught(client.request('/users'));
    expect(isTokenError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503 });
    expect(provider.tokenRequests).toBe(4);
    expect(provider.users).toEqual([]);
    expect(clock.sleeps).toHaveLength(3);
  });
});

describe('OAuth 1.0a through the client', () => {
  const CONSUMER_KEY = 'or-key';
  const CONSUMER_SECRET = 'or-secret';
  const FILTER = "givenName='O'Brien (Jr)!*'";

  /** Verifies the signature the way a provider does: from the URL and header that arrived. */
  function installVerifyingProvider() {
    const received: { url: string; filter: string | null; verified: boolean }[] = [];
    server.use(
      http.get(`${BASE}/users`, ({ request }) => {
        const header = request.headers.get('authorization') ?? '';
        const parameters = Object.fromEntries(
          [...header.matchAll(/(oauth_[a-z_]+)="([^"]*)"/g)].map((match) => [
            match[1],
            decodeURIComponent(match[2] ?? ''),
          ]),
        );
        const expected = signOAuth1({
          method: request.method,
          url: request.url,
          consumerKey: CONSUMER_KEY,
          consumerSecret: CONSUMER_SECRET,
          signatureMethod: 'HMAC-SHA256',
          nonce: parameters['oauth_nonce'] ?? '',
          timestamp: parameters['oauth_timestamp'] ?? '',
          version: '1.0',
        });
        const verified =
          parameters['oauth_consumer_key'] === CONSUMER_KEY &&
          parameters['oauth_signature'] === expected.signature;
        received.push({
          url: request.url,
          filter: new URL(request.url).searchParams.get('filter'),
          verified,
        });
        return verified
          ? HttpResponse.json({ users: [] })
          : HttpResponse.json({ imsx_codeMajor: 'failure' }, { status: 401 });
      }),
    );
    return received;
  }

  it('signs a filter with spaces, quotes and !*() so that the provider verifies it', async () => {
    const received = installVerifyingProvider();
    const { client } = makeClient({
      auth: oauth1({ consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET }),
    });
    const response = await client.request('/users', { query: { filter: FILTER, limit: 5 } });
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]?.verified).toBe(true);
    expect(received[0]?.filter).toBe(FILTER);
  });

  it('puts %20 for spaces and %27 for quotes on the wire, never + or a raw quote', async () => {
    const received = installVerifyingProvider();
    const { client } = makeClient({
      auth: oauth1({ consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET }),
    });
    await client.request('/users', { query: { filter: FILTER, limit: 5 } });
    const search = new URL(received[0]?.url ?? BASE).search;
    expect(search).toBe('?filter=givenName%3D%27O%27Brien%20%28Jr%29%21%2A%27&limit=5');
    expect(search).not.toContain('+');
    expect(search).not.toContain("'");
  });

  it('is refused by the same provider when signed with the wrong secret (the check is real)', async () => {
    const received = installVerifyingProvider();
    const { client } = makeClient({ auth: oauth1({ consumerKey: CONSUMER_KEY, consumerSecret: 'wrong' }) });
    const error = await caught(client.request('/users', { query: { filter: FILTER } }));
    expect(isAuthenticationError(error)).toBe(true);
    // A fresh signature cannot cure a two-legged 401: no replay.
    expect(received.map((seen) => seen.verified)).toEqual([false]);
  });
});

describe('bearer token through the client', () => {
  it('asks the token function before every request', async () => {
    let calls = 0;
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/users`, ({ request }) => {
        seen.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({ users: [] });
      }),
    );
    const { client } = makeClient({ auth: bearerToken(() => `rot-${++calls}`) });
    for (let index = 0; index < 3; index++) await client.request('/users');
    expect(calls).toBe(3);
    expect(seen).toEqual(['Bearer rot-1', 'Bearer rot-2', 'Bearer rot-3']);
  });

  it('asks the token function again for the replay after a 401', async () => {
    let calls = 0;
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/users`, ({ request }) => {
        const authorization = request.headers.get('authorization') ?? '';
        seen.push(authorization);
        return authorization === 'Bearer rot-1'
          ? new HttpResponse(null, { status: 401 })
          : HttpResponse.json({ users: [] });
      }),
    );
    const { client } = makeClient({ auth: bearerToken(async () => `rot-${++calls}`) });
    await expect(client.request('/users')).resolves.toMatchObject({ status: 200 });
    expect(calls).toBe(2);
    expect(seen).toEqual(['Bearer rot-1', 'Bearer rot-2']);
  });
});
