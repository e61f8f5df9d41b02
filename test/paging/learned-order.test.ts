import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOneRosterClient, type OneRosterEvent } from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';
import { BASE } from './fake-collection.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const COUNT = 230;
const PAGE_SIZE = 25;
const userId = (index: number) => `u-${String(index).padStart(5, '0')}`;
const allIds = Array.from({ length: COUNT }, (_, index) => userId(index));

interface HeapProvider {
  /** Every request's URL, in order. */
  requests: URL[];
}

/**
 * A provider that serves a table in its storage order when no sort is asked for, as a database
 * without ORDER BY does. `order` is that storage order; `afterPage(n)` may rewrite it after the
 * n-th unsorted page has been served (an update moving a row, as PostgreSQL's heap does).
 */
function serveHeap(
  order: string[],
  options: { afterPage?: (served: number, order: string[]) => void; totalCount?: boolean } = {},
): HeapProvider {
  const requests: URL[] = [];
  let unsortedServed = 0;
  server.use(
    http.get(`${BASE}/users`, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const sorted = url.searchParams.get('sort') === 'sourcedId';
      const rows = sorted ? [...order].sort() : order;
      const users = rows.slice(offset, offset + limit).map((sourcedId) => ({
        sourcedId,
        status: 'active',
        dateLastModified: '2026-09-01T00:00:00.000Z',
        username: sourcedId,
        enabledUser: true,
        givenName: 'Ana',
        familyName: 'Okafor',
        role: 'student',
        orgs: [{ href: '/orgs/s1', sourcedId: 's1', type: 'org' }],
      }));
      if (!sorted) options.afterPage?.(++unsortedServed, order);
      const headers: Record<string, string> =
        options.totalCount === false ? {} : { 'X-Total-Count': String(order.length) };
      return HttpResponse.json({ users }, { headers });
    }),
  );
  return { requests };
}

function makeClient(stableSort: boolean | 'auto' = 'auto') {
  const events: OneRosterEvent[] = [];
  const client = createOneRosterClient({
    baseUrl: BASE,
    auth: staticBearer('t'),
    pageSize: PAGE_SIZE,
    concurrency: 2,
    stableSort,
    onEvent: (event) => events.push(event),
  });
  return { client, events };
}

async function pullIds(pull: AsyncIterable<{ sourcedId: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const record of pull) ids.push(record.sourcedId);
  return ids;
}

const sortOf = (url: URL) => url.searchParams.get('sort');
const orderEvents = (events: OneRosterEvent[]) => events.filter((event) => event.type === 'provider-order');

/** A fixed shuffle of the ids: a table whose storage order is not sourcedId's. */
function shuffled(ids: readonly string[]): string[] {
  const result = [...ids];
  let seed = 7;
  for (let index = result.length - 1; index > 0; index--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = seed % (index + 1);
    const held = result[index] ?? '';
    result[index] = result[other] ?? '';
    result[other] = held;
  }
  return result;
}

