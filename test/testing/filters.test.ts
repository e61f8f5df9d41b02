import { describe, expect, it } from 'vitest';
import { generateDistrict } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { parseFilter } from '../../src/testing/provider/filter-parser.js';
import { client, codeMinorOf, useMsw } from './helpers.js';

const msw = useMsw();

function setup() {
  const district = generateDistrict({ preset: 'small', seed: 4 });
  const provider = createMockProvider({ district, auth: { type: 'none' } });
  msw.install(provider.handlers);
  const get = client(provider.baseUrl);
  const users = [...district.records('users')];
  /** All users matching `filter`, via the mock (one big page). */
  const filtered = async (filter: string, encode: (text: string) => string = encodeURIComponent) =>
    (await get(`/users?limit=5000&filter=${encode(filter)}`)).body.users ?? [];
  return { district, provider, get, users, filtered };
}

describe('filter grammar', () => {
  it('parses one clause, two clauses with AND/OR, and every operator', () => {
    for (const operator of ['=', '!=', '>', '>=', '<', '<=', '~']) {
      const parsed = parseFilter(`familyName${operator}'Smith'`);
      expect(parsed).toEqual({
        ok: true,
        filter: { kind: 'clause', clause: { field: 'familyName', operator, value: 'Smith' } },
      });
    }
    const pair = parseFilter("role='student' OR givenName~'ann'");
    expect(pair.ok && pair.filter.kind === 'pair' && pair.filter.logical).toBe('OR');
    expect(parseFilter("familyName='O'Connor'")).toMatchObject({
      ok: true,
      filter: { clause: { value: "O'Connor" } },
    });
    expect(parseFilter("familyName='O'Connor' AND role='student'")).toMatchObject({
      ok: true,
      filter: { left: { value: "O'Connor" }, right: { value: 'student' } },
    });
    expect(parseFilter('familyName=Smith').ok).toBe(false);
    expect(parseFilter("familyName='Smith' AND").ok).toBe(false);
  });

  it('filters with = and != on strings', async () => {
    const { users, filtered } = setup();
    expect((await filtered("role='teacher'")).map((u) => u.sourcedId)).toEqual(
      users.filter((u) => u.role === 'teacher').map((u) => u.sourcedId),
    );
    expect((await filtered("role!='teacher'")).length).toBe(users.filter((u) => u.role !== 'teacher').length);
  });

  it("keeps a quote inside a value (O'Connor), and reads + as a space", async () => {
    const { users, filtered } = setup();
    const oConnor = users.filter((u) => u.familyName === "O'Connor");
    expect(oConnor.length).toBeGreaterThan(0);
    expect((await filtered("familyName='O'Connor'")).map((u) => u.sourcedId)).toEqual(
      oConnor.map((u) => u.sourcedId),
    );
    const maryAnn = users.filter((u) => u.givenName === 'Mary Ann');
    expect(maryAnn.length).toBeGreaterThan(0);
    const plus = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
    expect((await filtered("givenName='Mary Ann'", plus)).length).toBe(maryAnn.length);
    expect((await filtered("givenName='Mary Ann'")).length).toBe(maryAnn.length);
  });

  it('matches accents exactly and ~ as a case-insensitive contains', async () => {
    const { users, filtered } = setup();
    expect((await filtered("familyName='Nguyễn'")).length).toBe(
      users.filter((u) => u.familyName === 'Nguyễn').length,
    );
    const contains = users.filter((u) => String(u.familyName).toLowerCase().includes('son'));
    expect((await filtered("familyName~'SON'")).length).toBe(contains.length);
  });

  it('combines clauses with AND and OR', async () => {
    const { users, filtered } = setup();
    const and = users.filter((u) => u.role === 'student' && (u.grades as string[]).includes('KG'));
    expect((await filtered("role='student' AND grades='KG'")).length).toBe(and.length);
    const or = users.filter((u) => u.familyName === 'Smith' || u.givenName === 'José');
    expect((await filtered("familyName='Smith' OR givenName='José'")).length).toBe(or.length);
  });

  it('compares dates as instants (delta pulls)', async () => {
    const { users, filtered } = setup();
    const cut = '2025-07-01T00:00:00Z';
    const after = users.filter((u) => Date.parse(u.dateLastModified) > Date.parse(cut));
    expect((await filtered(`dateLastModified>'${cut}'`)).length).toBe(after.length);
    expect((await filtered("dateLastModified>='2025-07-01'")).length).toBe(after.length);
    expect(await filtered("dateLastModified>'2030-01-01T00:00:00.000Z'")).toEqual([]);
  });

  it('matches GUIDRef fields by sourcedId and boolean strings case-insensitively', async () => {
    const { users, filtered, get } = setup();
    const school = 'org-0000000002';
    expect((await filtered(`orgs='${school}'`)).length).toBe(
      users.filter((u) => (u.orgs as Array<{ sourcedId: string }>)[0]?.sourcedId === school).length,
    );
    const enabled = users.filter((u) => u.enabledUser === 'true').length;
    expect((await filtered("enabledUser='TRUE'")).length).toBe(enabled);
    const classes = (await get(`/classes?limit=500&filter=${encodeURIComponent(`school='${school}'`)}`)).body
      .classes;
    expect(classes.length).toBeGreaterThan(0);
    expect(classes.every((c) => (c.school as unknown as { sourcedId: string }).sourcedId === school)).toBe(
      true,
    );
  });

  it('answers 400 invalid_filter_field for an unknown field, a malformed filter or a bad date', async () => {
    const { get } = setup();
    for (const filter of [
      "shoeSize='42'",
      'familyName=Smith',
      "dateLastModified>'yesterday'",
      "role='student' AND status='active' AND givenName='Kai'",
    ]) {
      const response = await get(`/users?filter=${encodeURIComponent(filter)}`);
      expect(response.status, filter).toBe(400);
      expect(codeMinorOf(response.body)).toBe('invalid_filter_field');
    }
  });

  it('pages a filter that must look at every record, with a stable total', async () => {
    const { users, get } = setup();
    const filter = encodeURIComponent("givenName~'a'");
    const expected = users
      .filter((u) => String(u.givenName).toLowerCase().includes('a'))
      .map((u) => u.sourcedId);
    const seen: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 37) {
      const page = await get(`/users?filter=${filter}&limit=37&offset=${offset}`);
      expect(page.headers.get('x-total-count')).toBe(String(expected.length));
      seen.push(...page.body.users.map((u) => u.sourcedId as string));
    }
    expect(seen).toEqual(expected);
  });
});
