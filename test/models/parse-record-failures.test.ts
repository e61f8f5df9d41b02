import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/query/parse-record.js';
import { rawClass, rawEnrollment, rawUser } from './fixtures.js';

describe('parseRecord on records that stay invalid', () => {
  it('quarantines a record missing a required field, naming the path and code', () => {
    const raw = rawUser();
    delete raw['familyName'];
    expect(parseRecord('user', raw, { validation: 'lenient' })).toEqual({
      ok: false,
      sourcedId: 'user-1',
      issues: [{ path: 'familyName', code: 'invalid_type' }],
    });
  });

  it('reports nested paths joined with dots', () => {
    const parsed = parseRecord(
      'user',
      rawUser({ orgs: [{ sourcedId: 'school-1', type: 'org' }, { type: 'org' }] }),
      {
        validation: 'lenient',
      },
    );
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'orgs.1.sourcedId', code: 'invalid_type' }] });
  });

  it('never copies the offending values into the issues', () => {
    const secrets = ['jane.doe@example.org', 'Jane-Secret-Name', 'hunter2'];
    const parsed = parseRecord(
      'user',
      rawUser({
        email: { address: secrets[0] },
        givenName: [secrets[1]],
        password: 42,
        enabledUser: secrets[2],
      }),
      { validation: 'lenient' },
    );
    expect(parsed.ok).toBe(false);
    const serialised = JSON.stringify(parsed);
    for (const secret of secrets) expect(serialised).not.toContain(secret);
    expect(!parsed.ok && parsed.issues.map((issue) => issue.path).sort()).toEqual([
      'email',
      'enabledUser',
      'givenName',
      'password',
    ]);
  });

  it('reports a status it cannot read instead of guessing', () => {
    const parsed = parseRecord('user', rawUser({ status: 'deleted' }), { validation: 'lenient' });
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'status', code: 'invalid_value' }] });
  });

  it('reports a dateLastModified that is not a date', () => {
    for (const value of ['yesterday', '2026-02-30T00:00:00Z', '2026-01-02T25:00:00Z', 1767225600000]) {
      const parsed = parseRecord('user', rawUser({ dateLastModified: value }), { validation: 'lenient' });
      expect(parsed.ok, String(value)).toBe(false);
      expect(!parsed.ok && parsed.issues[0]?.path).toBe('dateLastModified');
    }
  });

  it('omits the sourcedId when the record has no usable one', () => {
    const parsed = parseRecord('user', rawUser({ sourcedId: '' }), { validation: 'lenient' });
    expect(parsed.ok).toBe(false);
    expect(parsed).not.toHaveProperty('sourcedId');
  });

  it('fails something that is not an object at the record root', () => {
    for (const raw of [null, 'user', 42, [rawUser()]]) {
      expect(parseRecord('user', raw, { validation: 'lenient' })).toEqual({
        ok: false,
        issues: [{ path: '', code: 'invalid_type' }],
      });
    }
  });
});

describe('parseRecord in strict mode', () => {
  const strict = { validation: 'strict' } as const;

  it('still normalises the encodings the spec allows', () => {
    const parsed = parseRecord(
      'user',
      rawUser({
        enabledUser: 'TRUE',
        email: null,
        dateLastModified: '2026-01-02T03:04:05+00:00',
        status: 'Active',
      }),
      strict,
    );
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.record).toMatchObject({
      enabledUser: true,
      dateLastModified: '2026-01-02T03:04:05.000Z',
      status: 'active',
    });
    expect(parsed.ok && parsed.record).not.toHaveProperty('email');
    const klass = parseRecord('class', rawClass({ periods: '1,2' }), strict);
    expect(klass.ok && klass.record.periods).toEqual(['1', '2']);
  });

  it('keeps and reports unknown enum values', () => {
    const parsed = parseRecord('user', rawUser({ role: 'counselor' }), strict);
    expect(parsed).toMatchObject({ ok: true, unknownEnums: [{ path: 'role', value: 'counselor' }] });
  });

  it.each([
    ['a "t" boolean', { enabledUser: 't' }, 'enabledUser'],
    ['a "1" boolean', { enabledUser: '1' }, 'enabledUser'],
    ['a date-only dateLastModified', { dateLastModified: '2026-01-02' }, 'dateLastModified'],
    ['a zone-less dateLastModified', { dateLastModified: '2026-01-02T03:04:05' }, 'dateLastModified'],
    ["1.0's inactive status", { status: 'inactive' }, 'status'],
  ])('fails on %s instead of repairing it', (_label, overrides, path) => {
    const parsed = parseRecord('user', rawUser(overrides), strict);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues.map((issue) => issue.path)).toContain(path);
  });

  it('does not derive role and orgs from 1.2 roles', () => {
    const raw = rawUser({
      roles: [{ roleType: 'primary', role: 'teacher', org: { sourcedId: 's', type: 'org' } }],
    });
    delete raw['role'];
    delete raw['orgs'];
    const parsed = parseRecord('user', raw, strict);
    expect(!parsed.ok && parsed.issues.map((issue) => issue.path).sort()).toEqual(['orgs', 'role']);
  });

  it('fails on an empty string in an optional date', () => {
    const parsed = parseRecord('enrollment', rawEnrollment({ endDate: '' }), strict);
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'endDate', code: 'invalid_format' }] });
  });

  it('fails on a datetime in a date field', () => {
    const parsed = parseRecord('enrollment', rawEnrollment({ beginDate: '2026-08-15T00:00:00Z' }), strict);
    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'beginDate', code: 'invalid_format' }] });
  });
});
