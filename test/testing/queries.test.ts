import { describe, expect, it } from 'vitest';
import { generateDistrict } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { client, codeMinorOf, listOf, useMsw } from './helpers.js';

const msw = useMsw();

function setup(preset: 'tiny' | 'small' = 'small') {
  const district = generateDistrict({ preset, seed: 11 });
  const provider = createMockProvider({
    district,
    auth: { type: 'none' },
    baseUrl: 'https://sis.example.org/district-7',
  });
  msw.install(provider.handlers);
  return { district, provider, get: client(provider.baseUrl) };
}

describe('paging', () => {
  it('serves the base path with a prefix, 100 records by default, and X-Total-Count', async () => {
    const { provider, get, district } = setup();
    expect(provider.baseUrl).toBe('https://sis.example.org/district-7/ims/oneroster/v1p1');
    const response = await get('/users');
    expect(response.status).toBe(200);
    expect(response.body.users).toHaveLength(100);
    expect(response.headers.get('x-total-count')).toBe(String(district.count('users')));
  });

  it('pages with limit and offset, and every record comes exactly once', async () => {
    const { get, district } = setup();
    const seen: string[] = [];
    for (let offset = 0; ; offset += 250) {
      const page = await get(`/enrollments?limit=250&offset=${offset}`);
      if (page.body.enrollments.length === 0) break;
      seen.push(...page.body.enrollments.map((e) => e.sourcedId as string));
    }
    expect(seen).toEqual([...district.records('enrollments')].map((e) => e.sourcedId));
  });

  it('writes absolute next/prev/first/last links that keep the query', async () => {
    const { get, provider } = setup();
    const filter = encodeURIComponent("role='student' AND status='active'");
    const page = await get(`/users?filter=${filter}&fields=sourcedId,role&limit=50&offset=50`);
    const total = Number(page.headers.get('x-total-count'));
    const links = Object.fromEntries(
      (page.headers.get('link') ?? '').split(', ').map((entry) => {
        const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(entry) ?? [];
        return [rel, url];
      }),
    );
    expect(Object.keys(links)).toEqual(['next', 'prev', 'first', 'last']);
    const next = new URL(links.next as string);
    expect(`${next.origin}${next.pathname}`).toBe(`${provider.baseUrl}/users`);
    expect(next.searchParams.get('filter')).toBe("role='student' AND status='active'");
    // Spaces as %20, never '+': OAuth 1.0a clients sign the link as given.
    expect(next.search).toContain('filter=role%3D%27student%27%20AND%20status%3D%27active%27');
    expect(next.searchParams.get('fields')).toBe('sourcedId,role');
    expect(next.searchParams.get('offset')).toBe('100');
    expect(new URL(links.prev as string).searchParams.get('offset')).toBe('0');
    expect(new URL(links.last as string).searchParams.get('offset')).toBe(
      String(Math.floor((total - 1) / 50) * 50),
    );
    const followed = await get(links.next as string);
    expect(followed.body.users[0]?.sourcedId).not.toBe(page.body.users[0]?.sourcedId);
  });

  it('rejects a limit below 1 or a non-numeric offset with a 400', async () => {
    const { get } = setup('tiny');
    expect((await get('/users?limit=0')).status).toBe(400);
    expect((await get('/users?offset=abc')).status).toBe(400);
  });
});

