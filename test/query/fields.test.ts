import { describe, expect, it } from 'vitest';
import { ENTITY_SCHEMAS } from '../../src/models/v1p1/entities.js';
import { checkFieldSelection, MINIMAL_FIELDS, resolveFields } from '../../src/query/fields.js';
import { InvalidFieldsError } from '../../src/query/invalid-fields-error.js';

function thrown(action: () => unknown): InvalidFieldsError {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidFieldsError) return error;
    throw error;
  }
  throw new Error('expected an InvalidFieldsError');
}

describe('the minimal field preset', () => {
  it('holds exactly the agreed fields per collection', () => {
    const base = ['sourcedId', 'status', 'dateLastModified'];
    const sorted = (names: readonly string[]) => [...names].sort();
    expect(sorted(MINIMAL_FIELDS.org)).toEqual(sorted([...base, 'name', 'type', 'identifier', 'parent']));
    expect(sorted(MINIMAL_FIELDS.user)).toEqual(
      sorted([
        ...base,
        'givenName',
        'familyName',
        'email',
        'role',
        'grades',
        'orgs',
        'identifier',
        'username',
        'enabledUser',
      ]),
    );
    expect(sorted(MINIMAL_FIELDS.class)).toEqual(
      sorted([...base, 'title', 'classCode', 'course', 'periods', 'school', 'terms']),
    );
    expect(sorted(MINIMAL_FIELDS.course)).toEqual(sorted([...base, 'title', 'courseCode', 'org']));
    expect(sorted(MINIMAL_FIELDS.academicSession)).toEqual(
      sorted([...base, 'title', 'type', 'startDate', 'endDate', 'schoolYear', 'parent']),
    );
    expect(sorted(MINIMAL_FIELDS.enrollment)).toEqual(
      sorted([...base, 'user', 'class', 'school', 'role', 'primary', 'beginDate', 'endDate']),
    );
  });

  it('never includes passwords, phone numbers or demographics', () => {
    expect(MINIMAL_FIELDS.user).not.toContain('password');
    expect(MINIMAL_FIELDS.user).not.toContain('phone');
    expect(MINIMAL_FIELDS.user).not.toContain('sms');
    expect(MINIMAL_FIELDS).not.toHaveProperty('demographics');
  });

  it('names only fields the schemas know', () => {
    for (const [entity, names] of Object.entries(MINIMAL_FIELDS)) {
      const shape = ENTITY_SCHEMAS[entity as keyof typeof MINIMAL_FIELDS].shape;
      for (const name of names) expect(Object.hasOwn(shape, name), `${entity}.${name}`).toBe(true);
    }
  });
});

describe('resolveFields', () => {
  it('gives undefined when no fields were asked for', () => {
    expect(resolveFields('user', undefined)).toBeUndefined();
  });

  it('expands the minimal preset', () => {
    expect(resolveFields('course', 'minimal')).toEqual(MINIMAL_FIELDS.course);
  });

  it('returns a valid list as the same array, and de-duplicates', () => {
    const fields = ['sourcedId', 'givenName'] as const;
    expect(resolveFields('user', fields)).toBe(fields);
    expect(resolveFields('user', ['sourcedId', 'givenName', 'sourcedId'])).toEqual([
      'sourcedId',
      'givenName',
    ]);
  });

  it('refuses an empty list, which the spec answers with 400', () => {
    const error = thrown(() => resolveFields('user', []));
    expect(error.reason).toBe('empty');
    expect(error.entity).toBe('user');
    expect(error.name).toBe('InvalidFieldsError');
  });

  it('refuses the minimal preset for demographics', () => {
    // @ts-expect-error demographics have no minimal preset
    expect(thrown(() => resolveFields('demographics', 'minimal')).reason).toBe('no-minimal-preset');
  });

  it('refuses a field the entity does not have, naming it', () => {
    const error = thrown(() => checkFieldSelection('user', ['sourcedId', 'birthDate']));
    expect(error).toMatchObject({ reason: 'unknown-field', field: 'birthDate' });
  });

  it('refuses names that would change the query', () => {
    expect(thrown(() => checkFieldSelection('user', ['givenName,password'])).reason).toBe('invalid-name');
    expect(thrown(() => checkFieldSelection('user', [''])).reason).toBe('invalid-name');
    expect(thrown(() => checkFieldSelection('user', 'givenName' as never)).reason).toBe('invalid-name');
  });
});
