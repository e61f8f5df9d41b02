import { describe, expect, it } from 'vitest';
import { MINIMAL_FIELDS } from '../../src/query/fields.js';
import { InvalidFieldsError } from '../../src/query/invalid-fields-error.js';
import { parseRecord } from '../../src/query/parse-record.js';
import { rawUser } from './fixtures.js';

describe('parseRecord with a projection', () => {
  it('requires only the projected fields', () => {
    const parsed = parseRecord(
      'user',
      { givenName: 'Jane', familyName: 'Doe' },
      {
        validation: 'lenient',
        fields: ['givenName', 'familyName'],
      },
    );
    expect(parsed).toEqual({ ok: true, record: { givenName: 'Jane', familyName: 'Doe' }, unknownEnums: [] });
  });

  it('requires sourcedId only when it is projected', () => {
    const without = parseRecord(
      'user',
      { givenName: 'Jane' },
      { validation: 'strict', fields: ['givenName'] },
    );
    expect(without.ok).toBe(true);
    const withId = parseRecord(
      'user',
      { givenName: 'Jane' },
      { validation: 'strict', fields: ['sourcedId', 'givenName'] },
    );
    expect(withId).toMatchObject({ ok: false, issues: [{ path: 'sourcedId', code: 'invalid_type' }] });
  });

  it('still validates and normalises the projected fields', () => {
    const ok = parseRecord(
      'user',
      { enabledUser: 'TRUE' },
      { validation: 'lenient', fields: ['enabledUser'] },
    );
    expect(ok.ok && ok.record.enabledUser).toBe(true);
    const bad = parseRecord('user', { givenName: 7 }, { validation: 'lenient', fields: ['givenName'] });
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'givenName', code: 'invalid_type' }] });
  });

  it('drops fields the provider sent although they were not selected', () => {
    // 1.1 providers answer an unsupported selection with every field (digest "field selection").
    const raw = rawUser({ password: 'hunter2', phone: '555-0100', metadata: { x: 1 } });
    const parsed = parseRecord('user', raw, { validation: 'lenient', fields: ['sourcedId', 'givenName'] });
    expect(parsed.ok && parsed.record).toEqual({ sourcedId: 'user-1', givenName: 'Jane' });
  });

  it('applies the minimal preset', () => {
    const parsed = parseRecord('user', rawUser({ password: 'hunter2', middleName: 'Q' }), {
      validation: 'lenient',
      fields: 'minimal',
    });
    expect(parsed.ok).toBe(true);
    const keys = Object.keys(parsed.ok ? parsed.record : {});
    expect(keys.every((key) => (MINIMAL_FIELDS.user as readonly string[]).includes(key))).toBe(true);
    expect(keys).toContain('givenName');
    expect(keys).not.toContain('password');
  });

  it('reports unknown enum values among the projected fields only', () => {
    const parsed = parseRecord('user', rawUser({ role: 'counselor' }), {
      validation: 'lenient',
      fields: ['givenName'],
    });
    expect(parsed).toMatchObject({ ok: true, unknownEnums: [] });
  });

  it('gives the same answer when the fields array is rebuilt for every record', () => {
    for (let round = 0; round < 3; round++) {
      const parsed = parseRecord('user', rawUser(), { validation: 'lenient', fields: ['sourcedId', 'role'] });
      expect(parsed.ok && parsed.record).toEqual({ sourcedId: 'user-1', role: 'student' });
    }
  });

  it('refuses an empty selection and the minimal preset for demographics', () => {
    expect(() => parseRecord('user', rawUser(), { validation: 'lenient', fields: [] })).toThrow(
      InvalidFieldsError,
    );
    // @ts-expect-error demographics have no minimal preset
    expect(() => parseRecord('demographics', {}, { validation: 'lenient', fields: 'minimal' })).toThrow(
      InvalidFieldsError,
    );
  });
});
