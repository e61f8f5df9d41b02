import { describe, expect, it } from 'vitest';
import { generateDistrict, type MockQuirks } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { client, codeMinorOf, type Json, listOf, useMsw } from './helpers.js';

const msw = useMsw();

function setup(quirks: MockQuirks, preset: 'tiny' | 'small' = 'tiny') {
  const district = generateDistrict({ preset, seed: 8 });
  const provider = createMockProvider({ district, auth: { type: 'none' }, quirks });
  msw.install(provider.handlers);
  return { district, provider, get: client(provider.baseUrl) };
}

describe('paging quirks', () => {
  it('clamps the page size silently, and links step by the served size', async () => {
    const { get, district } = setup({ maxPageSize: 37 }, 'small');
    const page = await get('/users?limit=100');
    expect(page.body.users).toHaveLength(37);
    expect(page.headers.get('x-total-count')).toBe(String(district.count('users')));
    expect(page.headers.get('link')).toMatch(/limit=37&offset=37>; rel="next"/);
  });

  it('answers 413 above a page size threshold', async () => {
    const { get } = setup({ rejectLimitAbove: 1000 });
    expect((await get('/users?limit=1000')).status).toBe(200);
    expect((await get('/users?limit=1001')).status).toBe(413);
  });

  it('omits X-Total-Count, or sends a negative or random one', async () => {
    expect((await setup({ totalCount: 'omit' }).get('/users')).headers.has('x-total-count')).toBe(false);
    expect(
      Number((await setup({ totalCount: 'negative' }).get('/users')).headers.get('x-total-count')),
    ).toBeLessThan(0);
    const random = setup({ totalCount: 'random' });
    const counts = new Set<string | null>();
    for (let i = 0; i < 5; i++) counts.add((await random.get('/users')).headers.get('x-total-count'));
    expect(counts.size).toBeGreaterThan(1);
  });

  it.each([
    ['omit', (link: string | null) => expect(link).toBeNull()],
    [
      'noAngleBrackets',
      (link: string | null) => expect(link).toMatch(/^https:\/\/oneroster\.mock\/\S+; rel="next"/),
    ],
    ['trailingComma', (link: string | null) => expect(link).toMatch(/rel="next",, <.*,$/)],
    ['relative', (link: string | null) => expect(link).toMatch(/^<\/ims\/oneroster\/v1p1\/users\?/)],
  ] as const)('writes %s Link headers', async (style, check) => {
    const { get } = setup({ link: style });
    check((await get('/users?limit=5')).headers.get('link'));
  });

  it('drops filter and fields from next when nextDropsQuery', async () => {
    const { get } = setup({ link: 'nextDropsQuery' });
    const link = (
      await get(`/users?limit=5&fields=sourcedId&filter=${encodeURIComponent("role='student'")}`)
    ).headers.get('link');
    const next = /<([^>]+)>; rel="next"/.exec(link ?? '')?.[1] ?? '';
    expect(new URL(next).search).toBe('?limit=5&offset=5');
    expect(link).toMatch(/fields=sourcedId.*rel="first"/);
  });
});