describe("stableSort: 'auto' learns each collection's own order", () => {
  it('reads a provider whose own order is sourcedId order without asking it to sort, every pull', async () => {
    const provider = serveHeap([...allIds]);
    const { client, events } = makeClient();

    const first = client.users.list({ fields: ['sourcedId'] });
    expect(await pullIds(first)).toEqual(allIds);
    expect(first.summary).toMatchObject({ complete: true, yielded: COUNT, duplicates: 0 });
    const second = await pullIds(client.users.list({ fields: ['sourcedId'] }));
    expect(second).toEqual(allIds);

    expect(provider.requests.map(sortOf).every((sort) => sort === null)).toBe(true);
    // No page read twice: as many requests as a pull that asks for the sort.
    const unsortedRequests = provider.requests.length;
    await pullIds(makeClient(true).client.users.list({ fields: ['sourcedId'] }));
    expect(unsortedRequests).toBe(2 * (provider.requests.length - unsortedRequests));
    expect(orderEvents(events)).toEqual([{ type: 'provider-order', collection: 'users', ascending: true }]);
  });

  it('re-reads a provider whose own order is not sourcedId order sorted, every record once, and sorts from then on', async () => {
    const provider = serveHeap(shuffled(allIds));
    const { client, events } = makeClient();

    const first = client.users.list({ fields: ['sourcedId'] });
    const ids = await pullIds(first);
    expect(ids).toHaveLength(COUNT);
    expect([...ids].sort()).toEqual(allIds);
    expect(first.summary).toMatchObject({ complete: true, unstableSort: undefined });
    expect(first.summary.received - first.summary.duplicates).toBe(COUNT);
    expect(orderEvents(events)).toEqual([
      { type: 'provider-order', collection: 'users', ascending: false, offset: 0 },
    ]);
    // The unsorted pass ended at its first page; the re-read started at offset 0 in sourcedId order.
    const firstSorted = provider.requests.findIndex((url) => sortOf(url) === 'sourcedId');
    expect(provider.requests[firstSorted]?.searchParams.get('offset')).toBe('0');
    expect(provider.requests.slice(firstSorted).every((url) => sortOf(url) === 'sourcedId')).toBe(true);

    const before = provider.requests.length;
    expect(await pullIds(client.users.list({ fields: ['sourcedId'] }))).toEqual(allIds);
    const secondPull = provider.requests.slice(before);
    expect(secondPull.every((url) => sortOf(url) === 'sourcedId')).toBe(true);
    const sortedPull = provider.requests.length;
    await pullIds(makeClient(true).client.users.list({ fields: ['sourcedId'] }));
    expect(secondPull).toHaveLength(provider.requests.length - sortedPull);
    expect(orderEvents(events)).toHaveLength(1);
  });

  it.each([
    ['moved ahead of the cursor', 200],
    ['moved from behind the cursor', 10],
  ])('misses no record when an update moves one to the end mid-pull (%s)', async (_, movedIndex) => {
    // Storage order is sourcedId order until, after the third page, one row is rewritten at the end of
    // the heap: offsets past it shift by one, so a plain unsorted pull would skip a record.
    const provider = serveHeap([...allIds], {
      afterPage: (served, order) => {
        if (served !== 3) return;
        const [moved] = order.splice(movedIndex, 1);
        if (moved !== undefined) order.push(moved);
      },
    });
    const { client, events } = makeClient();

    const pull = client.users.list({ fields: ['sourcedId'] });
    const ids = await pullIds(pull);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(allIds);
    expect(pull.summary.complete).toBe(true);
    expect(orderEvents(events)).toEqual([
      { type: 'provider-order', collection: 'users', ascending: false, offset: expect.any(Number) },
    ]);
    expect(provider.requests.some((url) => sortOf(url) === 'sourcedId')).toBe(true);
  });

  it('learns filtered reads apart from the whole collection', async () => {
    const provider = serveHeap(shuffled(allIds), { totalCount: false });
    const { client, events } = makeClient();
    await pullIds(client.users.list({ fields: ['sourcedId'] }));
    const before = provider.requests.length;
    await pullIds(
      client.users.list({ fields: ['sourcedId'], filter: "dateLastModified>'2026-01-01T00:00:00Z'" }),
    );
    // The filtered read is checked anew: its first request goes out unsorted.
    expect(sortOf(provider.requests[before] as URL)).toBeNull();
    expect(orderEvents(events)).toHaveLength(2);
  });

  it('keeps asking for sort=sourcedId by default, and for no sort with false', async () => {
    const provider = serveHeap([...allIds]);
    await pullIds(makeClient(true).client.users.list({ fields: ['sourcedId'] }));
    expect(provider.requests.every((url) => sortOf(url) === 'sourcedId')).toBe(true);
    const before = provider.requests.length;
    const { client, events } = makeClient(false);
    await pullIds(client.users.list({ fields: ['sourcedId'] }));
    expect(provider.requests.slice(before).every((url) => sortOf(url) === null)).toBe(true);
    expect(orderEvents(events)).toEqual([]);
  });

  it("leaves a caller's own sort alone", async () => {
    const provider = serveHeap([...allIds]);
    const { client, events } = makeClient();
    await pullIds(client.users.list({ fields: ['sourcedId'], sort: 'sourcedId', orderBy: 'desc' }));
    expect(provider.requests.every((url) => sortOf(url) === 'sourcedId')).toBe(true);
    expect(orderEvents(events)).toEqual([]);
  });

  it('refuses a stableSort that is not true, false or auto', () => {
    expect(() =>
      createOneRosterClient({
        baseUrl: BASE,
        auth: staticBearer('t'),
        // A JavaScript caller's mistake, which the types would refuse.
        stableSort: JSON.parse('"yes"'),
      }),
    ).toThrow(/stableSort` must be true, false or 'auto', got yes/);
  });
});
