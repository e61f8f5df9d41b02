import { afterEach, describe, expect, it } from 'vitest';
import {
  generateDistrict,
  type MockQuirks,
  type MockServer,
  startMockServer,
} from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { EDFI_QUIRKS } from '../../src/testing/provider/profiles.js';
import { codeMinorOf, fetchToken, getJson, type Json, type JsonResponse } from './helpers.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Ed-Fi's profile on a real port, with a token, over the `small` district (640 users). */
async function edfi(quirks: MockQuirks = {}) {
  server = await startMockServer({
    district: generateDistrict({ preset: 'small', seed: 9 }),
    profile: 'edfi',
    quirks,
  });
  const headers = { authorization: `Bearer ${await fetchToken(server)}` };
  const { baseUrl } = server;
  return { server, get: (path: string) => getJson(baseUrl, path, { headers }) };
}

function expectFlatError(response: JsonResponse, status: number, codeMinor: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({ imsx_codeMajor: 'failure', imsx_severity: 'error' });
  expect(codeMinorOf(response.body)).toBe(codeMinor);
  expect(response.body.statusInfoSet).toBeUndefined();
}

const ids = (records: Json[]): string[] => records.map((record) => String(record.sourcedId));

describe("the Ed-Fi profile (Ed-Fi's OneRoster server)", () => {
  it('serves OneRoster 1.2 paths and shapes', async () => {
    const { server, get } = await edfi();
    expect(server.version).toBe('1.2');
    expect(server.baseUrl).toBe(`${server.url}/ims/oneroster/rostering/v1p2`);
    const user = (await get('/users?limit=1')).body.users[0] as Json;
    expect(user.roles).toEqual([expect.objectContaining({ roleType: 'primary', role: 'student' })]);
    expect(user.role).toBeUndefined();
  });

  it('answers 400 with a flat imsx body for an unknown field in fields or in a filter', async () => {
    const { get } = await edfi();
    expectFlatError(await get('/users?fields=sourcedId,role'), 400, 'invalid_selection_field');
    expectFlatError(await get('/users/usr-0000000000?fields=orgs'), 400, 'invalid_selection_field');
    expectFlatError(
      await get(`/users?filter=${encodeURIComponent("role='teacher'")}`),
      400,
      'invalid_filter_field',
    );
    expectFlatError(
      await get(`/enrollments?filter=${encodeURIComponent("grade='05'")}`),
      400,
      'invalid_filter_field',
    );
    const known = await get(`/users?fields=sourcedId,roles&filter=${encodeURIComponent("status='active'")}`);
    expect(known.status).toBe(200);
    expect(Object.keys(known.body.users[0] as Json)).toEqual(['sourcedId', 'roles']);
  });

  it('clamps pages to 500 and sends neither X-Total-Count nor Link', async () => {
    const { get } = await edfi();
    const first = await get('/users?limit=1000');
    expect(first.body.users).toHaveLength(500);
    expect(first.headers.has('x-total-count')).toBe(false);
    expect(first.headers.has('link')).toBe(false);
    const rest = await get('/users?limit=1000&offset=500');
    expect(rest.body.users).toHaveLength(140);
    expect((await get('/users?limit=1000&offset=640')).body.users).toEqual([]);
  });

  it('has no nested endpoints: they answer 404', async () => {
    const { get, server } = await edfi();
    for (const path of [
      '/schools/org-0000000001/classes',
      '/classes/cls-0000000001/students',
      '/users/usr-0000000000/classes',
    ])
      expectFlatError(await get(path), 404, 'unknownobject');
    expect(server.stats.byRoute['/schools/{id}/classes']).toBe(1);
    expect((await get('/schools/org-0000000001')).status).toBe(200);
  });

  it('answers each get with a singular envelope: {"demographic": ...}, {"user": ...}', async () => {
    const { get } = await edfi();
    const reads: Array<[string, string]> = [
      ['/demographics/usr-0000000000', 'demographic'],
      ['/users/usr-0000000000', 'user'],
      ['/students/usr-0000000000', 'user'],
      ['/orgs/org-0000000001', 'org'],
      ['/schools/org-0000000001', 'org'],
      ['/academicSessions/as-0000000001', 'academicSession'],
      ['/terms/as-0000000001', 'academicSession'],
      ['/courses/crs-0000000000', 'course'],
      ['/classes/cls-0000000000', 'class'],
      ['/enrollments/enr-0000000000', 'enrollment'],
    ];
    for (const [path, key] of reads) expect(Object.keys((await get(path)).body), path).toEqual([key]);
    expect(Object.keys((await get('/demographics?limit=1')).body)).toEqual(['demographics']);
  });

  it('writes booleans as strings', async () => {
    const { get } = await edfi();
    const users = (await get('/users?limit=500')).body.users;
    expect(new Set(users.map((user) => user.enabledUser))).toEqual(new Set(['true', 'false']));
    const teachers = await get(`/enrollments?limit=500&filter=${encodeURIComponent("role='teacher'")}`);
    expect(new Set(teachers.body.enrollments.map((enrollment) => enrollment.primary))).toEqual(
      new Set(['true']),
    );
    const students = (await get('/enrollments?limit=500')).body.enrollments;
    expect(new Set(students.map((enrollment) => enrollment.primary))).toEqual(new Set(['false']));
    const demographics = (await get('/demographics?limit=500')).body.demographics;
    expect(demographics.every((record) => record.white === 'true' || record.white === 'false')).toBe(true);
  });

  it('returns ties in a different order on each request under a sort on a non-unique field', async () => {
    const { get } = await edfi();
    const once = (await get('/users?sort=familyName&limit=500')).body.users;
    const again = (await get('/users?sort=familyName&limit=500')).body.users;
    const names = (records: Json[]) => records.map((record) => String(record.familyName));
    expect(names(again)).toEqual(names(once));
    expect(names(once)).toEqual([...names(once)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(ids(again)).not.toEqual(ids(once));
    // Offset paging over ties then repeats some users and misses as many.
    const paged: string[] = [];
    for (let offset = 0; offset < 640; offset += 100)
      paged.push(...ids((await get(`/users?sort=familyName&limit=100&offset=${offset}`)).body.users));
    expect(paged).toHaveLength(640);
    expect(new Set(paged).size).toBeLessThan(640);
    // A unique sort key, or none, keeps one order.
    expect(ids((await get('/users?sort=sourcedId&limit=500')).body.users)).toEqual(
      ids((await get('/users?sort=sourcedId&limit=500')).body.users),
    );
  });

  it('orders ties the same way for the same request number, so a test repeats', async () => {
    const pages = async (): Promise<string[][]> => {
      const { get } = await edfi();
      const result: string[][] = [];
      for (let i = 0; i < 3; i++) result.push(ids((await get('/users?sort=grades&limit=50')).body.users));
      await server?.close();
      server = undefined;
      return result;
    };
    const [first, second] = [await pages(), await pages()];
    expect(second).toEqual(first);
    expect(new Set(first.map((page) => page.join())).size).toBe(3);
  });

  it('lets quirks given with the profile override its own', async () => {
    const { get } = await edfi({ maxPageSize: 100, noNestedEndpoints: false });
    expect((await get('/users?limit=1000')).body.users).toHaveLength(100);
    expect((await get('/schools/org-0000000001/classes')).status).toBe(200);
    expect((await get('/users?fields=role')).status).toBe(400);
  });

  it('is the EDFI_QUIRKS set on version 1.2', () => {
    const provider = createMockProvider({ profile: 'edfi' });
    expect(provider.version).toBe('1.2');
    expect(provider.quirks).toMatchObject(EDFI_QUIRKS);
  });
});
