import { describe, expectTypeOf, it } from 'vitest';
import type { Demographics } from '../../src/models/v1p1/demographics.js';
import type { User } from '../../src/models/v1p1/user.js';
import type { FieldSelection } from '../../src/query/fields.js';
import type { EntityProjection, Projection } from '../../src/query/projection.js';

// Type-checked by vitest (typecheck, test/**/*.test-d.ts), never run: a wrong projection fails the suite.

/** Stands in for a list() call: a const type parameter keeps the literal field names. */
function listUsers<const F extends FieldSelection<'user'> | undefined = undefined>(_options?: {
  fields?: F;
}): EntityProjection<'user', F>[] {
  return [];
}

describe('typed projections', () => {
  it('narrows the item type to the projected fields', () => {
    const rows = listUsers({ fields: ['sourcedId', 'givenName'] });
    expectTypeOf(rows[0]!).toEqualTypeOf<Pick<User, 'sourcedId' | 'givenName'>>();
    expectTypeOf<Projection<User, readonly ['familyName']>>().toEqualTypeOf<Pick<User, 'familyName'>>();
  });

  it('rejects an unknown field name at compile time', () => {
    // @ts-expect-error `givenNmae` is not a field of User
    listUsers({ fields: ['sourcedId', 'givenNmae'] });
    expectTypeOf<FieldSelection<'user'>>().not.toEqualTypeOf<readonly string[]>();
  });

  it('narrows to the minimal preset', () => {
    const rows = listUsers({ fields: 'minimal' });
    expectTypeOf(rows[0]!).toEqualTypeOf<
      Pick<
        User,
        | 'sourcedId'
        | 'status'
        | 'dateLastModified'
        | 'givenName'
        | 'familyName'
        | 'email'
        | 'role'
        | 'grades'
        | 'orgs'
        | 'identifier'
        | 'username'
        | 'enabledUser'
      >
    >();
    expectTypeOf(rows[0]!).not.toHaveProperty('password');
  });

  it('gives the full type without fields', () => {
    expectTypeOf(listUsers()[0]!).toEqualTypeOf<User>();
    expectTypeOf(listUsers({})[0]!).toEqualTypeOf<User>();
  });

  it('has no minimal preset for demographics', () => {
    expectTypeOf<'minimal'>().not.toExtend<FieldSelection<'demographics'>>();
    expectTypeOf<Projection<Demographics, readonly ['sex']>>().toEqualTypeOf<Pick<Demographics, 'sex'>>();
  });

  it('types normalised fields as the SDK outputs them', () => {
    expectTypeOf<User['enabledUser']>().toEqualTypeOf<boolean>();
    expectTypeOf<User['status']>().toEqualTypeOf<'active' | 'tobedeleted'>();
    expectTypeOf<User['email']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<'counselor'>().toExtend<User['role']>();
    expectTypeOf<'student'>().toExtend<User['role']>();
  });
});
