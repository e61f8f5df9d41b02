import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createOneRosterClient,
  isAbortError,
  isProtocolError,
  OneRosterError,
  type OneRosterEvent,
} from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';
import { BASE, type FakeCollectionOptions, fakeUsers } from './fake-collection.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function serve(options: FakeCollectionOptions) {
  const fake = fakeUsers(options);
  server.use(fake.handler);
  return fake.stats;
}

function makeClient(
  overrides: Parameters<typeof createOneRosterClient>[0] extends infer O ? Partial<O> : never = {},
) {
  const events: OneRosterEvent[] = [];
  const client = createOneRosterClient({
    baseUrl: BASE,
    auth: staticBearer('t'),
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}

async function collectIds(iterable: AsyncIterable<{ sourcedId?: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const record of iterable) ids.push(record.sourcedId ?? '');
  return ids;
}

const expectedIds = (count: number) =>
  Array.from({ length: count }, (_, index) => `u-${String(index).padStart(6, '0')}`);

describe('paging never loses a record', () => {
  it('keeps paging when the provider clamps 1000 to 37 per page', async () => {
    const stats = serve({ count: 500, clampTo: 37 });
    const { client } = makeClient({ pageSize: 1000 });
    expect(await collectIds(client.users.list())).toEqual(expectedIds(500));
    expect(stats.requests.every((url) => url.searchParams.get('limit') === '1000')).toBe(true);
  });

  it('keeps paging with neither X-Total-Count nor Link, ending on an empty page', async () => {
    const stats = serve({ count: 250, clampTo: 37, noTotal: true, link: 'none' });
    const { client } = makeClient({ pageSize: 100 });
    const pull = client.users.list();
    expect(await collectIds(pull)).toEqual(expectedIds(250));
    expect(stats.requests.at(-1)?.searchParams.get('offset')).toBe('250');
    expect(pull.summary).toMatchObject({ complete: true, received: 250, yielded: 250, total: undefined });
  });

  it('ignores a broken Link header and keeps its own offsets', async () => {
    const stats = serve({ count: 120, link: 'broken', noTotal: true });
    const { client } = makeClient({ pageSize: 50 });
    expect(await collectIds(client.users.list())).toEqual(expectedIds(120));
    expect(stats.requests.map((url) => url.searchParams.get('offset'))).toEqual(['0', '50', '100', '120']);
  });

  it('confirms the end at X-Total-Count with one request', async () => {
    const stats = serve({ count: 300 });
    const { client } = makeClient({ pageSize: 100, concurrency: 1 });
    expect(await collectIds(client.users.list())).toHaveLength(300);
    expect(stats.requests.map((url) => url.searchParams.get('offset'))).toEqual(['0', '100', '200', '300']);
  });

  it('needs no confirmation when one short page holds the whole total', async () => {
    const stats = serve({ count: 40 });
    const { client } = makeClient({ pageSize: 100 });
    expect(await collectIds(client.users.list())).toHaveLength(40);
    expect(stats.requests).toHaveLength(1);
  });

  it('asks once more when one short page reaches X-Total-Count but its Link names a next page', async () => {
    // A provider that clamps to 100 and counts only the page it sent: the first page alone looks like
    // a whole collection of 100, and only its Link says that more follow.
    const stats = serve({ count: 250, clampTo: 100, totalIsPageCount: true });
    const { client } = makeClient({ pageSize: 1000 });
    const pull = client.users.list();
    expect(await collectIds(pull)).toEqual(expectedIds(250));
    expect(stats.requests.map((url) => url.searchParams.get('offset'))).toEqual(['0', '100', '200', '250']);
    expect(pull.summary.complete).toBe(true);
  });

  it('spends one request, never a record, on a Link that names a next page that is not there', async () => {
    const stats = serve({ count: 40, link: 'broken' });
    const { client } = makeClient({ pageSize: 100 });
    expect(await collectIds(client.users.list())).toEqual(expectedIds(40));
    expect(stats.requests.map((url) => url.searchParams.get('offset'))).toEqual(['0', '40']);
  });

  it('still confirms the end when the Link agrees with a count that is too low', async () => {
    // The count and the links come from the same wrong number: a missing `next` saves no request.
    serve({ count: 250, totalOverride: 100, link: 'toTotal' });
    const { client } = makeClient({ pageSize: 50, concurrency: 1 });
    const pull = client.users.list();
    expect(await collectIds(pull)).toEqual(expectedIds(250));
    expect(pull.summary.complete).toBe(true);
  });

  it('loses nothing when X-Total-Count is consistently too low', async () => {
    serve({ count: 250, totalOverride: 100 });
    const { client } = makeClient({ pageSize: 50, concurrency: 2 });
    const pull = client.users.list();
    expect(await collectIds(pull)).toEqual(expectedIds(250));
    expect(pull.summary.complete).toBe(true);
  });

  it('keeps the caller filter, fields and sort on every page', async () => {
    const stats = serve({ count: 30 });
    const { client } = makeClient({ pageSize: 10 });
    await collectIds(client.users.list({ filter: "role='student'", fields: ['sourcedId', 'givenName'] }));
    for (const url of stats.requests) {
      expect(url.searchParams.get('filter')).toBe("role='student'");
      expect(url.searchParams.get('fields')).toBe('sourcedId,givenName');
      expect(url.searchParams.get('sort')).toBe('sourcedId');
      expect(url.searchParams.get('orderBy')).toBe('asc');
    }
    expect(stats.requests[0]?.search).toContain('%27student%27');
  });
});

describe('concurrent prefetch', () => {
  it('fetches pages concurrently when the total is known, yields in order, never above concurrency', async () => {
    const stats = serve({ count: 1_000, delayMs: 10 });
    const { client } = makeClient({ pageSize: 50, concurrency: 4 });
    expect(await collectIds(client.users.list())).toEqual(expectedIds(1_000));
    expect(stats.maxInFlight).toBe(4);
    expect(stats.requests).toHaveLength(21);
  });

  it('at concurrency 1, asks for the next page when a body arrives, before parsing it', async () => {
    // The provider takes a few milliseconds per page, as a real one does: the consumer has taken a
    // page before the next body arrives (with instant answers the window of pages is full instead).
    const stats = serve({ count: 60, delayMs: 20 });
    const log: string[] = [];
    const parse = JSON.parse;
    // Marks when each page's body is parsed (its first id tells the page).
    const parseSpy = vi.spyOn(JSON, 'parse').mockImplementation((text, reviver) => {
      const first = /"sourcedId":"u-0*(\d+)"/.exec(text);
      if (first) log.push(`parse ${first[1]}`);
      return parse(text, reviver);
    });
    const { client } = makeClient({
      pageSize: 10,
      concurrency: 1,
      // Wraps the fetch msw intercepts: the moment each request leaves the client.
      fetch: (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        log.push(`request ${url.searchParams.get('offset')}`);
        return fetch(input, init);
      },
    });
    try {
      for await (const page of client.users.pages()) log.push(`page ${page.offset}`);
    } finally {
      parseSpy.mockRestore();
    }
    // The first page sets the stride; from then on, page k+10 is on its way while page k is parsed.
    for (const offset of [10, 20, 30, 40]) {
      expect(log.indexOf(`request ${offset + 10}`)).toBeLessThan(log.indexOf(`parse ${offset}`));
    }
    expect(log.filter((line) => line.startsWith('page'))).toHaveLength(6);
    // Still one request at a time on the wire, and no request beyond the end confirmation.
    expect(stats.maxInFlight).toBe(1);
    expect(stats.requests.map((url) => url.searchParams.get('offset'))).toEqual([
      '0',
      '10',
      '20',
      '30',
      '40',
      '50',
      '60',
    ]);
  });

  it('completes a pull under fake timers: it never waits on time unless told to', async () => {
    serve({ count: 30 });
    vi.useFakeTimers();
    try {
      const { client } = makeClient({ pageSize: 10, concurrency: 2 });
      expect(await collectIds(client.users.list())).toEqual(expectedIds(30));
    } finally {
      vi.useRealTimers();
    }
  });

  it('fills the hole a clamped page leaves while prefetching', async () => {
    const stats = serve({ count: 400, clampTo: 30, delayMs: 2 });
    const { client } = makeClient({ pageSize: 1000, concurrency: 3 });
    expect(await collectIds(client.users.list())).toEqual(expectedIds(400));
    expect(stats.maxInFlight).toBeLessThanOrEqual(3);
  });
});

describe('changing data', () => {
  it('de-duplicates records repeated by inserts ahead of the cursor and reports drift', async () => {
    serve({ count: 100, insertAheadPerPage: 3 });
    const { client, events } = makeClient({ pageSize: 20, concurrency: 1 });
    const pull = client.users.list();
    const ids = await collectIds(pull);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(expectedIds(100)));
    expect(pull.summary.duplicates).toBeGreaterThan(0);
    expect(pull.summary.drift).toMatchObject({ totalBefore: 100 });
    expect(events.some((event) => event.type === 'drift')).toBe(true);
  });

  it('fails a provider that ignores offset instead of looping forever', async () => {
    server.use(
      http.get(`${BASE}/users`, () =>
        HttpResponse.json({
          users: [{ sourcedId: 'a', status: 'active', dateLastModified: '2026-01-01T00:00:00Z' }],
        }),
      ),
    );
    const { client } = makeClient({ pageSize: 1 });
    const error = await collectIds(client.users.list()).catch((caught: unknown) => caught);
    expect(isProtocolError(error) && error.reason).toBe('paging-loop');
  });

  it('stops a pull that exceeds maxPages', async () => {
    serve({ count: 100, noTotal: true });
    const { client } = makeClient({ pageSize: 10, maxPages: 3 });
    const error = await collectIds(client.users.list()).catch((caught: unknown) => caught);
    expect(isProtocolError(error) && error.reason).toBe('paging-loop');
  });
});

describe('page size and cancellation', () => {
  it('halves the page size on a 413 and goes on', async () => {
    const stats = serve({ count: 300, maxLimitBefore413: 100 });
    const { client } = makeClient({ pageSize: 1000, concurrency: 1 });
    const pull = client.users.list();
    expect(await collectIds(pull)).toEqual(expectedIds(300));
    expect(stats.requests.map((url) => url.searchParams.get('limit')).slice(0, 5)).toEqual([
      '1000',
      '500',
      '250',
      '125',
      '62',
    ]);
    expect(pull.summary.pageSize).toBe(62);
  });

  it('aborts the requests in flight when the caller breaks out', async () => {
    const aborted: string[] = [];
    server.use(
      http.get(`${BASE}/users`, async ({ request }) => {
        const offset = new URL(request.url).searchParams.get('offset') ?? '0';
        request.signal.addEventListener('abort', () => aborted.push(offset));
        if (offset !== '0') await delay(5_000);
        const users = Array.from({ length: 10 }, (_, index) => ({
          sourcedId: `x${offset}-${index}`,
          status: 'active',
          dateLastModified: '2026-01-01T00:00:00Z',
        }));
        return HttpResponse.json({ users }, { headers: { 'x-total-count': '1000' } });
      }),
    );
    const { client } = makeClient({ pageSize: 10, concurrency: 4, validation: 'lenient' });
    for await (const page of client.users.pages({ fields: ['sourcedId'] })) {
      expect(page.items).toHaveLength(10);
      break;
    }
    // The prefetched requests were aborted (their answers would take 5 s), not left to finish.
    await expect.poll(() => aborted.length).toBeGreaterThanOrEqual(3);
  });

  it('reports the prefetches a finished pull aborts as cancelled, never as errors', async () => {
    server.use(
      http.get(`${BASE}/users`, async ({ request }) => {
        const offset = new URL(request.url).searchParams.get('offset') ?? '0';
        if (offset !== '0') await delay(5_000);
        const users = Array.from({ length: 10 }, (_, index) => ({
          sourcedId: `x${offset}-${index}`,
          status: 'active',
          dateLastModified: '2026-01-01T00:00:00Z',
        }));
        return HttpResponse.json({ users }, { headers: { 'x-total-count': '1000' } });
      }),
    );
    const { client, events } = makeClient({ pageSize: 10, concurrency: 4 });
    for await (const page of client.users.pages({ fields: ['sourcedId'] })) {
      expect(page.items).toHaveLength(10);
      break;
    }
    const responses = () => events.filter((event) => event.type === 'response');
    const cancelled = () => responses().filter((event) => event.cancelled === true);
    await expect.poll(() => cancelled().length).toBeGreaterThanOrEqual(3);
    for (const event of cancelled()) expect(event).not.toHaveProperty('error');
    expect(responses().filter((event) => event.error !== undefined)).toEqual([]);
    expect(responses().filter((event) => event.status === 200)).toHaveLength(1);
  });

  it("reports a request the caller's signal aborts as cancelled, and fails the pull with an AbortError", async () => {
    const controller = new AbortController();
    server.use(
      http.get(`${BASE}/users`, async ({ request }) => {
        const offset = new URL(request.url).searchParams.get('offset') ?? '0';
        if (offset !== '0') {
          controller.abort();
          await delay(5_000);
        }
        const users = [
          { sourcedId: `x${offset}`, status: 'active', dateLastModified: '2026-01-01T00:00:00Z' },
        ];
        return HttpResponse.json({ users });
      }),
    );
    const { client, events } = makeClient({ pageSize: 1, concurrency: 1 });
    const error = await collectIds(client.users.list({ signal: controller.signal })).catch(
      (caught: unknown) => caught,
    );
    expect(isAbortError(error)).toBe(true);
    // No reason given: the signal's own DOMException is kept as the cause, never thrown itself.
    expect(error).toMatchObject({ name: 'AbortError', cause: controller.signal.reason });
    expect(error).toBeInstanceOf(OneRosterError);
    const responses = events.filter((event) => event.type === 'response');
    expect(responses.at(-1)).toMatchObject({ cancelled: true });
    expect(responses.some((event) => event.error !== undefined)).toBe(false);
  });

  it('fails a pull whose signal is already aborted with an AbortError, before any request', async () => {
    const stats = serve({ count: 10 });
    const { client } = makeClient();
    const reason = new Error('not now');
    const error = await collectIds(client.users.list({ signal: AbortSignal.abort(reason) })).catch(
      (caught: unknown) => caught,
    );
    expect(isAbortError(error) && error.cause).toBe(reason);
    expect(isAbortError(error) && error.collection).toBe('users');
    expect(stats.requests).toHaveLength(0);
  });

  it('says that maxItems is required when toArray is called without it from JavaScript', async () => {
    const stats = serve({ count: 3 });
    const { client } = makeClient();
    // What a JavaScript caller can write and TypeScript refuses.
    const pull = client.users.list();
    for (const args of [[], [{}], [{ maxItems: '10' }], [null]]) {
      const called: Promise<unknown> = Reflect.apply(pull.toArray, pull, args);
      const error = await called.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toHaveProperty('message', expect.stringContaining('maxItems is required'));
    }
    expect(stats.requests).toHaveLength(0);
  });

  it('refuses to collect into an array beyond maxItems', async () => {
    serve({ count: 30 });
    const { client } = makeClient({ pageSize: 10 });
    await expect(client.users.list().toArray({ maxItems: 29 })).rejects.toThrow(/maxItems/);
    await expect(client.users.list().toArray({ maxItems: 30 })).resolves.toHaveLength(30);
  });
});

describe('validation during a pull', () => {
  it('quarantines invalid records in lenient mode, reports paths only, and goes on', async () => {
    serve({ count: 20, invalidAt: [3, 7] });
    const { client, events } = makeClient({ pageSize: 10 });
    const pull = client.users.list();
    const ids = await collectIds(pull);
    expect(ids).toHaveLength(18);
    expect(pull.summary.quarantined).toBe(2);
    const quarantined = events.filter((event) => event.type === 'record-quarantined');
    expect(quarantined.map((event) => event.type === 'record-quarantined' && event.sourcedId)).toEqual([
      'u-000003',
      'u-000007',
    ]);
    expect(JSON.stringify(quarantined)).not.toContain('maybe');
  });

  it('fails the pull in strict mode', async () => {
    serve({ count: 20, invalidAt: [12] });
    const { client } = makeClient({ pageSize: 10, validation: 'strict' });
    await expect(collectIds(client.users.list())).rejects.toMatchObject({
      name: 'ResponseValidationError',
      sourcedId: 'u-000012',
    });
  });

  it('counts quarantined records on the page', async () => {
    serve({ count: 10, invalidAt: [0] });
    const { client } = makeClient({ pageSize: 10 });
    for await (const page of client.users.pages()) {
      expect(page).toMatchObject({ offset: 0, total: 10, quarantined: 1 });
      expect(page.items).toHaveLength(9);
    }
  });
});
