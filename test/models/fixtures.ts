/** Raw provider records as the 1.1 JSON binding sends them (booleans as strings), for tests to vary. */

export const guidRef = (type: string, sourcedId: string) => ({
  href: `https://sis.example.org/ims/oneroster/v1p1/${type}s/${sourcedId}`,
  sourcedId,
  type,
});

export function rawUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'user-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    username: 'jdoe',
    enabledUser: 'true',
    givenName: 'Jane',
    familyName: 'Doe',
    role: 'student',
    orgs: [guidRef('org', 'school-1')],
    grades: ['09'],
    ...overrides,
  };
}

export function rawOrg(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'school-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    name: 'Lincoln High',
    type: 'school',
    identifier: '0042',
    parent: guidRef('org', 'district-1'),
    ...overrides,
  };
}

export function rawAcademicSession(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'term-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    title: 'Fall 2026',
    type: 'term',
    startDate: '2026-08-15',
    endDate: '2026-12-20',
    schoolYear: '2027',
    ...overrides,
  };
}

export function rawCourse(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'course-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    title: 'Algebra I',
    courseCode: 'MATH-101',
    org: guidRef('org', 'school-1'),
    ...overrides,
  };
}

export function rawClass(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'class-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    title: 'Algebra I - P1',
    classType: 'scheduled',
    course: guidRef('course', 'course-1'),
    school: guidRef('org', 'school-1'),
    terms: [guidRef('academicSession', 'term-1')],
    periods: ['1'],
    ...overrides,
  };
}

export function rawEnrollment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'enr-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    user: guidRef('user', 'user-1'),
    class: guidRef('class', 'class-1'),
    school: guidRef('org', 'school-1'),
    role: 'teacher',
    primary: 'true',
    beginDate: '2026-08-15',
    ...overrides,
  };
}

export function rawDemographics(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourcedId: 'user-1',
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.123Z',
    birthDate: '2011-04-05',
    sex: 'female',
    asian: 'false',
    white: 'true',
    hispanicOrLatinoEthnicity: 'false',
    ...overrides,
  };
}
