import { describe, expectTypeOf, it } from 'vitest';
import {
  type AnyOneRosterClient,
  createOneRosterClient,
  type EntityProjection,
  type FieldName,
  type OneRosterClient,
  type OneRosterVersion,
  type Projection,
  parseRecord,
  type RecordPull,
  type User,
  type UserRoleAssignment,
} from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

// Type-checked by vitest (typecheck, test/**/*.test-d.ts), never run.
const auth = staticBearer('t');
const client11 = createOneRosterClient({ baseUrl: 'https://sis.test/ims/oneroster/v1p1', auth });
const client12 = createOneRosterClient({
  baseUrl: 'https://sis.test/ims/oneroster/rostering/v1p2',
  auth,
  version: '1.2',
});

describe('the client type follows `version`', () => {
  it('is a 1.1 client without one and a 1.2 client with version 1.2', () => {
    expectTypeOf(client11).toEqualTypeOf<OneRosterClient<'1.1'>>();
    expectTypeOf(client11).toEqualTypeOf<OneRosterClient>();
    expectTypeOf(client12).toEqualTypeOf<OneRosterClient<'1.2'>>();
    expectTypeOf(client12.version).toEqualTypeOf<'1.2'>();
    expectTypeOf(client12.options.version).toEqualTypeOf<'1.2'>();
  });

  it('is either client for a version known at run time, told apart by client.version', () => {
    const version = 'x'.length > 0 ? ('1.2' as OneRosterVersion) : '1.1';
    const client = createOneRosterClient({ baseUrl: 'https://sis.test', auth, version });
    expectTypeOf(client).toEqualTypeOf<AnyOneRosterClient>();
    if (client.version === '1.2') expectTypeOf(client.users.list()).toEqualTypeOf<RecordPull<User<'1.2'>>>();
  });
});

describe('1.2 projections at compile time', () => {
  it('reads whole 1.2 users, with roles and no role', () => {
    expectTypeOf(client12.users.list()).toEqualTypeOf<RecordPull<User<'1.2'>>>();
    expectTypeOf<User<'1.2'>['roles']>().toEqualTypeOf<UserRoleAssignment[]>();
    expectTypeOf<User<'1.2'>>().not.toHaveProperty('role');
    expectTypeOf<User<'1.2'>>().not.toHaveProperty('orgs');
    expectTypeOf<User<'1.2'>['preferredFirstName']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<UserRoleAssignment['roleType']>().toEqualTypeOf<'primary' | 'secondary'>();
  });

  it('may name roles and the other 1.2 fields', () => {
    expectTypeOf(client12.users.list({ fields: ['sourcedId', 'roles', 'pronouns'] })).toEqualTypeOf<
      RecordPull<Pick<User<'1.2'>, 'sourcedId' | 'roles' | 'pronouns'>>
    >();
    expectTypeOf(client12.classes.students('k1', { fields: ['roles'] })).toEqualTypeOf<
      RecordPull<Pick<User<'1.2'>, 'roles'>>
    >();
    client12.users.list({ sort: 'preferredLastName' });
  });

  it('may not name role or orgs', () => {
    // @ts-expect-error `role` is not a 1.2 user field
    client12.users.list({ fields: ['sourcedId', 'role'] });
    // @ts-expect-error `orgs` is not a 1.2 user field
    client12.students.get('u1', { fields: ['orgs'] });
    expectTypeOf<'role'>().not.toExtend<FieldName<'user', '1.2'>>();
    expectTypeOf<'roles'>().toExtend<FieldName<'user', '1.2'>>();
    expectTypeOf<'roles'>().not.toExtend<FieldName<'user'>>();
  });

  it('narrows the 1.2 minimal preset to roles', () => {
    type Minimal = EntityProjection<'user', 'minimal', '1.2'>;
    expectTypeOf<Minimal>().toHaveProperty('roles');
    expectTypeOf<Minimal>().not.toHaveProperty('role');
    expectTypeOf<Minimal>().not.toHaveProperty('password');
    expectTypeOf(client12.users.list({ fields: 'minimal' })).toEqualTypeOf<RecordPull<Minimal>>();
    expectTypeOf<Projection<User<'1.2'>, 'minimal'>>().toEqualTypeOf<Minimal>();
  });
});

describe('1.1 projections at compile time', () => {
  it('may not name a 1.2-only field', () => {
    // @ts-expect-error `roles` is not a 1.1 user field
    client11.users.list({ fields: ['sourcedId', 'roles'] });
    // @ts-expect-error `preferredFirstName` is not a 1.1 user field
    client11.users.list({ fields: ['preferredFirstName'] });
    // @ts-expect-error nor a sort field
    client11.users.list({ sort: 'pronouns' });
    expectTypeOf(client11.users.list({ fields: ['role', 'orgs'] })).toEqualTypeOf<
      RecordPull<Pick<User, 'role' | 'orgs'>>
    >();
  });
});

describe('parseRecord by version', () => {
  it('types the record by the version asked for', () => {
    const parsed12 = parseRecord('user', {}, { version: '1.2' });
    if (parsed12.ok) expectTypeOf(parsed12.record).toEqualTypeOf<User<'1.2'>>();
    const parsed11 = parseRecord('user', {}, { validation: 'strict' });
    if (parsed11.ok) expectTypeOf(parsed11.record).toEqualTypeOf<User>();
    const projected = parseRecord('user', {}, { version: '1.2', fields: ['roles'] });
    if (projected.ok) expectTypeOf(projected.record).toEqualTypeOf<Pick<User<'1.2'>, 'roles'>>();
    // @ts-expect-error `role` is not a 1.2 user field
    parseRecord('user', {}, { version: '1.2', fields: ['role'] });
  });
});