describe('envelopes and single reads', () => {
  it.each([
    ['orgs', 'orgs', 'org'],
    ['schools', 'orgs', 'org'],
    ['academicSessions', 'academicSessions', 'academicSession'],
    ['terms', 'academicSessions', 'academicSession'],
    ['gradingPeriods', 'academicSessions', 'academicSession'],
    ['courses', 'courses', 'course'],
    ['classes', 'classes', 'class'],
    ['users', 'users', 'user'],
    ['students', 'users', 'user'],
    ['teachers', 'users', 'user'],
    ['enrollments', 'enrollments', 'enrollment'],
    ['demographics', 'demographics', 'demographics'],
  ])(
    'GET /%s answers {"%s": [...]} and GET /%s/{id} answers {"%s": {...}}',
    async (endpoint, listKey, singleKey) => {
      const { get } = setup('tiny');
      const list = await get(`/${endpoint}`);
      expect(list.status).toBe(200);
      const first = listOf(list.body, listKey)[0];
      expect(first?.sourcedId).toEqual(expect.any(String));
      const one = await get(`/${endpoint}/${first?.sourcedId}`);
      expect(one.status).toBe(200);
      expect((one.body[singleKey] as Record<string, unknown>).sourcedId).toBe(first?.sourcedId);
    },
  );

  it('serves views: schools, terms, grading periods, students and teachers', async () => {
    const { get } = setup('tiny');
    expect((await get('/schools')).body.orgs.every((o) => o.type === 'school')).toBe(true);
    expect((await get('/terms')).body.academicSessions.every((s) => s.type === 'term')).toBe(true);
    expect(
      (await get('/gradingPeriods')).body.academicSessions.every((s) => s.type === 'gradingPeriod'),
    ).toBe(true);
    expect((await get('/students')).body.users.every((u) => u.role === 'student')).toBe(true);
    expect((await get('/teachers')).body.users.every((u) => u.role === 'teacher')).toBe(true);
  });

  it('answers 404 unknownobject for unknown ids, ids of another view, and unknown endpoints', async () => {
    const { get, district } = setup('tiny');
    const notFound = await get('/users/usr-9999999999');
    expect(notFound.status).toBe(404);
    expect(codeMinorOf(notFound.body)).toBe('unknownobject');
    const teacher = [...district.records('users')].find((u) => u.role === 'teacher');
    expect((await get(`/students/${teacher?.sourcedId}`)).status).toBe(404);
    expect((await get('/schools/org-0000000000')).status).toBe(404);
    expect((await get('/lineItems')).status).toBe(404);
  });
});

describe('sorting', () => {
  it('sorts by a field, ascending and descending, with sourcedId breaking ties', async () => {
    const { get } = setup();
    const asc = (await get('/users?sort=familyName&limit=1000')).body.users;
    const keys = asc.map((u) => `${u.familyName}\u0000${u.sourcedId}`);
    expect(keys).toEqual([...keys].sort());
    const desc = (await get('/users?sort=familyName&orderBy=desc&limit=1000')).body.users;
    expect(desc.map((u) => u.sourcedId)).toEqual(asc.map((u) => u.sourcedId).reverse());
  });

  it('reads sourcedId order backwards with orderBy=desc, paging from the end', async () => {
    const { get, district } = setup();
    const ids = [...district.records('classes')].map((c) => c.sourcedId).reverse();
    const first = (await get('/classes?sort=sourcedId&orderBy=desc&limit=7')).body.classes.map(
      (c) => c.sourcedId,
    );
    const second = (await get('/classes?sort=sourcedId&orderBy=desc&limit=7&offset=7')).body.classes.map(
      (c) => c.sourcedId,
    );
    expect([...first, ...second]).toEqual(ids.slice(0, 14));
  });

  it('warns invalid_sort_field for an unknown sort field and keeps the default order', async () => {
    const { get } = setup('tiny');
    const response = await get('/users?sort=shoeSize');
    expect(response.status).toBe(200);
    const info = response.body.statusInfoSet?.[0] ?? {};
    expect(codeMinorOf(info)).toBe('invalid_sort_field');
    const ids = response.body.users.map((u) => u.sourcedId as string);
    expect(ids).toEqual([...ids].sort());
  });
});

describe('fields', () => {
  it('projects the requested fields only', async () => {
    const { get } = setup('tiny');
    const response = await get('/users?fields=sourcedId,givenName');
    expect(response.body.users.every((u) => Object.keys(u).join() === 'sourcedId,givenName')).toBe(true);
    const one = await get('/users/usr-0000000000?fields=familyName');
    expect(Object.keys(one.body.user as object)).toEqual(['familyName']);
  });

  it('answers an unknown field with data and an invalid_selection_field warning', async () => {
    const { get } = setup('tiny');
    const response = await get('/users?fields=sourcedId,shoeSize');
    expect(response.status).toBe(200);
    expect(response.body.users.length).toBeGreaterThan(0);
    expect(codeMinorOf(response.body.statusInfoSet?.[0] ?? {})).toBe('invalid_selection_field');
  });

  it('answers a blank fields with 400 invalid_blank_selection_field', async () => {
    const { get } = setup('tiny');
    const response = await get('/users?fields=');
    expect(response.status).toBe(400);
    expect(codeMinorOf(response.body)).toBe('invalid_blank_selection_field');
  });
});
