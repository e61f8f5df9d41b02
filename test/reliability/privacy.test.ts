import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_COLLECTIONS, type SyncCollectionName } from '../../src/sync/index.js';
import { CLIENT_SECRET, findLeaks, TENANT, useReliabilityHarness } from './harness.js';

/** The collections a default sync pulls, and the demographics it leaves out by default. */
const WITH_DEMOGRAPHICS: SyncCollectionName[] = [...DEFAULT_SYNC_COLLECTIONS, 'demographics'];
/** The demographics fields named below, with the key, status and watermark every stored record needs. */
const STORED_DEMOGRAPHICS = ['sourcedId', 'status', 'dateLastModified', 'birthDate', 'sex'];

const { scenario } = useReliabilityHarness();

describe('privacy of a sync', () => {
  it("refuses, before any request, a fields: 'minimal' run that asks for demographics without naming their fields", async () => {
    const s = await scenario({ client: { pageSize: 50 } });
    const error = await s.syncFailure({ fields: 'minimal', collections: WITH_DEMOGRAPHICS });

    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/demographics/);
    expect(s.provider.stats.byRoute).toEqual({});
    expect(s.provider.stats.fieldsRequested).toEqual({});
    expect(await s.store.count(TENANT, 'demographics')).toBe(0);
  });

  it('asks for and stores only the demographics fields named, and minimal fields elsewhere', async () => {
    const s = await scenario({ client: { pageSize: 50 } });
    const fields = { default: 'minimal', demographics: ['birthDate', 'sex'] } as const;
    const result = await s.sync({ fields, collections: WITH_DEMOGRAPHICS });

    const { fieldsRequested } = s.provider.stats;
    expect(result.collections.demographics?.received).toBe(s.district.count('demographics'));
    expect(result.collections.users?.received).toBe(30);
    // No race, no birthplace: only what was named.
    expect([...(fieldsRequested['demographics'] ?? [])].sort()).toEqual([...STORED_DEMOGRAPHICS].sort());
    expect(fieldsRequested['users']).toEqual(expect.arrayContaining(['sourcedId', 'givenName', 'orgs']));
    for (const collection of Object.keys(fieldsRequested)) {
      for (const field of ['password', 'phone', 'sms', 'agents', 'white', 'asian', 'cityOfBirth', '*']) {
        expect(fieldsRequested[collection], `${collection} asked for ${field}`).not.toContain(field);
      }
    }
    for await (const record of s.store.iterate(TENANT, 'demographics')) {
      for (const key of Object.keys(record)) expect(STORED_DEMOGRAPHICS).toContain(key);
    }
    for await (const user of s.store.iterate(TENANT, 'users')) expect(user).not.toHaveProperty('password');
    expect(await s.storeHash()).toBe(await s.cleanHash({ fields, collections: WITH_DEMOGRAPHICS }));
  });

  it('knows every credential that crossed the wire, and would catch one in the captured output', async () => {
    const s = await scenario({ faults: [{ type: 'tokenRevoked', path: '/users', nth: 2 }] });
    await s.sync();
    const { secrets, names } = s.forbidden();
    const sent = [...new Set(s.exchanges.flatMap((exchange) => exchange.authorization ?? []))];
    const bearers = sent.filter((value) => value.startsWith('Bearer '));

    // Basic credentials for the token endpoint, and two bearer tokens (before and after the 401).
    expect(sent.filter((value) => value.startsWith('Basic '))).toHaveLength(1);
    expect(bearers).toHaveLength(2);
    expect(secrets).toEqual(expect.arrayContaining([CLIENT_SECRET, ...sent]));
    expect(names.length).toBeGreaterThan(60);
    expect(s.output().length).toBeGreaterThan(50);
    expect(findLeaks(s.output(), secrets, names)).toEqual([]);

    const token = (bearers[0] as string).slice('Bearer '.length);
    const [givenName, familyName] = names;
    expect(findLeaks([`{"url":"https://sis/users?access_token=${token}"}`], secrets, names)).not.toEqual([]);
    expect(findLeaks([`Sync failed for ${givenName} ${familyName}`], secrets, names)).toHaveLength(2);
    expect(findLeaks([`sent ${encodeURIComponent(CLIENT_SECRET)}`], secrets, names)).not.toEqual([]);
  });
});
