import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOneRosterClient, isProtocolError, type OneRosterEvent } from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';
import { BASE } from './fake-collection.js';
import { type UnstableTiesOptions, unstableTiesUsers, userId } from './unstable-ties.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const COUNT = 342;
const allIds = Array.from({ length: COUNT }, (_, index) => userId(index));

function serve(options: Partial<UnstableTiesOptions> = {}) {
  const fake = unstableTiesUsers({ count: COUNT, families: 6, ties: 'shuffled', ...options });
  server.use(fake.handler);
  return fake.stats;
}

function makeClient(overrides: Partial<Parameters<typeof createOneRosterClient>[0]> = {}) {
  const events: OneRosterEvent[] = [];
  const client = createOneRosterClient({
    baseUrl: BASE,
    auth: staticBearer('t'),
    pageSize: 25,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}

async function collect(iterable: AsyncIterable<{ sourcedId: string; familyName: string }>) {
  const records: { sourcedId: string; familyName: string }[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

const sortParams = (urls: URL[]) => urls.map((url) => url.searchParams.get('sort'));

describe('a sort on a field with ties, on a provider that orders ties differently per request', () => {
  it.each([
    ['without X-Total-Count (Ed-Fi)', { totalCount: false }],
    ['with X-Total-Count', { totalCount: true }],
    ['clamping the page size', { totalCount: false, clampTo: 20 }],
  ])('yields every user exactly once %s', async (_, options) => {
    const stats = serve(options);
    const { client, events } = makeClient();
    const pull = client.users.list({ sort: 'familyName', fields: ['sourcedId', 'familyName'] });
    const ids = (await collect(pull)).map((record) => record.sourcedId);

    expect(ids).toHaveLength(COUNT);
    expect([...ids].sort()).toEqual(allIds);
    expect(pull.summary).toMatchObject({ complete: true, yielded: COUNT, drift: undefined });
    // What syncRoster checks against X-Total-Count: the distinct records received.
    expect(pull.summary.received - pull.summary.duplicates).toBe(COUNT);
    expect(pull.summary.unstableSort).toMatchObject({ sort: 'familyName' });
    const unstable = events.filter((event) => event.type === 'unstable-sort');
    expect(unstable).toEqual([
      { type: 'unstable-sort', collection: 'users', sort: 'familyName', offset: expect.any(Number) },
    ]);
    // The read asked in the caller's sort until the first repeat, then in sourcedId order.
    const sorts = sortParams(stats.requests);
    const firstById = sorts.indexOf('sourcedId');
    expect(firstById).toBeGreaterThan(0);
    expect(sorts.slice(0, firstById).every((sort) => sort === 'familyName')).toBe(true);
    expect(sorts.slice(firstById).every((sort) => sort === 'sourcedId')).toBe(true);
    expect(stats.requests[firstById]?.searchParams.get('offset')).toBe('0');
    expect(pull.summary.requests).toBe(stats.requests.length);
  });

  it('keeps the caller order for the records read before the first repeat', async () => {
    serve();
    const { client } = makeClient();
    const pull = client.users.list({ sort: 'familyName', fields: ['sourcedId', 'familyName'] });
    const records = await collect(pull);
    const offset = pull.summary.unstableSort?.offset ?? 0;
    expect(offset).toBeGreaterThan(0);
    const before = records.slice(0, offset).map((record) => record.familyName);
    expect(before).toEqual([...before].sort((a, b) => a.localeCompare(b)));
  });

  it('never yields a record twice through pages() either', async () => {
    serve({ totalCount: true });
    const { client } = makeClient();
    const ids: string[] = [];
    let duplicates = 0;
    for await (const page of client.users.pages({
      sort: 'familyName',
      fields: ['sourcedId', 'familyName'],
    })) {
      ids.push(...page.items.map((record) => record.sourcedId));
      duplicates += page.duplicates;
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(COUNT);
    expect(duplicates).toBeGreaterThan(0);
  });

  it('recovers an unsorted read (stableSort off) over an unstable natural order, even with dedupe off', async () => {
    const stats = serve();
    const { client } = makeClient({ stableSort: false, dedupe: false });
    const pull = client.users.list({ fields: ['sourcedId', 'familyName'] });
    const ids = (await collect(pull)).map((record) => record.sourcedId);
    expect([...ids].sort()).toEqual(allIds);
    expect(pull.summary.complete).toBe(true);
    expect(pull.summary.unstableSort).toEqual({ offset: expect.any(Number) });
    expect(sortParams(stats.requests)[0]).toBeNull();
    expect(sortParams(stats.requests).at(-1)).toBe('sourcedId');
  });

  it('reads in one pass when the provider orders its ties the same way on every request', async () => {
    const stats = serve({ ties: 'stable' });
    const { client, events } = makeClient();
    const pull = client.users.list({ sort: 'familyName', fields: ['sourcedId', 'familyName'] });
    const ids = (await collect(pull)).map((record) => record.sourcedId);
    expect([...ids].sort()).toEqual(allIds);
    expect(pull.summary).toMatchObject({ complete: true, duplicates: 0, unstableSort: undefined });
    expect(new Set(sortParams(stats.requests))).toEqual(new Set(['familyName']));
    // 14 pages of 25 records, and the empty page that ends the read.
    expect(stats.requests).toHaveLength(Math.ceil(COUNT / 25) + 1);
    expect(events.some((event) => event.type === 'unstable-sort')).toBe(false);
  });

  it('fails with a ProtocolError, never complete, when even sourcedId order changes per request', async () => {
    serve({ ignoresSourcedIdSort: true });
    const { client } = makeClient();
    const pull = client.users.list({ sort: 'familyName', fields: ['sourcedId', 'familyName'] });
    const error = await collect(pull).catch((caught: unknown) => caught);
    expect(isProtocolError(error) && error.reason).toBe('unstable-order');
    expect(isProtocolError(error) && error.collection).toBe('users');
    expect(pull.summary.complete).toBe(false);
  });
});
