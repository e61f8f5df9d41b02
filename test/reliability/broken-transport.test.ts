import { describe, expect, it } from 'vitest';
import type { MockFault } from '../../src/testing/index.js';
import { TIMEOUT_MS, useReliabilityHarness } from './harness.js';

const { scenario } = useReliabilityHarness();

/** Records each staged users page holds: 30 users in pages of 7. */
const FULL_PAGES = [7, 7, 7, 7, 2];

describe.each(['msw', 'http'] as const)('a connection that breaks (%s)', (transport) => {
  it.each<[string, MockFault]>([
    ['a connection reset mid-body', { type: 'connectionReset', afterBytes: 300, path: '/users', nth: 2 }],
    ['a body truncated short of its Content-Length', { type: 'truncatedBody', path: '/users', nth: 3 }],
  ])('retries the page after %s and never stages a partial page', async (_, fault) => {
    const s = await scenario({ transport, faults: [fault] });
    await s.sync();

    expect(s.provider.stats.faults[fault.type]).toBe(1);
    const [retry, ...others] = s.eventsOf('retry');
    expect(retry?.reason).toBe('NetworkError');
    expect(others).toEqual([]);
    const failed = s.eventsOf('response').find((event) => event.error !== undefined);
    expect(failed?.error).toBe('NetworkError');
    expect(s.pageSizes('users')).toEqual(FULL_PAGES);
    expect(await s.storeHash()).toBe(await s.cleanHash());
    if (transport === 'http') expect(s.provider.stats.connections).toBeGreaterThan(0);
  });

  it.each<[string, MockFault]>([
    ['stalled headers', { type: 'stallHeaders', path: '/users', nth: 2 }],
    ['a body that stalls halfway', { type: 'stallBody', path: '/users', nth: 2 }],
  ])('times out a request with %s, then retries it and completes', async (_, fault) => {
    // One request at a time, so the only deadline running when the stall begins is the stalled one's.
    const s = await scenario({ transport, faults: [fault], client: { concurrency: 1 } });
    const startedAt = s.clock.now();
    const synced = s.sync();
    // The deadline falls (on the virtual clock) once the provider holds the request, and not before:
    // the stall never ends by itself, so there is no race with real time.
    await expect.poll(() => s.provider.stats.faults[fault.type], { timeout: 20_000 }).toBe(1);
    expect(s.clock.expireDeadlines()).toBe(1);
    await synced;

    expect(s.provider.stats.faults[fault.type]).toBe(1);
    const timedOut = s.eventsOf('response').filter((event) => event.error !== undefined);
    expect(timedOut.map((event) => event.error)).toEqual(['NetworkError']);
    expect(s.eventsOf('retry').map((event) => event.reason)).toEqual(['NetworkError']);
    expect(s.pageSizes('users')).toEqual(FULL_PAGES);
    expect(await s.storeHash()).toBe(await s.cleanHash());
    // The request waited its whole 10 s timeout, on the client's clock.
    expect(s.clock.now() - startedAt).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(s.provider.pendingWaits).toBe(0);
  });
});
