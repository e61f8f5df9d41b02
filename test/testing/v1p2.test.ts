import { describe, expect, it } from 'vitest';
import {
  generateDistrict,
  type MockProviderOptions,
  ONEROSTER_V1P1_SCOPES,
  type RosterRecord,
} from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { ONEROSTER_V1P2_SCOPES } from '../../src/testing/provider/scopes.js';
import {
  client,
  codeMinorOf,
  fetchToken,
  getJson,
  type Json,
  type JsonResponse,
  listOf,
  useMsw,
} from './helpers.js';
import { ENTITIES, type ListKey, violationsOf } from './v1p2-schema.js';

const msw = useMsw();

function setup(options: MockProviderOptions = {}) {
  const district = generateDistrict({ preset: 'tiny', seed: 12 });
  const provider = createMockProvider({ district, auth: { type: 'none' }, version: '1.2', ...options });
  msw.install(provider.handlers);
  const get = client(provider.baseUrl);
  /** Every record of a list, over as many pages as it takes. */
  const all = async (path: string, key: string): Promise<Json[]> => {
    const records: Json[] = [];
    for (let offset = 0; ; ) {
      const page = listOf(
        (await get(`${path}${path.includes('?') ? '&' : '?'}limit=50&offset=${offset}`)).body,
        key,
      );
      if (page.length === 0) return records;
      records.push(...page);
      offset += page.length;
    }
  };
  return { district, provider, get, all };
}

const ref = (value: unknown): string => (value as { sourcedId: string }).sourcedId;

/** A flat imsx_StatusInfo body (1.2 OpenAPI imsx_StatusInfoDType). */
function expectFlatError(response: JsonResponse, status: number, codeMinor: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({ imsx_codeMajor: 'failure', imsx_severity: 'error' });
  expect(codeMinorOf(response.body)).toBe(codeMinor);
}

