import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  COLLECTIONS,
  createOneRosterClient,
  isNotFoundError,
  isProtocolError,
  NESTED_COLLECTIONS,
} from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

const BASE = 'https://sis.test/district-7/ims/oneroster/v1p1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const base = { status: 'active', dateLastModified: '2026-09-01T12:00:00Z' };
const ref = (type: string, sourcedId: string) => ({ href: `/x/${sourcedId}`, sourcedId, type });
/** A valid record of each entity, keyed by list envelope key. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  orgs: { ...base, sourcedId: 'o1', name: 'Lincoln High', type: 'school' },
  academicSessions: {
    ...base,
    sourcedId: 't1',
    title: 'Fall',
    startDate: '2026-08-20',
    endDate: '2026-12-20',
    type: 'term',
    schoolYear: '2027',
  },
  courses: { ...base, sourcedId: 'c1', title: 'Algebra', courseCode: 'ALG1' },
  classes: {
    ...base,
    sourcedId: 'k1',
    title: 'Algebra 1',
    course: ref('course', 'c1'),
    school: ref('org', 'o1'),
    terms: [ref('academicSession', 't1')],
  },
  users: {
    ...base,
    sourcedId: 'u1',
    username: 'ana',
    enabledUser: 'true',
    givenName: 'Ana',
    familyName: 'Ruiz',
    role: 'student',
    orgs: [ref('org', 'o1')],
  },
  enrollments: {
    ...base,
    sourcedId: 'e1',
    user: ref('user', 'u1'),
    class: ref('class', 'k1'),
    school: ref('org', 'o1'),
    role: 'student',
  },
  demographics: { ...base, sourcedId: 'u1', sex: 'female', birthDate: '2010-04-01' },
};

/** Serves every path under the base: a list of one sample, or the sample as a single read. */
function serveEverything(seen: string[]) {
  server.use(
    http.get(`${BASE}/*`, ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname.replace('/district-7/ims/oneroster/v1p1', '');
      seen.push(path);
      const segments = path.split('/').filter(Boolean);
      const last = segments.at(-1) ?? '';
      const listCollection = Object.values(COLLECTIONS).find((definition) => definition.path === last);
      if (listCollection) {
        const key = listCollection.keys.list;
        const offset = Number(url.searchParams.get('offset'));
        return HttpResponse.json(
          { [key]: offset === 0 ? [SAMPLES[key]] : [] },
          { headers: { 'x-total-count': '1' } },
        );
      }
      const collection = Object.values(COLLECTIONS).find((definition) => definition.path === segments[0]);
      if (!collection) return new HttpResponse(null, { status: 404 });
      return HttpResponse.json({ [collection.keys.single]: SAMPLES[collection.keys.list] });
    }),
  );
}

const client = () => createOneRosterClient({ baseUrl: BASE, auth: staticBearer('t') });

describe('every rostering endpoint', () => {
  it.each(Object.keys(COLLECTIONS) as (keyof typeof COLLECTIONS)[])(
    '%s: list and get, with their envelopes',
    async (name) => {
      const seen: string[] = [];
      serveEverything(seen);
      // Each resource is typed by its entity; this loop only needs the shape they share.
      const resource = client()[name] as unknown as {
        list(): { toArray(options: { maxItems: number }): Promise<unknown[]> };
        get(id: string): Promise<{ sourcedId?: string }>;
      };
      const listed = await resource.list().toArray({ maxItems: 10 });
      expect(listed).toHaveLength(1);
      const record = await resource.get('abc/1 2');
      expect(record.sourcedId).toBeTypeOf('string');
      expect(seen).toEqual([`/${COLLECTIONS[name].path}`, `/${COLLECTIONS[name].path}/abc%2F1%202`]);
    },
  );

  it.each(NESTED_COLLECTIONS.map((nested) => [`${nested.parent}.${nested.method}`, nested] as const))(
    '%s reads its nested path',
    async (_label, nested) => {
      const seen: string[] = [];
      serveEverything(seen);
      const parent = client()[nested.parent] as unknown as Record<
        string,
        (...args: unknown[]) => AsyncIterable<unknown>
      >;
      const records: unknown[] = [];
      for await (const record of parent[nested.method]!('P1', 'P2')) records.push(record);
      expect(records).toHaveLength(1);
      const expected = nested.segments
        .map((segment) => (segment === 0 ? 'P1' : segment === 1 ? 'P2' : segment))
        .join('/');
      expect(seen[0]).toBe(`/${expected}`);
    },
  );
});

/** The singular of each list key, as a server that singularises its collection names writes it. */
const SINGULAR: Record<string, string> = {
  orgs: 'org',
  academicSessions: 'academicSession',
  courses: 'course',
  classes: 'class',
  users: 'user',
  enrollments: 'enrollment',
  demographics: 'demographic',
};

