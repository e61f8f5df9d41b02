import { describe, expect, it } from 'vitest';
import { InvalidFieldsError } from '../../src/query/invalid-fields-error.js';
import { parseRecord } from '../../src/query/parse-record.js';
import { rawAcademicSession, rawClass, rawCourse, rawEnrollment, rawOrg, rawUser } from './fixtures.js';
import { fullUser12, rawDemographics12, rawUser12, ref12 } from './fixtures-v1p2.js';

const v12 = { version: '1.2' } as const;
const strict12 = { version: '1.2', validation: 'strict' } as const;

describe('OneRoster 1.2 records', () => {
  it('parses a spec-conformant record of every entity in both modes', () => {
    const examples = {
      org: rawOrg({ parent: ref12('org', 'district-1') }),
      academicSession: rawAcademicSession(),
      course: rawCourse(),
      class: rawClass(),
      user: fullUser12(),
      enrollment: rawEnrollment(),
      demographics: rawDemographics12(),
    } as const;
    for (const [entity, raw] of Object.entries(examples)) {
      for (const validation of ['lenient', 'strict'] as const) {
        const parsed = parseRecord(entity as keyof typeof examples, raw, { version: '1.2', validation });
        expect(parsed, `${entity} ${validation}`).toMatchObject({ ok: true, unknownEnums: [] });
      }
    }
  });

  it('accepts every 1.2 user field in strict mode, typed', () => {
    const parsed = parseRecord('user', fullUser12(), strict12);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const user = parsed.record;
    expect(user.enabledUser).toBe(true);
    expect(user.roles.map((role) => [role.roleType, role.role, role.org.sourcedId])).toEqual([
      ['primary', 'teacher', 'school-1'],
      ['secondary', 'counselor', 'school-1'],
      ['primary', 'districtAdministrator', 'district-1'],
    ]);
    expect(user.roles[0]).toMatchObject({ userProfile: 'profile-1', beginDate: '2026-08-15' });
    expect(user).toMatchObject({
      userMasterIdentifier: 'master-77',
      preferredFirstName: 'JJ',
      preferredMiddleName: 'Quinn',
      preferredLastName: 'Doe-Smith',
      pronouns: 'she/her',
      primaryOrg: { sourcedId: 'school-1', type: 'org' },
      resources: [{ sourcedId: 'res-1', type: 'resource' }],
    });
    expect(user.userProfiles?.[0]?.credentials?.[0]).toEqual({
      type: 'password',
      username: 'jdoe',
      password: 'secret-pw',
      // CredentialDType allows other properties: they are kept.
      hint: 'x',
    });
  });

  it('requires roles, at least one, and no role or orgs', () => {
    const raw = rawUser12();
    delete raw['roles'];
    expect(parseRecord('user', raw, strict12)).toMatchObject({
      ok: false,
      issues: [{ path: 'roles', code: 'invalid_type' }],
    });
    expect(parseRecord('user', rawUser12({ roles: [] }), v12)).toMatchObject({
      ok: false,
      issues: [{ path: 'roles', code: 'too_small' }],
    });
    const withoutUsername = rawUser12();
    delete withoutUsername['username'];
    expect(parseRecord('user', withoutUsername, strict12).ok).toBe(true);
  });

  it('reads 1.2 booleans sent as strings and its nested dates and GUIDRefs', () => {
    const parsed = parseRecord(
      'user',
      rawUser12({
        enabledUser: 'false',
        dateLastModified: '2026-01-02',
        roles: [
          {
            roleType: 'Primary',
            role: 'aide',
            org: { href: null, sourcedId: 'school-1', type: 'org' },
            beginDate: '2026-08-15T00:00:00-07:00',
            endDate: null,
          },
        ],
      }),
      v12,
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.record.enabledUser).toBe(false);
    expect(parsed.record.dateLastModified).toBe('2026-01-02T00:00:00.000Z');
    expect(parsed.record.roles).toEqual([
      {
        roleType: 'primary',
        role: 'aide',
        org: { sourcedId: 'school-1', type: 'org' },
        beginDate: '2026-08-15',
      },
    ]);
  });

  it('repairs nothing beyond the spec encodings in strict mode', () => {
    const parsed = parseRecord(
      'user',
      rawUser12({ roles: [{ roleType: 'Primary', role: 'aide', org: ref12('org', 's') }] }),
      strict12,
    );
    expect(parsed).toMatchObject({
      ok: false,
      issues: [{ path: 'roles.0.roleType', code: 'invalid_value' }],
    });
  });

  it('gives a 1.1-shaped user on a 1.2 path the roles of its orgs, in lenient mode', () => {
    const raw = rawUser({ orgs: [ref12('org', 'school-1'), ref12('org', 'school-2')], role: 'teacher' });
    const parsed = parseRecord('user', raw, v12);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.record.roles.map((role) => [role.roleType, role.role, role.org.sourcedId])).toEqual([
      ['primary', 'teacher', 'school-1'],
      ['primary', 'teacher', 'school-2'],
    ]);
    expect(parseRecord('user', raw, strict12)).toMatchObject({ ok: false, issues: [{ path: 'roles' }] });
  });

  it('does not modify the raw roles it was given', () => {
    const raw = rawUser12({
      roles: [{ roleType: 'PRIMARY', role: 'aide', org: { ...ref12('org', 's'), href: null } }],
    });
    const copy = structuredClone(raw);
    parseRecord('user', raw, v12);
    expect(raw).toEqual(copy);
  });
});

