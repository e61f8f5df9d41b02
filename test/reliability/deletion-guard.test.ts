import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { isMassDeletionError } from '../../src/sync/index.js';
import { useReliabilityHarness } from './harness.js';

const { msw, scenario } = useReliabilityHarness();

describe('a provider that seems to have lost the district', () => {
  it('refuses an empty users list from an outage with MassDeletionError, and keeps the previous snapshot', async () => {
    const s = await scenario();
    await s.sync();
    const before = await s.storeHash();
    const lastFull = await s.store.lastFullSync('district-7');
    // A 200 with a well-formed, empty collection: nothing at the transport level is wrong.
    msw.use(
      http.get(`${s.provider.baseUrl}/users`, () =>
        HttpResponse.json({ users: [] }, { headers: { 'x-total-count': '0' } }),
      ),
    );

    const error = await s.syncFailure();
    expect(isMassDeletionError(error)).toBe(true);
    expect(error).toMatchObject({ collection: 'users', reason: 'empty', stored: 30, wouldDelete: 30 });
    expect(await s.storeHash()).toBe(before);
    expect(await s.store.lastFullSync('district-7')).toEqual(lastFull);
  });

  it('refuses deletions above the threshold with MassDeletionError, and keeps the previous snapshot', async () => {
    const s = await scenario();
    await s.sync();
    const before = await s.storeHash();
    // One school's students vanish: 12 of 30 users, far above the 10% guard.
    for (const user of [...s.district.records('users')].slice(0, 12)) {
      s.district.mutate.delete('users', user.sourcedId);
    }

    const error = await s.syncFailure();
    expect(isMassDeletionError(error)).toBe(true);
    expect(error).toMatchObject({ collection: 'users', reason: 'fraction', stored: 30, wouldDelete: 12 });
    expect(await s.storeHash()).toBe(before);
  });
});
