import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/query/parse-record.js';
import { guidRef, rawClass, rawDemographics, rawEnrollment, rawUser } from './fixtures.js';

const lenient = { validation: 'lenient' } as const;

function parseUser(overrides: Record<string, unknown>) {
  const parsed = parseRecord('user', rawUser(overrides), lenient);
  if (!parsed.ok) throw new Error(`expected a valid user, got ${JSON.stringify(parsed.issues)}`);
  return parsed;
}

describe('parseRecord in lenient mode', () => {
  it.each([
    ['true', true],
    [true, true],
    ['TRUE', true],
    [' True ', true],
    ['t', true],
    ['T', true],
    ['1', true],
    [1, true],
    ['false', false],
    [false, false],
    ['FALSE', false],
    ['f', false],
    ['0', false],
    [0, false],
  ])('reads the boolean %j as %s', (sent, expected) => {
    expect(parseUser({ enabledUser: sent }).record.enabledUser).toBe(expected);
  });

  it('reads every race flag of demographics as a boolean', () => {
    const parsed = parseRecord(
      'demographics',
      rawDemographics({ asian: 'TRUE', white: 'f', blackOrAfricanAmerican: true }),
      lenient,
    );
    expect(parsed.ok && parsed.record).toMatchObject({
      asian: true,
      white: false,
      blackOrAfricanAmerican: true,
    });
  });

  it('reads an enrollment `primary` flag sent as a string', () => {
    const parsed = parseRecord('enrollment', rawEnrollment({ primary: 'false' }), lenient);
    expect(parsed.ok && parsed.record.primary).toBe(false);
  });

  it('treats null in an optional field as absent', () => {
    const { record } = parseUser({ email: null, middleName: null, grades: null, userIds: null });
    for (const field of ['email', 'middleName', 'grades', 'userIds'])
      expect(record).not.toHaveProperty(field);
  });

  it('treats null inside a GUIDRef as absent', () => {
    const { record } = parseUser({ orgs: [{ href: null, sourcedId: 'school-1', type: 'org' }] });
    expect(record.orgs).toEqual([{ sourcedId: 'school-1', type: 'org' }]);
  });

  it('treats an empty string in an optional date or enum as absent', () => {
    const parsed = parseRecord('enrollment', rawEnrollment({ beginDate: '', endDate: '' }), lenient);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.record).not.toHaveProperty('beginDate');
    const klass = parseRecord('class', rawClass({ classType: '' }), lenient);
    expect(klass.ok && klass.record).not.toHaveProperty('classType');
  });

  it.each([
    ['2026-01-02T03:04:05.123Z', '2026-01-02T03:04:05.123Z'],
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05.1Z', '2026-01-02T03:04:05.100Z'],
    ['2026-01-02T03:04:05.123456Z', '2026-01-02T03:04:05.123Z'],
    ['2026-01-02', '2026-01-02T00:00:00.000Z'],
    ['2026-01-02T03:04:05+01:00', '2026-01-02T02:04:05.000Z'],
    ['2026-01-02 03:04:05', '2026-01-02T03:04:05.000Z'],
  ])('normalises dateLastModified %s to %s', (sent, expected) => {
    expect(parseUser({ dateLastModified: sent }).record.dateLastModified).toBe(expected);
  });

  it('takes the date part of a datetime sent in a date field, without moving it to UTC', () => {
    const parsed = parseRecord(
      'enrollment',
      rawEnrollment({ beginDate: '2026-08-15T00:00:00-07:00' }),
      lenient,
    );
    expect(parsed.ok && parsed.record.beginDate).toBe('2026-08-15');
  });

  it("reads OneRoster 1.0's `inactive` as `tobedeleted`", () => {
    expect(parseUser({ status: 'inactive' }).record.status).toBe('tobedeleted');
    expect(parseUser({ status: 'Active' }).record.status).toBe('active');
  });

  it('gives a 1.2-shaped user its primary role and the orgs of its roles', () => {
    const roles = [
      { roleType: 'secondary', role: 'aide', org: guidRef('org', 'school-2') },
      { roleType: 'primary', role: 'teacher', org: guidRef('org', 'school-1') },
      { roleType: 'secondary', role: 'proctor', org: guidRef('org', 'school-1') },
    ];
    const raw = rawUser({ roles });
    delete raw['role'];
    delete raw['orgs'];
    const parsed = parseRecord('user', raw, lenient);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.record.role).toBe('teacher');
    expect(parsed.record.orgs.map((org) => org.sourcedId)).toEqual(['school-1', 'school-2']);
    expect((parsed.record as Record<string, unknown>)['roles']).toEqual(roles);
  });

  it('keeps the role and orgs a 1.2-shaped user already has', () => {
    const roles = [{ roleType: 'primary', role: 'teacher', org: guidRef('org', 'school-9') }];
    const { record } = parseUser({ roles });
    expect(record.role).toBe('student');
    expect(record.orgs.map((org) => org.sourcedId)).toEqual(['school-1']);
  });

  it('splits `periods` sent as one string into a list', () => {
    const parsed = parseRecord('class', rawClass({ periods: '1, 2,3' }), lenient);
    expect(parsed.ok && parsed.record.periods).toEqual(['1', '2', '3']);
  });

  it('reads a numeric schoolYear as a string', () => {
    const parsed = parseRecord(
      'academicSession',
      {
        sourcedId: 'y',
        status: 'active',
        dateLastModified: '2026-01-01T00:00:00Z',
        title: '2026-27',
        type: 'schoolYear',
        startDate: '2026-07-01',
        endDate: '2027-06-30',
        schoolYear: 2027,
      },
      lenient,
    );
    expect(parsed.ok && parsed.record.schoolYear).toBe('2027');
  });

  it('keeps unknown enum values and reports them with their path', () => {
    const parsed = parseRecord(
      'user',
      rawUser({ role: 'counselor', orgs: [guidRef('org', 'school-1'), { sourcedId: 's2', type: 'school' }] }),
      lenient,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.record.role).toBe('counselor');
    expect(parsed.unknownEnums).toEqual([
      { path: 'role', value: 'counselor' },
      { path: 'orgs.1.type', value: 'school' },
    ]);
  });

  it('reports nothing for a record with only known enum values', () => {
    expect(parseUser({}).unknownEnums).toEqual([]);
  });

  it('preserves unknown properties and metadata as sent', () => {
    const metadata = { 'ext.district': { lunchCode: 'B' }, flags: [1, 2] };
    const { record } = parseUser({ metadata, preferredFirstName: 'JJ' });
    expect(record.metadata).toEqual(metadata);
    expect((record as Record<string, unknown>)['preferredFirstName']).toBe('JJ');
  });

  it('does not modify the raw record it was given', () => {
    const raw = rawUser({ email: null, status: 'inactive' });
    const copy = structuredClone(raw);
    parseRecord('user', raw, lenient);
    expect(raw).toEqual(copy);
  });

  it('does not let a `__proto__` key replace the record prototype', () => {
    const raw: Record<string, unknown> = JSON.parse(
      JSON.stringify(rawUser()).replace('{', '{"__proto__":{"polluted":true},'),
    );
    const parsed = parseRecord('user', raw, lenient);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && Object.getPrototypeOf(parsed.record)).toBe(Object.prototype);
    expect(parsed.ok && (parsed.record as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