describe('the 1.2 vocabularies', () => {
  it('know the 1.2 roles, and report unknown ones with their path', () => {
    const roles = [
      { roleType: 'primary', role: 'counselor', org: ref12('org', 's') },
      { roleType: 'secondary', role: 'coach', org: ref12('org', 's') },
    ];
    expect(parseRecord('user', rawUser12({ roles }), v12)).toMatchObject({
      ok: true,
      unknownEnums: [{ path: 'roles.1.role', value: 'coach' }],
    });
    // `counselor` is a 1.2 role: a 1.1 user with it is reported.
    expect(parseRecord('user', rawUser({ role: 'counselor' }))).toMatchObject({
      unknownEnums: [{ path: 'role', value: 'counselor' }],
    });
  });

  it('know the 1.2 sex values', () => {
    expect(parseRecord('demographics', rawDemographics12({ sex: 'other' }), v12)).toMatchObject({
      ok: true,
      unknownEnums: [],
    });
    expect(parseRecord('demographics', rawDemographics12({ sex: 'other' }))).toMatchObject({
      unknownEnums: [{ path: 'sex', value: 'other' }],
    });
  });

  it('know only the 1.2 GUIDRef types', () => {
    const enrollment = rawEnrollment({ user: ref12('student', 'user-1') });
    expect(parseRecord('enrollment', enrollment, v12)).toMatchObject({
      ok: true,
      unknownEnums: [{ path: 'user.type', value: 'student' }],
    });
    expect(parseRecord('enrollment', enrollment)).toMatchObject({ ok: true, unknownEnums: [] });
    expect(
      parseRecord(
        'user',
        rawUser12({ roles: [{ roleType: 'primary', role: 'aide', org: ref12('school', 's') }] }),
        v12,
      ),
    ).toMatchObject({ unknownEnums: [{ path: 'roles.0.org.type', value: 'school' }] });
  });
});

describe('1.2 projections at run time', () => {
  it('keep only the projected 1.2 fields', () => {
    const parsed = parseRecord('user', fullUser12(), { version: '1.2', fields: ['sourcedId', 'roles'] });
    expect(parsed.ok && Object.keys(parsed.record).sort()).toEqual(['roles', 'sourcedId']);
  });

  it('apply the 1.2 minimal preset: roles, never role, orgs, passwords or profiles', () => {
    const parsed = parseRecord('user', fullUser12(), { version: '1.2', fields: 'minimal' });
    const keys = Object.keys(parsed.ok ? parsed.record : {});
    expect(keys).toContain('roles');
    for (const key of ['role', 'orgs', 'password', 'userProfiles', 'phone']) expect(keys).not.toContain(key);
  });

  it('refuse a field of the other version, naming the fix', () => {
    expect(() => parseRecord('user', rawUser12(), { version: '1.2', fields: ['role' as never] })).toThrow(
      InvalidFieldsError,
    );
    try {
      parseRecord('user', rawUser(), { fields: ['preferredFirstName' as never] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidFieldsError);
      expect(error).toMatchObject({ reason: 'unknown-field', field: 'preferredFirstName' });
      expect(String(error)).toMatch(/no field `preferredFirstName` in OneRoster 1\.1: it is a 1\.2 field/);
    }
  });
});