describe('single reads under the singular key or the collection key', () => {
  const cases = (Object.keys(COLLECTIONS) as (keyof typeof COLLECTIONS)[]).flatMap((name) => {
    const { list } = COLLECTIONS[name].keys;
    return [
      [name, `{"${SINGULAR[list]}": {...}}`, { [SINGULAR[list] ?? '']: SAMPLES[list] }],
      [name, `{"${list}": {...}}`, { [list]: SAMPLES[list] }],
      [name, `{"${list}": [{...}]}`, { [list]: [SAMPLES[list]] }],
    ] as const;
  });

  it.each(cases)('%s.get() reads %s', async (name, _shape, body) => {
    const { path } = COLLECTIONS[name];
    server.use(http.get(`${BASE}/${path}/x1`, () => HttpResponse.json(body)));
    const resource = client()[name] as unknown as { get(id: string): Promise<{ sourcedId?: string }> };
    const record = await resource.get('x1');
    expect(record.sourcedId).toBe(SAMPLES[COLLECTIONS[name].keys.list]?.['sourcedId']);
  });

  it('reads GET /demographics/{id} answered as {"demographic": {...}} (Ed-Fi), in strict mode too', async () => {
    server.use(
      http.get(`${BASE}/demographics/u1`, () => HttpResponse.json({ demographic: SAMPLES.demographics })),
    );
    const strict = createOneRosterClient({ baseUrl: BASE, auth: staticBearer('t'), validation: 'strict' });
    await expect(strict.demographics.get('u1')).resolves.toMatchObject({ sourcedId: 'u1', sex: 'female' });
  });

  it('still refuses a single read whose body holds no record', async () => {
    server.use(http.get(`${BASE}/users/u1`, () => HttpResponse.json({ users: [] })));
    const error = await client()
      .users.get('u1', { retry: { retries: 0 } })
      .catch((caught: unknown) => caught);
    expect(isProtocolError(error) && error.reason).toBe('missing-collection');
  });
});

describe('envelope deviations', () => {
  it('reads GET /orgs/{id} answered as {"school": {...}}', async () => {
    server.use(http.get(`${BASE}/orgs/o1`, () => HttpResponse.json({ school: SAMPLES.orgs })));
    await expect(client().orgs.get('o1')).resolves.toMatchObject({ sourcedId: 'o1', name: 'Lincoln High' });
  });

  it('reads a bare array instead of an envelope', async () => {
    server.use(
      http.get(`${BASE}/courses`, ({ request }) =>
        HttpResponse.json(new URL(request.url).searchParams.get('offset') === '0' ? [SAMPLES.courses] : []),
      ),
    );
    expect(await client().courses.list().toArray({ maxItems: 5 })).toHaveLength(1);
  });

  it('never reads a 200 error envelope as an empty list', async () => {
    server.use(
      http.get(`${BASE}/users`, () =>
        HttpResponse.json({
          imsx_codeMajor: 'failure',
          imsx_severity: 'error',
          imsx_codeMinor: 'server_busy',
        }),
      ),
    );
    const error = await createOneRosterClient({
      baseUrl: BASE,
      auth: staticBearer('t'),
      retry: { retries: 1, minDelayMs: 1 },
    })
      .users.list()
      .toArray({ maxItems: 5 })
      .catch((caught: unknown) => caught);
    expect(isProtocolError(error) && error.reason).toBe('error-envelope');
    expect(isProtocolError(error) && error.statusInfo?.codeMinor).toBe('server_busy');
  });

  it('reads data sent next to a statusInfoSet warning', async () => {
    server.use(
      http.get(`${BASE}/users`, ({ request }) =>
        HttpResponse.json({
          users: new URL(request.url).searchParams.get('offset') === '0' ? [SAMPLES.users] : [],
          statusInfoSet: [
            {
              imsx_codeMajor: 'success',
              imsx_severity: 'warning',
              imsx_codeMinor: 'invalid_selection_field',
            },
          ],
        }),
      ),
    );
    expect(
      await client()
        .users.list({ fields: ['sourcedId', 'givenName'] })
        .toArray({ maxItems: 5 }),
    ).toEqual([{ sourcedId: 'u1', givenName: 'Ana' }]);
  });

  it('gives NotFoundError with the collection and sourcedId for an unknown id', async () => {
    server.use(
      http.get(`${BASE}/users/nope`, () =>
        HttpResponse.json(
          {
            imsx_codeMajor: 'failure',
            imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: 'unknownobject' }] },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client()
      .users.get('nope')
      .catch((caught: unknown) => caught);
    expect(isNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({
      collection: 'users',
      sourcedId: 'nope',
      statusInfo: { codeMinor: 'unknownobject' },
    });
  });

  it('asks a single read for its projected fields only', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${BASE}/users/u1`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ user: SAMPLES.users });
      }),
    );
    const user = await client().users.get('u1', { fields: ['givenName', 'familyName'] });
    expect(user).toEqual({ givenName: 'Ana', familyName: 'Ruiz' });
    expect(urls[0]?.searchParams.get('fields')).toBe('givenName,familyName');
  });
});
