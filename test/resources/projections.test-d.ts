import { describe, expectTypeOf, it } from 'vitest';
import { createOneRosterClient, type Enrollment, type RecordPull, type User } from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

// Type-checked by vitest (typecheck, test/**/*.test-d.ts), never run: a wrong projection fails the suite.
const client = createOneRosterClient({
  baseUrl: 'https://sis.test/ims/oneroster/v1p1',
  auth: staticBearer('t'),
});

describe('typed projections through the client', () => {
  it('narrows list items to the fields asked for', () => {
    const pull = client.students.list({ fields: ['sourcedId', 'givenName', 'familyName', 'grades'] });
    expectTypeOf(pull).toEqualTypeOf<
      RecordPull<Pick<User, 'sourcedId' | 'givenName' | 'familyName' | 'grades'>>
    >();
  });

  it('gives the whole record without fields, and the preset with minimal', () => {
    expectTypeOf(client.enrollments.list()).toEqualTypeOf<RecordPull<Enrollment>>();
    type Minimal = Awaited<ReturnType<typeof client.users.get<'minimal'>>>;
    expectTypeOf<Minimal>().toHaveProperty('givenName');
    expectTypeOf<Minimal>().not.toHaveProperty('password');
    expectTypeOf<Minimal>().not.toHaveProperty('phone');
  });

  it('narrows nested collections and single reads too', async () => {
    expectTypeOf(client.classes.students('c1', { fields: ['sourcedId', 'email'] })).toEqualTypeOf<
      RecordPull<Pick<User, 'sourcedId' | 'email'>>
    >();
    expectTypeOf(client.users.get).parameter(0).toBeString();
  });
});
