import { delay, HttpResponse, http } from 'msw';

export const BASE = 'https://sis.test/ims/oneroster/v1p1';

/** How the fake provider misbehaves; each switch mirrors a provider seen in the wild. */
export interface FakeCollectionOptions {
  count: number;
  /** Silently serve at most this many records per page. */
  clampTo?: number;
  noTotal?: boolean;
  /** Send this X-Total-Count on every page whatever the real count (a provider whose count is wrong). */
  totalOverride?: number;
  /** X-Total-Count counts the records of the page sent, not the collection. */
  totalIsPageCount?: boolean;
  /**
   * `spec`: `rel="next"` while records follow; `toTotal`: `rel="next"` up to the X-Total-Count sent
   * (links computed from the same wrong count); `broken`: a malformed header naming a next page on
   * every page.
   */
  link?: 'spec' | 'toTotal' | 'none' | 'broken';
  /** Answer 413 when `limit` is above this. */
  maxLimitBefore413?: number;
  /** Insert this many records before the cursor after each of the first three pages (data changing mid-pull). */
  insertAheadPerPage?: number;
  delayMs?: number;
  /** Replace the record at this index with an invalid one. */
  invalidAt?: number[];
}

export interface FakeCollectionStats {
  requests: URL[];
  inFlight: number;
  maxInFlight: number;
}

function user(index: number) {
  return {
    sourcedId: `u-${String(index).padStart(6, '0')}`,
    status: 'active',
    dateLastModified: '2026-09-01T00:00:00.000Z',
    username: `user${index}`,
    enabledUser: 'true',
    givenName: 'Ana',
    familyName: "O'Neil",
    role: 'student',
    orgs: [{ href: '/orgs/s1', sourcedId: 's1', type: 'org' }],
  };
}

/** An msw handler for `/users` that serves `count` generated users with the chosen quirks. */
export function fakeUsers(options: FakeCollectionOptions) {
  const stats: FakeCollectionStats = { requests: [], inFlight: 0, maxInFlight: 0 };
  let ids = Array.from({ length: options.count }, (_, index) => index);
  let inserted = 0;
  const handler = http.get(`${BASE}/users`, async ({ request }) => {
    const url = new URL(request.url);
    stats.requests.push(url);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      if (options.delayMs) await delay(options.delayMs);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      if (options.maxLimitBefore413 !== undefined && limit > options.maxLimitBefore413) {
        return HttpResponse.json({ imsx_codeMajor: 'failure' }, { status: 413 });
      }
      const served = Math.min(limit, options.clampTo ?? limit);
      const page = ids
        .slice(offset, offset + served)
        .map((index) =>
          options.invalidAt?.includes(index)
            ? { ...user(index), givenName: 42, enabledUser: 'maybe' }
            : user(index),
        );
      const headers = new Headers();
      const total = options.totalIsPageCount ? page.length : (options.totalOverride ?? ids.length);
      if (!options.noTotal) headers.set('x-total-count', String(total));
      const next = `${BASE}/users?limit=${limit}&offset=${offset + page.length}`;
      const linkedUpTo = options.link === 'toTotal' ? total : ids.length;
      if (options.link === 'spec' || options.link === 'toTotal' || options.link === undefined) {
        if (offset + page.length < linkedUpTo) headers.set('link', `<${next}>; rel="next"`);
      } else if (options.link === 'broken') {
        headers.set('link', `/users?offset=${offset + 5}; rel=next,, <garbage`);
      }
      if (options.insertAheadPerPage && stats.requests.length <= 3) {
        for (let step = 0; step < options.insertAheadPerPage; step++) ids = [-++inserted, ...ids];
      }
      return HttpResponse.json({ users: page }, { headers });
    } finally {
      stats.inFlight--;
    }
  });
  return { handler, stats };
}
