import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientOptions,
  createOneRosterClient,
  isAbortError,
  isNetworkError,
  isNotFoundError,
  isProtocolError,
  isRateLimitError,
  isServerError,
  type OneRosterEvent,
} from '../../src/index.js';
import { createManualClock } from '../helpers/manual-clock.js';
import { staticBearer } from '../helpers/static-auth.js';
import { createVirtualClock } from '../helpers/virtual-clock.js';

const BASE = 'https://sis.test/ims/oneroster/v1p1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Answers the queued responses in order, then 200 with an empty user list. */
function queue(...responses: (() => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  server.use(
    http.get(`${BASE}/users`, ({ request }) => {
      seen.push(request);
      const next = responses.shift();
      return next ? next() : HttpResponse.json({ users: [{ sourcedId: 'u1' }] });
    }),
  );
  return seen;
}

function makeClient(overrides: Partial<ClientOptions> = {}) {
  const clock = createVirtualClock();
  const events: OneRosterEvent[] = [];
  const client = createOneRosterClient({
    baseUrl: BASE,
    auth: staticBearer('t0ken'),
    clock,
    random: () => 0.999_999_9,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, clock, events };
}

describe('retries', () => {
  it('waits the seconds a 429 Retry-After asks for, on the injected clock', async () => {
    const seen = queue(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '7' } }),
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '7' } }),
    );
    // A clock that moves only when told: each retry leaves exactly when 7 s have passed on it.
    const clock = createManualClock();
    const { client } = makeClient({ clock });
    const response = client.request('/users');
    for (const answered of [1, 2]) {
      await clock.sleepStarted(7_000);
      expect(seen).toHaveLength(answered);
      clock.advance(6_999);
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).toHaveLength(answered);
      clock.advance(1);
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(answered + 1);
    }
    expect((await response).data).toEqual({ users: [{ sourcedId: 'u1' }] });
    expect(seen).toHaveLength(3);
  });

  it('reads Retry-After as an HTTP date and X-RateLimit-Reset as a delay', async () => {
    const { client, clock } = makeClient();
    const at = new Date(clock.now() + 30_000).toUTCString();
    queue(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': at } }),
      () => new HttpResponse(null, { status: 429, headers: { 'x-ratelimit-reset': '12' } }),
    );
    await client.request('/users');
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(29_000);
    expect(clock.sleeps).toContain(12_000);
  });

  it('fails at once with RateLimitError.retryAfterMs when the wait is beyond the cap', async () => {
    const seen = queue(() => new HttpResponse(null, { status: 429, headers: { 'retry-after': '3600' } }));
    const { client, clock } = makeClient({ retry: { maxRetryAfterMs: 60_000 } });
    const error = await client.request('/users').catch((caught: unknown) => caught);
    expect(isRateLimitError(error)).toBe(true);
    expect(isRateLimitError(error) && error.retryAfterMs).toBe(3_600_000);
    expect(seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('recovers from a burst of 500, 502, 503 and 504 with growing, jittered gaps', async () => {
    const seen = queue(
      () => new HttpResponse('boom', { status: 500 }),
      () => new HttpResponse('bad gateway', { status: 502 }),
      () => new HttpResponse(null, { status: 503 }),
      () => new HttpResponse(null, { status: 504 }),
    );
    const { client, clock, events } = makeClient({
      retry: { retries: 5, minDelayMs: 100, maxDelayMs: 10_000 },
    });
    await client.request('/users');
    expect(seen).toHaveLength(5);
    expect(clock.sleeps).toEqual([100, 200, 400, 800]);
    expect(
      events.filter((event) => event.type === 'retry').map((event) => event.type === 'retry' && event.reason),
    ).toEqual(['500', '502', '503', '504']);
  });

  it('draws each backoff between zero and a doubling ceiling (full jitter)', async () => {
    queue(
      () => new HttpResponse(null, { status: 503 }),
      () => new HttpResponse(null, { status: 503 }),
    );
    const draws = [0.5, 0.25];
    const { client, clock } = makeClient({ random: () => draws.shift() ?? 0, retry: { minDelayMs: 1_000 } });
    await client.request('/users');
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it('gives up on a persistent 503 after the retry budget with a ServerError', async () => {
    server.use(http.get(`${BASE}/users`, () => new HttpResponse(null, { status: 503 })));
    const { client, clock } = makeClient({ retry: { retries: 3 } });
    const error = await client.request('/users').catch((caught: unknown) => caught);
    expect(isServerError(error) && error.status).toBe(503);
    expect(clock.sleeps).toHaveLength(3);
  });

  it.each([400, 403, 404, 422])('never retries a %i', async (status) => {
    const seen = queue(() => HttpResponse.json({ imsx_codeMajor: 'failure' }, { status }));
    const { client } = makeClient();
    const error = await client.request('/users').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status });
    expect(seen).toHaveLength(1);
  });

  it('reads the provider status info of a 404', async () => {
    queue(() =>
      HttpResponse.json(
        {
          imsx_codeMajor: 'failure',
          imsx_severity: 'error',
          imsx_description: 'No such user',
          imsx_CodeMinor: {
            imsx_codeMinorField: [
              { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'unknownobject' },
            ],
          },
        },
        { status: 404 },
      ),
    );
    const { client } = makeClient();
    const error = await client.request('/users').catch((caught: unknown) => caught);
    expect(isNotFoundError(error)).toBe(true);
    expect(isNotFoundError(error) && error.statusInfo).toEqual({
      codeMajor: 'failure',
      severity: 'error',
      codeMinor: 'unknownobject',
      description: 'No such user',
    });
  });

  it('retries a reset connection and succeeds', async () => {
    const seen = queue(() => HttpResponse.error());
    const { client } = makeClient();
    await expect(client.request('/users')).resolves.toMatchObject({ status: 200 });
    expect(seen).toHaveLength(2);
  });

  it('turns a stalled response into a timeout NetworkError after the retries', async () => {
    const seen: number[] = [];
    server.use(
      http.get(`${BASE}/users`, async () => {
        seen.push(1);
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const clock = createManualClock();
    const client = createOneRosterClient({
      baseUrl: BASE,
      auth: staticBearer('x'),
      clock,
      random: () => 0.5,
      timeoutMs: 5_000,
      retry: { retries: 2, minDelayMs: 100, maxDelayMs: 1_000 },
    });
    const outcome = client.request('/users').catch((caught: unknown) => caught);
    // Each attempt's deadline falls when the clock passes 5 s; half the backoff ceiling between them.
    for (const backoffMs of [50, 100, undefined]) {
      await clock.sleepStarted(5_000);
      clock.advance(5_000);
      if (backoffMs === undefined) break;
      await clock.sleepStarted(backoffMs);
      clock.advance(backoffMs);
    }
    const error = await outcome;
    expect(isNetworkError(error) && error.timedOut).toBe(true);
    expect(seen).toHaveLength(3);
  });

  it('never reads an HTML page or broken JSON as data: retried, then ProtocolError', async () => {
    const seen = queue(
      () =>
        new HttpResponse('<html><body>Sign in</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
      () => new HttpResponse('{"users": [', { status: 200, headers: { 'content-type': 'application/json' } }),
      () => new HttpResponse('{"users": [', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const { client } = makeClient({ retry: { retries: 2 } });
    const error = await client.request('/users').catch((caught: unknown) => caught);
    expect(isProtocolError(error) && error.reason).toBe('invalid-json');
    expect(seen).toHaveLength(3);
  });

  it('stops retrying when the caller aborts, with an AbortError that keeps the reason', async () => {
    const seen = queue(
      () => new HttpResponse(null, { status: 503 }),
      () => new HttpResponse(null, { status: 503 }),
    );
    const controller = new AbortController();
    const reason = new Error('stop');
    const { client } = makeClient({
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'retry') controller.abort(reason);
      },
    });
    const error = await client.request('/users').catch((caught: unknown) => caught);
    expect(isAbortError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'AbortError', method: 'GET', cause: reason });
    expect(seen).toHaveLength(1);
  });
});
