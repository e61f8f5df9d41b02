import { describe, expect, expectTypeOf, it } from 'vitest';
import { createOneRosterClient, type Enrollment, type User } from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

const client = createOneRosterClient({
  baseUrl: 'https://sis.test/ims/oneroster/v1p1',
  auth: staticBearer('t'),
});

describe('typed projections through the client', () => {
  it('narrows list items to the fields asked for', () => {
    const pull = client.students.list({ fields: ['sourcedId', 'givenName', 'familyName', 'grades'] });
    expectTypeOf(pull).toEqualTypeOf<
      import('../../src/index.js').RecordPull<Pick<User, 'sourcedId' | 'givenName' | 'familyName' | 'grades'>>
    >();
  });

  it('gives the whole record without fields, and the preset with minimal', () => {
    expectTypeOf(client.enrollments.list()).toEqualTypeOf<
      import('../../src/index.js').RecordPull<Enrollment>
    >();
    type Minimal = Awaited<ReturnType<typeof client.users.get<'minimal'>>>;
    expectTypeOf<Minimal>().toHaveProperty('givenName');
    expectTypeOf<Minimal>().not.toHaveProperty('password');
    expectTypeOf<Minimal>().not.toHaveProperty('phone');
  });

  it('narrows nested collections and single reads too', async () => {
    expectTypeOf(client.classes.students('c1', { fields: ['sourcedId', 'email'] })).toEqualTypeOf<
      import('../../src/index.js').RecordPull<Pick<User, 'sourcedId' | 'email'>>
    >();
    expectTypeOf(client.users.get).parameter(0).toBeString();
  });

  it('refuses an unknown field name and minimal for demographics, at compile time and at run time', () => {
    // @ts-expect-error 'nickname' is not a User field
    expect(() => client.users.list({ fields: ['sourcedId', 'nickname'] })).toThrow(/nickname/);
    // @ts-expect-error demographics have no minimal preset
    expect(() => client.demographics.list({ fields: 'minimal' })).toThrow(/minimal/);
    // @ts-expect-error sort takes a field of the entity
    client.classes.list({ sort: 'givenName' });
  });
});
