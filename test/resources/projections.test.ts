import { describe, expect, it } from 'vitest';
import { createOneRosterClient } from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

const client = createOneRosterClient({
  baseUrl: 'https://sis.test/ims/oneroster/v1p1',
  auth: staticBearer('t'),
});

// The projected item types are checked in projections.test-d.ts; here, what a plain-JavaScript caller meets.
describe('projections through the client', () => {
  it('refuses an unknown field name and minimal for demographics, at compile time and at run time', () => {
    // @ts-expect-error 'nickname' is not a User field
    expect(() => client.users.list({ fields: ['sourcedId', 'nickname'] })).toThrow(/nickname/);
    // @ts-expect-error demographics have no minimal preset
    expect(() => client.demographics.list({ fields: 'minimal' })).toThrow(/minimal/);
    // @ts-expect-error sort takes a field of the entity
    client.classes.list({ sort: 'givenName' });
  });
});
