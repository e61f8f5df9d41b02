import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createOneRosterClient,
  filter,
  InvalidFieldsError,
  InvalidFilterError,
  isInvalidRequestError,
  MINIMAL_FIELDS_BY_VERSION,
} from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

// The mock provider serves 1.1 only for now: 1.2 responses are written here, as the 1.2 OpenAPI
// shapes them (booleans as strings, roles[] instead of role/orgs, flat imsx_StatusInfo errors).
const BASE_1_2 = 'https://sis.test/district-7/ims/oneroster/rostering/v1p2';
const BASE_1_1 = 'https://sis.test/district-7/ims/oneroster/v1p1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ref = (type: string, sourcedId: string) => ({
  href: `${BASE_1_2}/${type}s/${sourcedId}`,
  sourcedId,
  type,
});
const user12 = (sourcedId: string, role = 'student') => ({
  sourcedId,
  status: 'active',
  dateLastModified: '2026-09-01T12:00:00Z',
  enabledUser: 'true',
  givenName: 'Ana',
  familyName: 'Ruiz',
  preferredFirstName: 'Annie',
  roles: [{ roleType: 'primary', role, org: ref('org', 'school-1') }],
});

/** Serves `/users` pages of 1.2 users and records the query of each request. */
function serveUsers(users: readonly Record<string, unknown>[], queries: URLSearchParams[] = []) {
  server.use(
    http.get(`${BASE_1_2}/users`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      const offset = Number(query.get('offset'));
      const limit = Number(query.get('limit'));
      return HttpResponse.json({ users: users.slice(offset, offset + limit) });
    }),
  );
  return queries;
}

const client12 = (options: { validation?: 'lenient' | 'strict' } = {}) =>
  createOneRosterClient({ baseUrl: BASE_1_2, auth: staticBearer('t'), version: '1.2', ...options });
const client11 = () => createOneRosterClient({ baseUrl: BASE_1_1, auth: staticBearer('t') });

describe('the version option', () => {
  it('defaults to 1.1 and is kept on the client', () => {
    expect(client11().version).toBe('1.1');
    expect(client11().options.version).toBe('1.1');
    expect(client12().version).toBe('1.2');
    expect(client12().options.version).toBe('1.2');
  });

  it('refuses a version it does not know', () => {
    expect(() =>
      createOneRosterClient({ baseUrl: BASE_1_2, auth: staticBearer('t'), version: '1.3' as never }),
    ).toThrow("`version` must be '1.1' or '1.2', got 1.3");
  });

  it('refuses a base URL of the other version, naming both', () => {
    expect(() => createOneRosterClient({ baseUrl: BASE_1_2, auth: staticBearer('t') })).toThrow(
      "`baseUrl` ends in /v1p2, a OneRoster 1.2 path, but `version` is '1.1' (the default): pass `version: '1.2'`",
    );
    expect(() =>
      createOneRosterClient({ baseUrl: `${BASE_1_1}/`, auth: staticBearer('t'), version: '1.2' }),
    ).toThrow("`baseUrl` ends in /v1p1, a OneRoster 1.1 path, but `version` is '1.2'");
    // A base URL without a version segment (a vendor gateway) is the caller's call.
    expect(
      createOneRosterClient({
        baseUrl: 'https://api.test/rostering',
        auth: staticBearer('t'),
        version: '1.2',
      }).version,
    ).toBe('1.2');
  });
});