describe('record shape quirks', () => {
  it('writes booleans as JSON booleans or upper-case strings', async () => {
    const asBoolean = (await setup({ booleans: 'boolean' }).get('/users')).body.users;
    expect(asBoolean.every((u) => typeof u.enabledUser === 'boolean')).toBe(true);
    const upper = (await setup({ booleans: 'upperCase' }).get('/enrollments')).body.enrollments;
    expect(upper.every((e) => e.primary === 'TRUE' || e.primary === 'FALSE')).toBe(true);
    const demographics = (await setup({ booleans: 'boolean' }).get('/demographics')).body.demographics;
    expect(demographics.every((d) => typeof d.white === 'boolean')).toBe(true);
  });

  it('sends null for absent optional fields', async () => {
    const { get } = setup({ nullOptionalFields: true });
    const users = (await get('/users')).body.users;
    const student = users.find((u) => u.role === 'student') as Json;
    expect(student.sms).toBeNull();
    expect(student.metadata).toBeNull();
    expect(users.some((u) => u.middleName === null)).toBe(true);
    const projected = (await get('/users?fields=sourcedId,sms')).body.users[0] as Json;
    expect(Object.keys(projected).sort()).toEqual(['sms', 'sourcedId']);
  });

  it('shapes users like 1.2 (roles[] instead of role and orgs)', async () => {
    const user = (await setup({ usersAsV1p2: true }).get('/users')).body.users[0] as Json;
    expect(user.role).toBeUndefined();
    expect(user.orgs).toBeUndefined();
    expect(user.roles).toEqual([
      { roleType: 'primary', role: 'student', org: expect.objectContaining({ type: 'org' }) },
    ]);
  });

  it('answers GET /orgs/{id} of a school as {"school": ...}', async () => {
    const { get } = setup({ schoolEnvelope: true });
    const school = await get('/orgs/org-0000000001');
    expect((school.body.school as Json).type).toBe('school');
    expect((await get('/orgs/org-0000000000')).body.org).toBeDefined();
  });

  it('answers lists as a bare array', async () => {
    const { get, district } = setup({ bareArray: true });
    const body = (await get('/courses')).body as unknown;
    expect(Array.isArray(body)).toBe(true);
    expect((body as Json[]).length).toBe(district.count('courses'));
  });

  it.each([
    ['flat', (body: Json) => expect(body.imsx_codeMinor).toBe('unknownobject')],
    [
      'statusInfoSet',
      (body: Json) => expect(codeMinorOf((body.statusInfoSet as Json[])[0] as Json)).toBe('unknownobject'),
    ],
    [
      'noCodeMinor',
      (body: Json) =>
        expect(Object.keys(body).sort()).toEqual(['imsx_codeMajor', 'imsx_description', 'imsx_severity']),
    ],
  ] as const)('shapes errors %s', async (errorShape, check) => {
    const response = await setup({ errorShape }).get('/users/usr-9999999999');
    expect(response.status).toBe(404);
    check(response.body);
  });
});

describe('sync quirks', () => {
  it('never marks deletions when hideTombstones: tombstones vanish from lists and reads', async () => {
    const { get, district } = setup({ hideTombstones: true });
    const id = district.generate('users', 2).sourcedId;
    district.mutate.tombstone('users', id);
    const ids = (await get('/users?limit=1000')).body.users.map((u) => u.sourcedId);
    expect(ids).not.toContain(id);
    expect(ids).toHaveLength(district.count('users') - 1);
    expect((await get(`/users/${id}`)).status).toBe(404);
    const delta = await get(`/users?filter=${encodeURIComponent("dateLastModified>'2026-01-01'")}`);
    expect(delta.body.users).toEqual([]);
  });

  it('inserts records ahead of the cursor on each page, changing x-perm-rev', async () => {
    const { get, district } = setup({ driftInsertsPerPage: 2, permRevHeader: true }, 'small');
    const before = district.count('users');
    const first = await get('/users?limit=50&sort=sourcedId');
    const second = await get('/users?limit=50&offset=50&sort=sourcedId');
    expect(district.count('users')).toBe(before + 2);
    expect(first.headers.get('x-perm-rev')).not.toBe(second.headers.get('x-perm-rev'));
    // Two records were inserted before the cursor, so a naive offset pull reads two records again.
    const overlap = listOf(second.body, 'users').filter((u) =>
      first.body.users.some((f) => f.sourcedId === u.sourcedId),
    );
    expect(overlap).toHaveLength(2);
    const all = (await get('/users?limit=5000')).body.users.map((u) => u.sourcedId as string);
    expect(all[1]).toMatch(/^usr-0000000000-drift-/);
  });

  it('switches quirks at run time', async () => {
    const { get, provider } = setup({});
    expect((await get('/users?limit=100')).body.users.length).toBeGreaterThan(20);
    provider.setQuirks({ maxPageSize: 10 });
    expect((await get('/users?limit=100')).body.users).toHaveLength(10);
    provider.setQuirks({ maxPageSize: undefined });
    expect((await get('/users?limit=100')).body.users.length).toBeGreaterThan(20);
  });
});
