import { describe, expect, it } from 'vitest';
import { isIncompletePullError } from '../../src/sync/index.js';
import type { MockQuirks } from '../../src/testing/index.js';
import { changeSomeUsers, useReliabilityHarness } from './harness.js';

const { scenario } = useReliabilityHarness();

describe('paging that misleads', () => {
  it.each<[string, MockQuirks]>([
    ['clamps the page size silently', { maxPageSize: 4 }],
    ['sends no X-Total-Count and no Link', { totalCount: 'omit', link: 'omit', maxPageSize: 6 }],
    ['sends a negative X-Total-Count', { totalCount: 'negative', maxPageSize: 6 }],
    ['sends Link without angle brackets', { link: 'noAngleBrackets', maxPageSize: 6 }],
    ['sends Link with empty entries and a trailing comma', { link: 'trailingComma', maxPageSize: 6 }],
    ['sends relative Link targets', { link: 'relative', maxPageSize: 6 }],
    ['sends a next link that drops the query', { link: 'nextDropsQuery', maxPageSize: 6 }],
  ])('receives every record when the provider %s', async (_, quirks) => {
    const s = await scenario({ quirks, client: { pageSize: 20 } });
    const result = await s.sync();

    for (const collection of [
      'orgs',
      'academicSessions',
      'courses',
      'classes',
      'users',
      'enrollments',
    ] as const) {
      expect(result.collections[collection]?.received).toBe(s.district.count(collection));
    }
    // The caller's query is kept on every page, whatever the links said.
    for (const exchange of s.exchangesOf('/users')) {
      expect(exchange.url.searchParams.get('sort')).toBe('sourcedId');
    }
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });

  it('halves the page size on a 413 and completes', async () => {
    const s = await scenario({ quirks: { rejectLimitAbove: 8 }, client: { pageSize: 30 } });
    await s.sync();

    const limits = s.exchangesOf('/users').map((exchange) => exchange.url.searchParams.get('limit'));
    expect(limits.slice(0, 3)).toEqual(['30', '15', '7']);
    expect(new Set(limits.slice(2))).toEqual(new Set(['7']));
    expect(s.provider.stats.statuses[413]).toBeGreaterThan(0);
    expect(s.pageSizes('users')).toEqual([7, 7, 7, 7, 2]);
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });
});

describe('data that changes during the pull', () => {
  it('detects the drift, restarts the collection, and ends as a clean run of the new roster does', async () => {
    const s = await scenario({ quirks: { permRevHeader: true }, client: { concurrency: 1 } });
    let changed = false;
    s.onProgress.push((event) => {
      if (changed || event.type !== 'page' || event.collection !== 'users') return;
      changed = true;
      changeSomeUsers(s.district);
    });
    const result = await s.sync();

    expect(s.eventsOf('drift').map((event) => event.collection)).toEqual(['users']);
    expect(result.collections.users?.restarts).toBe(1);
    expect(s.progress.filter((event) => event.type === 'collection-restarted')).toHaveLength(1);
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });

  it('fails after the bounded restarts when the roster keeps moving, and deletes nothing', async () => {
    const s = await scenario();
    await s.sync();
    const before = await s.storeHash();
    changeSomeUsers(s.district);
    // From the users pull on, every page after the first inserts a user ahead of the cursor: offset
    // paging skips records, and the total moves.
    s.onProgress.push((event) => {
      if (event.type === 'collection-started' && event.collection === 'users') {
        s.provider.setQuirks({ driftInsertsPerPage: 1 });
      }
    });

    const error = await s.syncFailure({ maxRestarts: 2 });
    expect(isIncompletePullError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'drift', collection: 'users', attempts: 3 });
    expect(s.progress.filter((event) => event.type === 'collection-restarted')).toHaveLength(2);
    expect(await s.storeHash()).toBe(before);
    expect(await s.store.count('district-7', 'users', { status: 'tobedeleted' })).toBe(0);
  });
});
