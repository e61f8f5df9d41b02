import { describe, expect, it } from 'vitest';
import { isRateLimitError } from '../../src/index.js';
import type { MockFault } from '../../src/testing/index.js';
import { changeSomeUsers, type Exchange, useReliabilityHarness } from './harness.js';

const { scenario } = useReliabilityHarness();

/** How long the 429's headers asked the client to wait, read as the provider meant it. */
function askedMs(exchange: Exchange): number {
  const headers = exchange.headers as Headers;
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1_000;
  if (retryAfter !== null) return Date.parse(retryAfter) - exchange.endedAt;
  return Number(headers.get('x-ratelimit-reset')) * 1_000 - exchange.endedAt;
}

describe('a provider that throttles with 429', () => {
  it.each<[string, NonNullable<Extract<MockFault, { type: 'rateLimit' }>['retryAfter']>]>([
    ['Retry-After in seconds', 'seconds'],
    ['Retry-After as an HTTP date', 'httpDate'],
    ['X-RateLimit-Reset', 'rateLimitReset'],
  ])('waits at least the time asked with %s, slows down, and completes the sync', async (_, retryAfter) => {
    const s = await scenario({
      faults: [{ type: 'rateLimit', retryAfter, retryAfterSeconds: 7, path: '/users', nth: 2 }],
      // One request at a time, so the request after the 429 is the retry, and a pace to halve.
      client: { concurrency: 1, requestsPerSecond: 20 },
    });
    await s.sync();

    const index = s.exchanges.findIndex((exchange) => exchange.status === 429);
    const throttled = s.exchanges[index] as Exchange;
    const asked = askedMs(throttled);
    expect(asked).toBeGreaterThan(5_000);
    const next = s.exchanges[index + 1] as Exchange;
    expect(next.url.pathname).toBe(throttled.url.pathname);
    expect(next.url.search).toBe(throttled.url.search);
    expect(next.startedAt - throttled.endedAt).toBeGreaterThanOrEqual(asked);

    const [limited] = s.eventsOf('rate-limited');
    expect(limited?.retryAfterMs).toBeGreaterThanOrEqual(asked);
    expect(limited?.requestsPerSecond).toBe(10);
    // Slower pace after the 429: requests start at least 1/10 s apart (1/20 s before it).
    const after = s.exchanges.slice(index + 1, index + 5).map((exchange) => exchange.startedAt);
    for (let i = 1; i < after.length; i++) {
      expect((after[i] as number) - (after[i - 1] as number)).toBeGreaterThanOrEqual(100);
    }
    expect(s.provider.stats.faults['rateLimit']).toBe(1);
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });

  it('fails with RateLimitError.retryAfterMs when Retry-After is far beyond the cap, and applies nothing to the collection', async () => {
    const s = await scenario({ client: { retry: { maxRetryAfterMs: 120_000 } } });
    await s.sync();
    const before = await s.storeHash();
    changeSomeUsers(s.district);
    s.provider.addFault({ type: 'rateLimit', retryAfterSeconds: 3_600, path: '/users', nth: 2 });

    const error = await s.syncFailure();
    expect(isRateLimitError(error)).toBe(true);
    expect(isRateLimitError(error) && error.retryAfterMs).toBe(3_600_000);
    expect(error).toMatchObject({ status: 429, collection: 'users' });
    // Failed at once: no wait of an hour, nor any retry of the throttled page.
    expect(s.clock.sleeps.some((ms) => ms >= 120_000)).toBe(false);
    expect(s.eventsOf('retry')).toEqual([]);
    expect(await s.storeHash()).toBe(before);
  });
});