describe('a 1.2 client', () => {
  it.each(['lenient', 'strict'] as const)('reads 1.2 users in %s mode, roles typed', async (validation) => {
    serveUsers([user12('u1'), user12('u2', 'counselor')]);
    const users = await client12({ validation }).users.list().toArray({ maxItems: 10 });
    expect(users.map((user) => [user.sourcedId, user.roles[0]?.role, user.preferredFirstName])).toEqual([
      ['u1', 'student', 'Annie'],
      ['u2', 'counselor', 'Annie'],
    ]);
    expect(users[0]?.enabledUser).toBe(true);
  });

  it('asks for the 1.2 minimal preset: roles, not role or orgs', async () => {
    const queries = serveUsers([user12('u1')]);
    const users = await client12().users.list({ fields: 'minimal' }).toArray({ maxItems: 10 });
    const fields = queries[0]?.get('fields')?.split(',') ?? [];
    expect(fields).toEqual([...MINIMAL_FIELDS_BY_VERSION['1.2'].user]);
    expect(fields).toContain('roles');
    expect(fields).not.toContain('role');
    expect(fields).not.toContain('orgs');
    expect(users[0]?.roles[0]?.org.sourcedId).toBe('school-1');
  });

  it('reads one 1.2 user by sourcedId', async () => {
    server.use(
      http.get(`${BASE_1_2}/users/u7`, () => HttpResponse.json({ user: user12('u7', 'principal') })),
    );
    await expect(client12().users.get('u7')).resolves.toMatchObject({ roles: [{ role: 'principal' }] });
  });

  it('reads the 1.2 nested collections under the 1.2 base path', async () => {
    server.use(
      http.get(`${BASE_1_2}/classes/k1/students`, ({ request }) =>
        HttpResponse.json({
          users: new URL(request.url).searchParams.get('offset') === '0' ? [user12('u1')] : [],
        }),
      ),
    );
    const students = await client12().classes.students('k1').toArray({ maxItems: 10 });
    expect(students.map((student) => student.roles[0]?.role)).toEqual(['student']);
  });

  it('refuses a projection naming a 1.1-only field before sending anything', () => {
    // msw refuses stray requests: a request sent would fail the test differently.
    expect(() => client12().users.list({ fields: ['sourcedId', 'role' as never] })).toThrow(
      InvalidFieldsError,
    );
    expect(() => client12().users.list({ fields: ['orgs' as never] })).toThrow(
      /no field `orgs` in OneRoster 1\.2/,
    );
  });

  it('sends filters of more than two clauses, as 1.2 allows', async () => {
    const queries = serveUsers([user12('u1')]);
    const three = filter.and(
      filter.eq('status', 'active'),
      filter.gt('dateLastModified', '2026-01-01'),
      filter.contains('familyName', 'Ru'),
    );
    await client12().users.list({ filter: three }).toArray({ maxItems: 10 });
    expect(queries[0]?.get('filter')).toBe(
      "status='active' AND dateLastModified>'2026-01-01' AND familyName~'Ru'",
    );
    expect(() => client11().users.list({ filter: three })).toThrow(InvalidFilterError);
  });

  it("reads the provider's flat 1.2 imsx_StatusInfo into the error", async () => {
    server.use(
      http.get(`${BASE_1_2}/users`, () =>
        HttpResponse.json(
          {
            imsx_codeMajor: 'failure',
            imsx_severity: 'error',
            imsx_description: 'Unknown field: shoeSize',
            imsx_CodeMinor: {
              imsx_codeMinorField: [
                {
                  imsx_codeMinorFieldName: 'TargetEndSystem',
                  imsx_codeMinorFieldValue: 'invalid_selection_field',
                },
              ],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client12()
      .users.list()
      .toArray({ maxItems: 1 })
      .catch((caught: unknown) => caught);
    expect(isInvalidRequestError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      statusInfo: {
        codeMajor: 'failure',
        severity: 'error',
        codeMinor: 'invalid_selection_field',
        description: 'Unknown field: shoeSize',
      },
    });
  });
});

describe('a 1.1 client', () => {
  it('refuses a projection naming a 1.2-only field, naming the fix', () => {
    expect(() => client11().users.list({ fields: ['roles' as never] })).toThrow(
      /no field `roles` in OneRoster 1\.1: it is a 1\.2 field/,
    );
    expect(() => client11().users.list({ fields: ['preferredFirstName' as never] })).toThrow(
      InvalidFieldsError,
    );
  });
});
