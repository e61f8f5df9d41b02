import { describe, expectTypeOf, it } from 'vitest';
import { type AnyOneRosterClient, createOneRosterClient, type OneRosterVersion } from '../../../src/index.js';
import { createMemoryStore, type SyncOptions, syncRoster } from '../../../src/sync/index.js';
import { staticBearer } from '../../helpers/static-auth.js';

// Type-checked by vitest (typecheck, test/**/*.test-d.ts), never run.
const auth = staticBearer('t');
const store = createMemoryStore();
const tenant = 'district-7';
const client11 = createOneRosterClient({ baseUrl: 'https://sis.test/ims/oneroster/v1p1', auth });
const client12 = createOneRosterClient({
  baseUrl: 'https://sis.test/ims/oneroster/rostering/v1p2',
  auth,
  version: '1.2',
});
const version = 'x'.length > 0 ? ('1.2' as OneRosterVersion) : '1.1';
const either: AnyOneRosterClient = createOneRosterClient({ baseUrl: 'https://sis.test', auth, version });

describe("syncRoster's field lists follow the client's OneRoster version", () => {
  it('takes a client of either version, and `minimal` with each', () => {
    expectTypeOf(syncRoster({ client: client11, store, tenant, fields: 'minimal' })).resolves.toHaveProperty(
      'version',
    );
    syncRoster({ client: client12, store, tenant, fields: 'minimal', versionSwitch: 'allow' });
    syncRoster({ client: either, store, tenant, fields: 'minimal' });
  });

  it('lets a 1.2 list name roles and a 1.1 list role and orgs, never the other way round', () => {
    syncRoster({ client: client12, store, tenant, fields: { users: ['sourcedId', 'roles', 'pronouns'] } });
    syncRoster({ client: client11, store, tenant, fields: { users: ['sourcedId', 'role', 'orgs'] } });
    // @ts-expect-error `role` is not a field of a 1.2 user
    syncRoster({ client: client12, store, tenant, fields: { users: ['sourcedId', 'role'] } });
    // @ts-expect-error `roles` is not a field of a 1.1 user
    syncRoster({ client: client11, store, tenant, fields: { users: ['sourcedId', 'roles'] } });
  });

  it('lets a client of a version known only at run time name the fields both versions have', () => {
    syncRoster({ client: either, store, tenant, fields: { users: ['sourcedId', 'givenName'] } });
    // @ts-expect-error `orgs` is a 1.1 field only
    syncRoster({ client: either, store, tenant, fields: { users: ['sourcedId', 'orgs'] } });
  });

  it('types the options by version, 1.1 by default', () => {
    expectTypeOf<NonNullable<SyncOptions['client']>>().toEqualTypeOf<typeof client11>();
    expectTypeOf<NonNullable<SyncOptions<'1.2'>['client']>>().toEqualTypeOf<typeof client12>();
    expectTypeOf<SyncOptions['legacyIdOf']>().parameter(0).toHaveProperty('sourcedId');
  });
});
