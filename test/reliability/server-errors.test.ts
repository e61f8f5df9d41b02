import { describe, expect, it } from 'vitest';
import { isServerError } from '../../src/index.js';
import { changeSomeUsers, recordingRandom, useReliabilityHarness } from './harness.js';

const { scenario } = useReliabilityHarness();

const RETRY = { retries: 5, minDelayMs: 100, maxDelayMs: 10_000 };

describe('a provider that fails with 5xx', () => {
  it('completes a sync through a burst of 500, 502, 503 and 504 within the retry budget, with growing, jittered gaps', async () => {
    const { random, draws } = recordingRandom(42);
    const s = await scenario({
      faults: ([500, 502, 503, 504] as const).map((status, index) => ({
        type: 'serverError' as const,
        status,
        path: '/users',
        nth: 2 + index,
      })),
      client: { concurrency: 1, random, retry: RETRY },
    });
    await s.sync();

    const retries = s.eventsOf('retry');
    expect(retries.map((event) => event.reason)).toEqual(['500', '502', '503', '504']);
    expect(new Set(retries.map((event) => event.requestId)).size).toBe(1);
    expect(retries.length).toBeLessThanOrEqual(RETRY.retries);
    // Full jitter: each wait is a random share of a ceiling that doubles per retry.
    const ceilings = retries.map((_, index) => Math.min(RETRY.maxDelayMs, RETRY.minDelayMs * 2 ** index));
    expect(ceilings).toEqual([100, 200, 400, 800]);
    expect(retries.map((event) => event.delayMs)).toEqual(
      ceilings.map((ceiling, index) => Math.round((draws[index] as number) * ceiling)),
    );
    expect(retries.filter((event, index) => event.delayMs !== ceilings[index]).length).toBeGreaterThan(0);
    // The gaps on the wire are the waits: the retried page left only after each one.
    const attempts = s
      .exchangesOf('/users')
      .filter((exchange) => exchange.url.searchParams.get('offset') === '7');
    expect(attempts.map((exchange) => exchange.status)).toEqual([500, 502, 503, 504, 200]);
    for (let i = 1; i < attempts.length; i++) {
      const gap = (attempts[i]?.startedAt as number) - (attempts[i - 1]?.endedAt as number);
      expect(gap).toBeGreaterThanOrEqual(retries[i - 1]?.delayMs as number);
    }
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });

  it('fails a sync within the retry budget when the provider answers 503 persistently, and keeps the previous snapshot', async () => {
    const s = await scenario({ client: { retry: RETRY } });
    await s.sync();
    const before = await s.storeHash();
    const lastFull = await s.store.lastFullSync('district-7');
    changeSomeUsers(s.district);
    s.provider.addFault({
      type: 'serverError',
      status: 503,
      path: '/users',
      times: Number.POSITIVE_INFINITY,
    });

    const error = await s.syncFailure();
    expect(isServerError(error) && error.status).toBe(503);
    expect(error).toMatchObject({ collection: 'users' });
    // Each failing page is tried once plus `retries` times, never more.
    const requestIds = new Set(s.eventsOf('retry').map((event) => event.requestId));
    for (const id of requestIds) {
      expect(s.eventsOf('retry').filter((event) => event.requestId === id).length).toBeLessThanOrEqual(
        RETRY.retries,
      );
    }
    expect(s.eventsOf('retry').filter((event) => event.reason === '503').length).toBeGreaterThanOrEqual(
      RETRY.retries,
    );
    const totalWaitMs = s.eventsOf('retry').reduce((sum, event) => sum + event.delayMs, 0);
    expect(totalWaitMs).toBeLessThanOrEqual(requestIds.size * (100 + 200 + 400 + 800 + 1_600));
    expect(await s.storeHash()).toBe(before);
    expect(await s.store.lastFullSync('district-7')).toEqual(lastFull);
    expect(await s.store.getCheckpoint('district-7')).toBeUndefined();
  });
});
