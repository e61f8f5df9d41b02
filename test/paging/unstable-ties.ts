import { HttpResponse, http } from 'msw';
import { BASE } from './fake-collection.js';

/**
 * How the tie-shuffling provider orders a list: `stable` sorts ties by sourcedId, `shuffled` orders
 * them anew on every request (a SQL `ORDER BY familyName LIMIT … OFFSET …` without a tiebreaker).
 */
export type TieOrder = 'stable' | 'shuffled';

export interface UnstableTiesOptions {
  count: number;
  /** Distinct family names: every user shares hers with about `count / families` others. */
  families: number;
  /** Ties under `sort=familyName`, and the whole order when the request names no sort. */
  ties: TieOrder;
  /** The provider ignores `sort=sourcedId` too and serves its shuffled order (it cannot page stably). */
  ignoresSourcedIdSort?: boolean;
  /** Silently serve at most this many per page (Ed-Fi: 500). */
  clampTo?: number;
  /** Send `X-Total-Count` (Ed-Fi sends none). */
  totalCount?: boolean;
}

export interface UnstableTiesStats {
  requests: URL[];
}

const FAMILY_NAMES = ['Garcia', 'Nguyen', 'Okafor', 'Smith', 'Tanaka', 'Novak', 'Haddad', 'Kowalski'];

export const userId = (index: number) => `u-${String(index).padStart(5, '0')}`;

function user(index: number, families: number) {
  return {
    sourcedId: userId(index),
    status: 'active',
    dateLastModified: '2026-09-01T00:00:00.000Z',
    username: `user${index}`,
    enabledUser: 'true',
    givenName: 'Ana',
    familyName: FAMILY_NAMES[index % families] ?? 'Smith',
    role: 'student',
    orgs: [{ href: '/orgs/s1', sourcedId: 's1', type: 'org' }],
  };
}

/** A deterministic generator, seeded per request, so each request orders its ties differently. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * An msw handler for `/users` over a provider whose order over ties changes per request: each
 * request draws a fresh random key per record, and ties under the requested sort go by that key.
 */
export function unstableTiesUsers(options: UnstableTiesOptions) {
  const stats: UnstableTiesStats = { requests: [] };
  const users = Array.from({ length: options.count }, (_, index) => user(index, options.families));
  const handler = http.get(`${BASE}/users`, ({ request }) => {
    const url = new URL(request.url);
    stats.requests.push(url);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const sort = url.searchParams.get('sort');
    const next = random(stats.requests.length * 7_919);
    const keys = new Map(users.map((record) => [record.sourcedId, next()]));
    const tieBreak = (a: (typeof users)[number], b: (typeof users)[number]) =>
      options.ties === 'stable'
        ? a.sourcedId.localeCompare(b.sourcedId)
        : (keys.get(a.sourcedId) ?? 0) - (keys.get(b.sourcedId) ?? 0);
    const ordered = [...users].sort((a, b) => {
      if (sort === 'sourcedId' && !options.ignoresSourcedIdSort)
        return a.sourcedId.localeCompare(b.sourcedId);
      if (sort === 'familyName') return a.familyName.localeCompare(b.familyName) || tieBreak(a, b);
      return tieBreak(a, b);
    });
    const page = ordered.slice(offset, offset + Math.min(limit, options.clampTo ?? limit));
    const headers = new Headers();
    if (options.totalCount) headers.set('x-total-count', String(users.length));
    return HttpResponse.json({ users: page }, { headers });
  });
  return { handler, stats };
}
