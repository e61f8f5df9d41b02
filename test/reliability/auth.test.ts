import { describe, expect, it } from 'vitest';
import { isAuthenticationError, isTokenError } from '../../src/index.js';
import { changeSomeUsers, useReliabilityHarness } from './harness.js';

const { scenario } = useReliabilityHarness();

const RETRIES = 3;

describe('credentials that stop working mid-pull', () => {
  it('shares one token refresh when the token expires mid-pull, and the pull continues', async () => {
    // The provider gives 10-minute tokens without saying so: the client assumes an hour.
    const s = await scenario({ auth: { type: 'oauth2', tokenLifetimeSeconds: 600, expiresIn: 'omit' } });
    s.onProgress.push((event) => {
      if (event.type === 'page' && event.collection === 'users' && event.pages === 1)
        s.clock.advance(11 * 60_000);
    });
    await s.sync();

    expect(s.provider.stats.statuses[401]).toBeGreaterThanOrEqual(1);
    expect(s.provider.stats.tokenRequests).toBe(2);
    expect(s.eventsOf('token-refreshed').map((event) => event.reason)).toEqual(['initial', 'rejected']);
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });

  it('refreshes the token once after a single 401, and the pull continues', async () => {
    const s = await scenario({ faults: [{ type: 'tokenRevoked', path: '/users', nth: 3 }] });
    await s.sync();

    expect(s.provider.stats.faults['tokenRevoked']).toBe(1);
    // Requests in flight with the revoked token all get a 401; they share one refresh.
    expect(s.provider.stats.statuses[401]).toBeGreaterThanOrEqual(1);
    expect(s.provider.stats.statuses[401]).toBeLessThanOrEqual(s.client.options.concurrency);
    expect(s.provider.stats.tokenRequests).toBe(2);
    expect(s.eventsOf('retry')).toEqual([]);
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });

  it('fails with AuthenticationError after two 401s in a row, with bounded token requests, and keeps the snapshot', async () => {
    const s = await scenario({ client: { concurrency: 1, retry: { retries: RETRIES, minDelayMs: 10 } } });
    await s.sync();
    const before = await s.storeHash();
    changeSomeUsers(s.district);
    s.provider.stats.reset();
    s.provider.addFault({ type: 'tokenRevoked', path: '/users', nth: 2, times: 2 });

    const error = await s.syncFailure();
    expect(isAuthenticationError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, collection: 'users' });
    // One refresh for the replay; a second 401 is final, never retried.
    expect(s.provider.stats.tokenRequests).toBe(1);
    expect(s.provider.stats.statuses[401]).toBe(2);
    expect(s.eventsOf('retry')).toEqual([]);
    expect(await s.storeHash()).toBe(before);
  });

  it.each([
    ['503', 1, { type: 'serverError', status: 503 }],
    ['429', 1, { type: 'rateLimit', retryAfterSeconds: 2 }],
    ['503', 4, { type: 'serverError', status: 503 }],
    ['429', 4, { type: 'rateLimit', retryAfterSeconds: 2 }],
  ] as const)(
    'fails with TokenError when the token endpoint answers %s (concurrency %i), with bounded token requests, and keeps the snapshot',
    async (status, concurrency, fault) => {
      const s = await scenario({ client: { concurrency, retry: { retries: RETRIES, minDelayMs: 10 } } });
      await s.sync();
      const before = await s.storeHash();
      changeSomeUsers(s.district);
      s.provider.stats.reset();
      s.provider.addFault({ ...fault, endpoint: 'token', times: Number.POSITIVE_INFINITY });
      // The cached token lapses mid-pull, with pages in flight: their refreshes meet the failing endpoint.
      s.onProgress.push((event) => {
        if (event.type === 'page' && event.collection === 'users' && event.pages === 1)
          s.clock.advance(3_600_000);
      });

      const error = await s.syncFailure();
      expect(isTokenError(error) && error.status).toBe(Number(status));
      // Retried by the one retry layer, then given up: each request in flight tries at most
      // 1 + retries times, and concurrent ones share a token request when they need one together.
      expect(s.provider.stats.tokenRequests).toBeGreaterThanOrEqual(RETRIES + 1);
      expect(s.provider.stats.tokenRequests).toBeLessThanOrEqual(concurrency * (RETRIES + 1));
      if (concurrency === 1) expect(s.provider.stats.tokenRequests).toBe(RETRIES + 1);
      // Pages already sent with the lapsed token get a 401 each; their replay needs the endpoint too.
      expect(s.provider.stats.statuses[401] ?? 0).toBeLessThanOrEqual(concurrency);
      expect(await s.storeHash()).toBe(before);
    },
  );

  it('recovers when the token endpoint fails twice, then answers', async () => {
    const s = await scenario({
      faults: [{ type: 'serverError', status: 502, endpoint: 'token', times: 2 }],
      client: { retry: { retries: RETRIES, minDelayMs: 10 } },
    });
    await s.sync();

    expect(s.provider.stats.tokenRequests).toBe(3);
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });
});