describe('a district served as OneRoster 1.2', () => {
  it('lives under /ims/oneroster/rostering/v1p2, and 1.1 stays the default', async () => {
    const { provider, get } = setup({ baseUrl: 'https://sis.example.org/district-7' });
    expect(provider.version).toBe('1.2');
    expect(provider.baseUrl).toBe('https://sis.example.org/district-7/ims/oneroster/rostering/v1p2');
    expect((await get('/orgs')).status).toBe(200);
    const old = await fetch('https://sis.example.org/district-7/ims/oneroster/v1p1/orgs');
    expect(old.status).toBe(404);
    const v1p1 = createMockProvider({ district: generateDistrict(), baseUrl: 'https://v1.example.org' });
    expect(v1p1.version).toBe('1.1');
    expect(v1p1.baseUrl).toBe('https://v1.example.org/ims/oneroster/v1p1');
  });

  it.each(Object.entries(ENTITIES))(
    'serves %s that validate against the 1.2 schema, in lists and reads',
    async (listKey, singleKey) => {
      const { all, get, district } = setup();
      const entity = listKey as ListKey;
      const path = listKey === 'demographics' ? '/demographics' : `/${listKey}`;
      const records = await all(path, listKey);
      expect(records.length).toBe(district.count(entity));
      expect(records.flatMap((record) => violationsOf(entity, record))).toEqual([]);
      const first = records[0] as Json;
      const single = await get(`${path}/${String(first.sourcedId)}`);
      expect(Object.keys(single.body)).toEqual([singleKey]);
      expect(violationsOf(entity, single.body[singleKey] as Json)).toEqual([]);
    },
  );

  it('gives users roles[] and primaryOrg instead of role and orgs, and the 1.2 person fields', async () => {
    const { all, district } = setup();
    const users = await all('/users', 'users');
    for (const user of users) {
      const stored = district.get('users', String(user.sourcedId)) as RosterRecord;
      expect(user.role).toBeUndefined();
      expect(user.orgs).toBeUndefined();
      expect(user.roles).toEqual([{ roleType: 'primary', role: stored.role, org: user.primaryOrg }]);
      expect(ref(user.primaryOrg)).toBe(ref((stored.orgs as unknown[])[0]));
      expect(user.userMasterIdentifier).toBe(stored.identifier);
    }
    // Deterministic 1.2 person facts: some people go by another first name, some state pronouns.
    expect(users.some((user) => typeof user.preferredFirstName === 'string')).toBe(true);
    expect(users.some((user) => typeof user.pronouns === 'string')).toBe(true);
    expect(await all('/users', 'users')).toEqual(users);
  });

  it('gives a user with several orgs one primary role and secondary ones, in the 1.2 role vocabulary', async () => {
    const { get, district } = setup();
    const teacher = [...district.records('users')].find((user) => user.role === 'teacher') as RosterRecord;
    const id = teacher.sourcedId;
    const [home] = teacher.orgs as Json[];
    const district0 = district.get('orgs', 'org-0000000000');
    const districtRef = {
      href: '/ims/oneroster/v1p1/orgs/org-0000000000',
      sourcedId: district0?.sourcedId,
      type: 'org',
    };
    district.mutate.update('users', id, { role: 'administrator', orgs: [districtRef, home] });
    const user = (await get(`/users/${id}`)).body.user as Json;
    expect(user.roles).toEqual([
      {
        roleType: 'primary',
        role: 'districtAdministrator',
        org: expect.objectContaining({ sourcedId: 'org-0000000000' }),
      },
      {
        roleType: 'secondary',
        role: 'siteAdministrator',
        org: expect.objectContaining({ sourcedId: ref(home) }),
      },
    ]);
    expect(ref(user.primaryOrg)).toBe('org-0000000000');
    expect(violationsOf('users', user)).toEqual([]);
  });

  it('writes deletions as tobedeleted, 1.0-style inactive ones included, and enrollment roles in 1.2 terms', async () => {
    const { get, district } = setup();
    district.mutate.tombstone('users', 'usr-0000000001');
    district.mutate.update('users', 'usr-0000000002', { status: 'inactive' });
    district.mutate.update('enrollments', 'enr-0000000000', { role: 'aide' });
    expect(((await get('/users/usr-0000000001')).body.user as Json).status).toBe('tobedeleted');
    expect(((await get('/users/usr-0000000002')).body.user as Json).status).toBe('tobedeleted');
    const enrollment = (await get('/enrollments/enr-0000000000')).body.enrollment as Json;
    expect(enrollment.role).toBe('ext:aide');
    expect(violationsOf('enrollments', enrollment)).toEqual([]);
    const v1p1 = createMockProvider({ district, auth: { type: 'none' }, baseUrl: 'https://v1.example.org' });
    msw.install(v1p1.handlers);
    const old = await client(v1p1.baseUrl)('/users/usr-0000000002');
    expect((old.body.user as Json).status).toBe('inactive');
  });

  it('answers errors with a flat imsx_StatusInfo', async () => {
    const { get } = setup();
    const missing = await get('/users/usr-9999999999');
    expectFlatError(missing, 404, 'unknownobject');
    expect(Object.keys(missing.body).sort()).toEqual([
      'imsx_CodeMinor',
      'imsx_codeMajor',
      'imsx_description',
      'imsx_severity',
    ]);
    expectFlatError(
      await get(`/users?filter=${encodeURIComponent('familyName=Smith')}`),
      400,
      'invalid_filter_field',
    );
  });

  it('checks fields, filters and sorts against the 1.2 model: role and orgs are unknown user fields', async () => {
    const { get, district } = setup();
    const asked = await get('/users?fields=sourcedId,role,orgs');
    expect(codeMinorOf((asked.body.statusInfoSet as Json[])[0] as Json)).toBe('invalid_selection_field');
    expect(Object.keys(asked.body.users[0] as Json)).toContain('roles');
    const projected = await get('/users?fields=sourcedId,roles,primaryOrg');
    expect(Object.keys(projected.body.users[0] as Json)).toEqual(['sourcedId', 'roles', 'primaryOrg']);
    expect(projected.body.statusInfoSet).toBeUndefined();
    expectFlatError(
      await get(`/users?filter=${encodeURIComponent("role='teacher'")}`),
      400,
      'invalid_filter_field',
    );
    const master = [...district.records('users')][3]?.identifier;
    const byMaster = await get(
      `/users?filter=${encodeURIComponent(`userMasterIdentifier='${String(master)}'`)}`,
    );
    expect(byMaster.body.users.map((user) => user.sourcedId)).toEqual(['usr-0000000003']);
    const sorted = await get('/users?sort=role');
    expect(codeMinorOf((sorted.body.statusInfoSet as Json[])[0] as Json)).toBe('invalid_sort_field');
  });

  it('reads the 1.2 filter grammar: more than two clauses, AND before OR', async () => {
    const { get, district } = setup();
    const users = [...district.records('users')];
    const filter = "familyName>'M' AND status='active' AND enabledUser='true' OR sourcedId='usr-0000000000'";
    const response = await get(`/users?limit=1000&filter=${encodeURIComponent(filter)}`);
    const expected = users.filter(
      (u) => (String(u.familyName) > 'M' && u.enabledUser === 'true') || u.sourcedId === 'usr-0000000000',
    );
    expect(response.body.users.map((u) => u.sourcedId)).toEqual(expected.map((u) => u.sourcedId));
    expect(expected.length).toBeGreaterThan(1);
    const v1p1 = createMockProvider({ district, auth: { type: 'none' }, baseUrl: 'https://v1.example.org' });
    msw.install(v1p1.handlers);
    const refused = await client(v1p1.baseUrl)(`/users?filter=${encodeURIComponent(filter)}`);
    expect(refused.status).toBe(400);
  });

  it('serves every nested endpoint of the 1.2 OpenAPI with 1.2 records', async () => {
    const { get } = setup();
    const school = 'org-0000000001';
    const paths: Array<[string, ListKey]> = [
      ['/classes/cls-0000000001/students', 'users'],
      ['/classes/cls-0000000001/teachers', 'users'],
      ['/courses/crs-0000000001/classes', 'classes'],
      [`/schools/${school}/classes`, 'classes'],
      [`/schools/${school}/classes/cls-0000000001/enrollments`, 'enrollments'],
      [`/schools/${school}/classes/cls-0000000001/students`, 'users'],
      [`/schools/${school}/classes/cls-0000000001/teachers`, 'users'],
      [`/schools/${school}/courses`, 'courses'],
      [`/schools/${school}/enrollments`, 'enrollments'],
      [`/schools/${school}/students`, 'users'],
      [`/schools/${school}/teachers`, 'users'],
      [`/schools/${school}/terms`, 'academicSessions'],
      ['/students/usr-0000000000/classes', 'classes'],
      ['/teachers/usr-0000000024/classes', 'classes'],
      ['/terms/as-0000000001/classes', 'classes'],
      ['/terms/as-0000000001/gradingPeriods', 'academicSessions'],
      ['/users/usr-0000000000/classes', 'classes'],
    ];
    for (const [path, key] of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const records = listOf(response.body, key);
      expect(records.length, path).toBeGreaterThan(0);
      expect(
        records.flatMap((record) => violationsOf(key, record)),
        path,
      ).toEqual([]);
    }
  });

  it("grants the 1.2 scopes, refuses 1.1 ones, and asks for each endpoint's scope in the 1.2 OpenAPI", async () => {
    const provider = createMockProvider({ district: generateDistrict({ preset: 'tiny' }), version: '1.2' });
    msw.install(provider.handlers);
    const refused = await fetch(provider.tokenUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: provider.clientId,
        client_secret: provider.clientSecret,
        scope: ONEROSTER_V1P1_SCOPES.roster,
      }).toString(),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Json).error).toBe('invalid_scope');
    const as = async (scope: string, path: string): Promise<number> => {
      const token = await fetchToken(provider, scope);
      return (await getJson(provider.baseUrl, path, { headers: { authorization: `Bearer ${token}` } }))
        .status;
    };
    const { rosterCore, roster, demographics } = ONEROSTER_V1P2_SCOPES;
    expect(await as(rosterCore, '/users')).toBe(200);
    expect(await as(rosterCore, '/schools/org-0000000001/classes')).toBe(403);
    expect(await as(rosterCore, '/demographics')).toBe(403);
    expect(await as(roster, '/schools/org-0000000001/classes')).toBe(200);
    expect(await as(roster, '/demographics/usr-0000000000')).toBe(403);
    expect(await as(demographics, '/demographics/usr-0000000000')).toBe(200);
    // With no scope asked, a client gets all three 1.2 scopes.
    expect(await as('', '/demographics')).toBe(200);
  });
});
