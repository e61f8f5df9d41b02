import { describe, expect, it } from 'vitest';
import { isIncompletePullError, type SyncResult } from '../../src/sync/index.js';
import type { District, LinkStyle, MockQuirks } from '../../src/testing/index.js';
import { changeSomeUsers, useReliabilityHarness } from './harness.js';

const { scenario } = useReliabilityHarness();

const COLLECTIONS = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const;

function expectEveryRecord(district: District, result: SyncResult): void {
  for (const collection of COLLECTIONS) {
    expect(result.collections[collection]?.received).toBe(district.count(collection));
  }
}

/**
 * A provider whose X-Total-Count for users is `count()` (while it is defined) whatever it holds: a
 * count consistently too low, that a short first page reaches.
 */
function countingUsersAt(
  count: () => number | undefined,
  fetchFromProvider: typeof globalThis.fetch,
): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetchFromProvider(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const sent = count();
    if (sent === undefined || !url.pathname.endsWith('/users') || !response.headers.has('x-total-count')) {
      return response;
    }
    const headers = new Headers(response.headers);
    headers.set('x-total-count', String(sent));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

describe('paging that misleads', () => {
  it.each<[string, MockQuirks]>([
    ['clamps the page size silently', { maxPageSize: 4 }],
    ['sends no X-Total-Count and no Link', { totalCount: 'omit', link: 'omit', maxPageSize: 6 }],
    ['sends a negative X-Total-Count', { totalCount: 'negative', maxPageSize: 6 }],
  ])('receives every record when the provider %s', async (_, quirks) => {
    const s = await scenario({ quirks, client: { pageSize: 20 } });
    const result = await s.sync();

    expectEveryRecord(s.district, result);
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

describe('a count that a short first page reaches', () => {
  // The provider clamps to 6 and counts 6 users, so the first page of users reaches its X-Total-Count
  // and looks like the whole collection: only the Link's `next`, however it is written, says that more
  // follow.
  async function usersCountedAtSix(link: LinkStyle) {
    const wire: { fetch: typeof globalThis.fetch; count: number | undefined } = {
      fetch: globalThis.fetch,
      count: 6,
    };
    const s = await scenario({
      quirks: { link, maxPageSize: 6 },
      client: {
        pageSize: 20,
        fetch: countingUsersAt(
          () => wire.count,
          (input, init) => wire.fetch(input, init),
        ),
      },
    });
    // Through the scenario's recording fetch, so every exchange is still recorded and scanned.
    wire.fetch = s.fetch;
    return { s, wire };
  }

  it.each<[string, LinkStyle]>([
    ['in the standard form', 'standard'],
    ['without angle brackets', 'noAngleBrackets'],
    ['with empty entries and a trailing comma', 'trailingComma'],
    ['with relative targets', 'relative'],
    ['in a next link that drops the query', 'nextDropsQuery'],
  ])('reads every user when Link names the next page %s', async (_, link) => {
    const { s } = await usersCountedAtSix(link);
    const users = await s.client.users.list().toArray({ maxItems: 10_000 });

    expect(users).toHaveLength(s.district.count('users'));
    // The caller's query is kept on every page, whatever the links said.
    const exchanges = s.exchangesOf('/users');
    expect(exchanges.length).toBeGreaterThan(2);
    for (const exchange of exchanges) {
      expect(exchange.url.searchParams.get('sort')).toBe('sourcedId');
    }
  });

  it('keeps a sync from deleting the users past that count', async () => {
    const { s, wire } = await usersCountedAtSix('standard');
    wire.count = undefined;
    await s.sync();
    const before = await s.storeHash();
    wire.count = 6;

    const error = await s.syncFailure();
    expect(isIncompletePullError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'count-mismatch', collection: 'users', total: 6 });
    expect(await s.storeHash()).toBe(before);
  });
});

/** A deterministic shuffle, seeded per request. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

/**
 * A provider whose order changes on every request unless it is asked to sort by sourcedId (an
 * `OFFSET` over a query without `ORDER BY`): each page is cut from the whole list shuffled anew.
 */
function shuffledPerRequest(inner: () => typeof globalThis.fetch): typeof globalThis.fetch {
  let requests = 0;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.searchParams.get('sort') === 'sourcedId' || !url.searchParams.has('offset')) {
      return inner()(input, init);
    }
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    const whole = new URL(url);
    whole.searchParams.set('offset', '0');
    whole.searchParams.set('limit', '100000');
    const response = await inner()(input instanceof Request ? new Request(whole, input) : whole, init);
    if (!response.ok) return response;
    const body: Record<string, unknown> = await response.json();
    for (const [key, value] of Object.entries(body)) {
      if (Array.isArray(value)) body[key] = shuffle(value, ++requests).slice(offset, offset + limit);
    }
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return Response.json(body, { status: response.status, headers });
  };
}

describe('an order that changes on every request', () => {
  it('syncs every record once with stableSort off, and the store matches a clean sync', async () => {
    const wire = { fetch: globalThis.fetch };
    const s = await scenario({
      client: { stableSort: false, fetch: shuffledPerRequest(() => wire.fetch) },
    });
    wire.fetch = s.fetch;
    const result = await s.sync();

    // Every record once: the re-read in sourcedId order counts its repeats as duplicates.
    for (const collection of COLLECTIONS) {
      expect(result.collections[collection]?.inserted).toBe(s.district.count(collection));
    }
    expect(await s.storeHash()).toBe(await s.cleanHash());
    const recovered = s.eventsOf('unstable-sort').map((event) => event.collection);
    expect(recovered).toContain('users');
    expect(recovered).toContain('enrollments');
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
