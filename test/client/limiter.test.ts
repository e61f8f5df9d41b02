import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOneRosterClient, type OneRosterEvent } from '../../src/index.js';
import { createRateLimiter } from '../../src/transport/rate-limiter.js';
import { staticBearer } from '../helpers/static-auth.js';
import { createVirtualClock } from '../helpers/virtual-clock.js';

const BASE = 'https://sis.test/ims/oneroster/v1p1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function answerEveryRequest(): void {
  server.use(http.get(`${BASE}/:collection`, () => HttpResponse.json({ users: [] })));
}

/** Holds every request until the test releases them, counting the ones the provider holds. */
function holdRequests() {
  const held: (() => void)[] = [];
  const state = {
    arrived: 0,
    release: () => {
      for (const answer of held.splice(0)) answer();
    },
  };
  server.use(
    http.get(`${BASE}/:collection`, async () => {
      state.arrived++;
      await new Promise<void>((resolve) => held.push(resolve));
      return HttpResponse.json({ users: [] });
    }),
  );
  return Object.assign(state, { held: () => held.length });
}

describe('the shared limiter', () => {
  it('never has more requests in flight than `concurrency`, across every call of the client', async () => {
    const provider = holdRequests();
    const client = createOneRosterClient({ baseUrl: BASE, auth: staticBearer('t'), concurrency: 3 });
    const all = Promise.all(
      Array.from({ length: 20 }, (_, index) => client.request(index % 2 === 0 ? '/users' : '/classes')),
    );
    // While the provider holds three, no fourth is sent; each answer lets exactly one more out.
    for (let answered = 0; answered < 20; answered += 3) {
      const expected = Math.min(3, 20 - answered);
      await expect.poll(provider.held, { timeout: 10_000 }).toBe(expected);
      // Turns of the event loop (not time) in which a request beyond the limit would arrive.
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(provider.held()).toBe(expected);
      expect(provider.arrived).toBe(answered + expected);
      provider.release();
    }
    await all;
    expect(provider.arrived).toBe(20);
  });

  it('paces request starts to `requestsPerSecond`', async () => {
    answerEveryRequest();
    const clock = createVirtualClock();
    const starts: number[] = [];
    const client = createOneRosterClient({
      baseUrl: BASE,
      auth: staticBearer('t'),
      clock,
      requestsPerSecond: 5,
      concurrency: 4,
      onEvent: (event) => {
        if (event.type === 'request') starts.push(event.time);
      },
    });
    await Promise.all(Array.from({ length: 10 }, () => client.request('/users')));
    const gaps = starts.slice(1).map((time, index) => time - (starts[index] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(9 * 200);
  });

  it('slows down after a 429 and grows back while the provider answers', () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ concurrency: 8, requestsPerSecond: 20, clock });
    limiter.onThrottled(1_000);
    expect(limiter.current).toEqual({ concurrency: 4, requestsPerSecond: 10 });
    limiter.onThrottled(undefined);
    expect(limiter.current).toEqual({ concurrency: 2, requestsPerSecond: 5 });
    for (let index = 0; index < 400; index++) limiter.onSuccess();
    expect(limiter.current).toEqual({ concurrency: 8, requestsPerSecond: 20 });
  });

  it('holds every request back while a Retry-After pause is running', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ concurrency: 4, requestsPerSecond: undefined, clock });
    const pausedAt = clock.now();
    limiter.onThrottled(5_000);
    const startedAt = await limiter.schedule(async () => clock.now());
    expect(startedAt - pausedAt).toBeGreaterThanOrEqual(5_000);
  });

  it('reports a 429 as a rate-limited event with the slower pace', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/users`, () =>
        ++calls === 1
          ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '2' } })
          : HttpResponse.json({ users: [] }),
      ),
    );
    const events: OneRosterEvent[] = [];
    const client = createOneRosterClient({
      baseUrl: BASE,
      auth: staticBearer('t'),
      clock: createVirtualClock(),
      requestsPerSecond: 10,
      onEvent: (event) => events.push(event),
    });
    await client.request('/users');
    expect(events.find((event) => event.type === 'rate-limited')).toMatchObject({
      retryAfterMs: 2_000,
      requestsPerSecond: 5,
    });
    expect(events.map((event) => event.type)).toEqual([
      'request',
      'response',
      'rate-limited',
      'retry',
      'request',
      'response',
    ]);
  });
});
