import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createProviderCore,
  generateDistrict,
  type MockFault,
  type MockServer,
  startMockServer,
} from '../../src/testing/index.js';
import { codeMinorOf, fetchToken } from './helpers.js';

const district = generateDistrict({ preset: 'tiny' });
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(faults: MockFault[], extra: Parameters<typeof startMockServer>[0] = {}) {
  server = await startMockServer({ district, auth: { type: 'none' }, faults, ...extra });
  return server;
}

const get = (path: string, init?: RequestInit) => fetch(`${server?.baseUrl}${path}`, init);

describe('faults on the provider core', () => {
  // Fake timers: the delay is asserted on the clock that runs it, not on a stopwatch.
  it('delays a response by exactly the latency it was given', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const core = createProviderCore({
        district,
        auth: { type: 'none' },
        faults: [{ type: 'latency', ms: 150 }],
      });
      let answered = false;
      const response = core
        .handle({ method: 'GET', url: `${core.baseUrl}/orgs`, headers: {}, body: '' })
        .finally(() => {
          answered = true;
        });
      await vi.advanceTimersByTimeAsync(149);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(answered).toBe(true);
      expect((await response).status).toBe(200);
      expect(core.pendingWaits).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('faults on a real server', () => {
  it('answers 429 with Retry-After in seconds, as an HTTP date, or X-RateLimit-Reset', async () => {
    // The mock's own clock, so the dates are known whatever time the responses take.
    const now = Date.parse('2026-11-23T08:00:00.250Z');
    await start(
      [
        { type: 'rateLimit', retryAfterSeconds: 2 },
        { type: 'rateLimit', retryAfter: 'httpDate', nth: 2 },
        { type: 'rateLimit', retryAfter: 'rateLimitReset', nth: 3 },
      ],
      { now: () => now },
    );
    const seconds = await get('/users');
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get('retry-after')).toBe('2');
    expect(codeMinorOf((await seconds.json()) as Record<string, unknown>)).toBe('server_busy');
    const date = await get('/users');
    expect(date.status).toBe(429);
    expect(date.headers.get('retry-after')).toBe('Mon, 23 Nov 2026 08:00:01 GMT');
    const reset = await get('/users');
    // Epoch seconds of the end of the cool-down: the current second, rounded up, plus 1 s.
    expect(reset.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2026-11-23T08:00:02Z') / 1_000));
    expect((await get('/users')).status).toBe(200);
    expect(server?.stats.faults.rateLimit).toBe(3);
  });

  it('bursts 5xx N times, then recovers; or stays down', async () => {
    await start([{ type: 'serverError', status: 502, times: 3 }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/orgs')).status);
    expect(statuses).toEqual([502, 502, 502, 200]);
    server?.provider.addFault({ type: 'serverError', times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) expect((await get('/orgs')).status).toBe(503);
    server?.provider.clearFaults();
    expect((await get('/orgs')).status).toBe(200);
  });

  it('targets a path pattern and the nth matching request', async () => {
    await start([{ type: 'serverError', status: 500, path: '/classes/{id}/students', nth: 2 }]);
    expect((await get('/classes/cls-0000000000/students')).status).toBe(200);
    expect((await get('/users')).status).toBe(200);
    expect((await get('/classes/cls-0000000001/students')).status).toBe(500);
    expect((await get('/classes/cls-0000000001/students')).status).toBe(200);
  });

  it('resets the connection mid-body', async () => {
    await start([{ type: 'connectionReset', afterBytes: 100 }]);
    const response = await get('/users');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await get('/users')).status).toBe(200);
  });

  it('truncates the body short of Content-Length', async () => {
    await start([{ type: 'truncatedBody' }]);
    const response = await get('/users');
    await expect(response.text()).rejects.toThrow();
  });

  it('holds a delayed response until the client gives up, without leaking a timer', async () => {
    const { provider } = await start([{ type: 'latency', ms: 600_000 }]);
    const controller = new AbortController();
    const pending = get('/orgs', { signal: controller.signal }).catch((error: unknown) => error);
    await expect.poll(() => provider.pendingWaits, { timeout: 10_000 }).toBe(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await expect.poll(() => provider.pendingWaits, { timeout: 10_000 }).toBe(0);
    expect((await get('/orgs')).status).toBe(200);
  });

  it('stalls headers until the client aborts, without leaking a timer', async () => {
    const { provider } = await start([{ type: 'stallHeaders' }]);
    await expect(get('/users', { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await expect.poll(() => provider.pendingWaits, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => provider.stats.inFlight, { timeout: 10_000 }).toBe(0);
    expect((await get('/users')).status).toBe(200);
  });

  it('stalls the body after the headers until the client aborts', async () => {
    await start([{ type: 'stallBody', afterBytes: 10 }]);
    const controller = new AbortController();
    const response = await get('/users', { signal: controller.signal });
    expect(response.status).toBe(200);
    setTimeout(() => controller.abort(), 100);
    await expect(response.text()).rejects.toThrow();
  });

  it('ends stalled requests at close()', async () => {
    const { provider } = await start([{ type: 'stallHeaders', times: 2 }, { type: 'stallBody' }]);
    const pending = [
      get('/users').catch((error: unknown) => error),
      get('/users').catch((error: unknown) => error),
    ];
    await expect.poll(() => provider.pendingWaits, { timeout: 10_000 }).toBe(2);
    await server?.close();
    server = undefined;
    expect((await Promise.all(pending)).every((outcome) => outcome instanceof Error)).toBe(true);
    expect(provider.pendingWaits).toBe(0);
  });

  it('answers 200 with an imsx error envelope, malformed JSON, or an HTML page', async () => {
    await start([
      { type: 'errorEnvelope200' },
      { type: 'malformedJson', nth: 2 },
      { type: 'htmlPage', nth: 3 },
    ]);
    const envelope = await get('/users');
    expect(envelope.status).toBe(200);
    const body = (await envelope.json()) as Record<string, unknown>;
    expect(body.users).toBeUndefined();
    expect(body.imsx_codeMajor).toBe('failure');
    const malformed = await get('/users');
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    const html = await get('/users');
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toMatch(/<html>/);
  });

  it('revokes the token on the nth data request; a new token works', async () => {
    const { provider } = await start([{ type: 'tokenRevoked', nth: 2 }], { auth: { type: 'oauth2' } });
    const token = await fetchToken(provider);
    const auth = { headers: { authorization: `Bearer ${token}` } };
    expect((await get('/users', auth)).status).toBe(200);
    expect((await get('/users', auth)).status).toBe(401);
    expect((await get('/users', auth)).status).toBe(401);
    const fresh = await fetchToken(provider);
    expect((await get('/users', { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);
  });

  it('injects faults at the token endpoint', async () => {
    const { provider } = await start([{ type: 'serverError', endpoint: 'token' }], {
      auth: { type: 'oauth2' },
    });
    await expect(fetchToken(provider)).rejects.toThrow(/503/);
    expect(await fetchToken(provider)).toEqual(expect.any(String));
  });

  it('enforces a request rate with 429 and Retry-After', async () => {
    const { provider } = await start([], { rateLimit: { requestsPerSecond: 1, burst: 5 } });
    const statuses = await Promise.all(Array.from({ length: 10 }, () => get('/orgs').then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(provider.stats.faults.rateLimiter).toBe(5);
  });
});
