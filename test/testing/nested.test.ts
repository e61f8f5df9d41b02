import { describe, expect, it } from 'vitest';
import { generateDistrict, type RosterRecord } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { client, listOf, useMsw } from './helpers.js';

const msw = useMsw();
const ref = (value: unknown): string => (value as { sourcedId: string }).sourcedId;
const ids = (records: Array<Record<string, unknown>>): string[] => records.map((r) => r.sourcedId as string);

function setup() {
  const district = generateDistrict({ preset: 'small', seed: 21 });
  const provider = createMockProvider({ district, auth: { type: 'none' } });
  msw.install(provider.handlers);
  const all = (collection: Parameters<typeof district.records>[0]): RosterRecord[] => [
    ...district.records(collection),
  ];
  return { district, get: client(provider.baseUrl), all };
}

describe('nested endpoints', () => {
  it('serves every nested path of a school', async () => {
    const { get, all } = setup();
    const school = 'org-0000000002';
    const enrollments = all('enrollments');
    const users = all('users');
    const expected: Record<string, [string, string[]]> = {
      courses: ['courses', ids(all('courses').filter((c) => ref(c.org) === school))],
      classes: ['classes', ids(all('classes').filter((c) => ref(c.school) === school))],
      enrollments: ['enrollments', ids(enrollments.filter((e) => ref(e.school) === school))],
      students: [
        'users',
        ids(users.filter((u) => u.role === 'student' && ref((u.orgs as unknown[])[0]) === school)),
      ],
      teachers: [
        'users',
        ids(users.filter((u) => u.role === 'teacher' && ref((u.orgs as unknown[])[0]) === school)),
      ],
      terms: ['academicSessions', ids(all('academicSessions').filter((s) => s.type === 'term'))],
    };
    for (const [child, [key, want]] of Object.entries(expected)) {
      const response = await get(`/schools/${school}/${child}?limit=10000`);
      expect(response.status, child).toBe(200);
      expect(ids(listOf(response.body, key)), child).toEqual(want);
      expect(want.length, child).toBeGreaterThan(0);
    }
  });

  it('serves the students, teachers and enrollments of a class, under classes and under schools', async () => {
    const { get, all } = setup();
    const klass = all('classes')[33] as RosterRecord;
    const enrollments = all('enrollments').filter((e) => ref(e.class) === klass.sourcedId);
    const students = enrollments
      .filter((e) => e.role === 'student')
      .map((e) => ref(e.user))
      .sort();
    const teachers = enrollments.filter((e) => e.role === 'teacher').map((e) => ref(e.user));
    expect(students.length).toBeGreaterThan(5);
    expect(teachers).toHaveLength(1);
    expect(ids((await get(`/classes/${klass.sourcedId}/students`)).body.users)).toEqual(students);
    expect(ids((await get(`/classes/${klass.sourcedId}/teachers`)).body.users)).toEqual(teachers);
    const base = `/schools/${ref(klass.school)}/classes/${klass.sourcedId}`;
    expect(ids((await get(`${base}/enrollments`)).body.enrollments)).toEqual(ids(enrollments));
    expect(ids((await get(`${base}/students`)).body.users)).toEqual(students);
    expect(ids((await get(`${base}/teachers`)).body.users)).toEqual(teachers);
    expect((await get(`/schools/org-0000000001/classes/${klass.sourcedId}/students`)).status).toBe(404);
  });

  it('serves the classes of a course, a term, and a user', async () => {
    const { get, all } = setup();
    const classes = all('classes');
    const course = 'crs-0000000005';
    expect(ids((await get(`/courses/${course}/classes`)).body.classes)).toEqual(
      ids(classes.filter((c) => ref(c.course) === course)),
    );
    const term = 'as-0000000002';
    const termClasses = (await get(`/terms/${term}/classes?limit=10000`)).body.classes;
    expect(ids(termClasses)).toEqual(
      ids(classes.filter((c) => (c.terms as unknown[]).some((t) => ref(t) === term))),
    );
    expect(ids((await get(`/terms/${term}/gradingPeriods`)).body.academicSessions)).toEqual(
      ids(all('academicSessions').filter((s) => s.type === 'gradingPeriod' && ref(s.parent) === term)),
    );
    const enrollments = all('enrollments');
    for (const user of [all('users')[3], all('users').find((u) => u.role === 'teacher')] as RosterRecord[]) {
      const want = enrollments
        .filter((e) => ref(e.user) === user.sourcedId)
        .map((e) => ref(e.class))
        .sort();
      const endpoint = user.role === 'student' ? 'students' : 'teachers';
      expect(ids((await get(`/users/${user.sourcedId}/classes`)).body.classes)).toEqual(want);
      expect(ids((await get(`/${endpoint}/${user.sourcedId}/classes`)).body.classes)).toEqual(want);
    }
  });

  it('filters, sorts and pages nested lists, and answers 404 for an unknown parent', async () => {
    const { get } = setup();
    const page = await get(
      `/schools/org-0000000001/students?limit=10&offset=10&sort=familyName&fields=sourcedId,familyName`,
    );
    expect(page.body.users).toHaveLength(10);
    expect(Number(page.headers.get('x-total-count'))).toBeGreaterThan(100);
    const names = page.body.users.map((u) => u.familyName as string);
    expect(names).toEqual([...names].sort());
    const filtered = await get(
      `/schools/org-0000000001/students?filter=${encodeURIComponent("grades='KG'")}`,
    );
    expect(filtered.body.users.every((u) => (u.grades as unknown as string[]).includes('KG'))).toBe(true);
    expect((await get('/schools/org-0000009999/students')).status).toBe(404);
    expect((await get('/classes/cls-0000009999/students')).status).toBe(404);
    expect((await get('/classes/cls-0000000001/enrollments')).status).toBe(404);
  });
});
