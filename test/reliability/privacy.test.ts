import { describe, expect, it } from 'vitest';
import { CLIENT_SECRET, findLeaks, useReliabilityHarness } from './harness.js';

const { scenario } = useReliabilityHarness();

describe('privacy of a sync', () => {
  it("never requests demographics, passwords, phone numbers or sms with fields: 'minimal'", async () => {
    const s = await scenario({ client: { pageSize: 50 } });
    const result = await s.sync({ fields: 'minimal' });

    const { fieldsRequested, byRoute } = s.provider.stats;
    expect(result.collections.users?.received).toBe(30);
    expect(fieldsRequested['users']).toEqual(expect.arrayContaining(['sourcedId', 'givenName', 'orgs']));
    for (const collection of Object.keys(fieldsRequested)) {
      for (const field of ['password', 'phone', 'sms', 'agents', '*']) {
        expect(fieldsRequested[collection], `${collection} asked for ${field}`).not.toContain(field);
      }
    }
    expect(fieldsRequested['demographics']).toBeUndefined();
    expect(Object.keys(byRoute).filter((route) => route.includes('demographics'))).toEqual([]);
    for await (const user of s.store.iterate('district-7', 'users')) {
      expect(user).not.toHaveProperty('password');
    }
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
