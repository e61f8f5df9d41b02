import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { syncRoster } from '../../../src/sync/index.js';
import { generateDistrict, type RosterRecord } from '../../../src/testing/index.js';
import { itWithPostgres, postgresUrl } from '../../helpers/postgres-url.js';
import { memoryHarness, postgresHarness, type StoreHarnessFactory, sqliteHarness } from '../store-harness.js';
import { useMsw } from '../sync-helpers.js';
import { clientFor, idsOf, normaliseRoster, serveDistrict, storedRoster } from './versions-kit.js';

const server = useMsw();

/**
 * One district (with a teacher at two schools and a tombstone) served as 1.1 and as
 * 1.2, each synced into a store of `harness`'s kind, for each field selection.
 */
async function syncBoth(harness: StoreHarnessFactory, seed: number) {
  const district = generateDistrict({ preset: 'tiny', seed });
  const teacher = [...district.records('users')].find((user) => user.role === 'teacher') as RosterRecord;
  const secondSchool = district.generate('orgs', 2);
  district.mutate.update('users', teacher.sourcedId, {
    orgs: [
      ...(teacher.orgs as unknown[]),
      {
        href: `/ims/oneroster/v1p1/orgs/${secondSchool.sourcedId}`,
        sourcedId: secondSchool.sourcedId,
        type: 'org',
      },
    ],
  });
  district.mutate.tombstone('users', district.generate('users', 3).sourcedId);
  const v1p1 = serveDistrict(server, district, { baseUrl: `https://v1p1-${seed}.example.org` });
  const v1p2 = serveDistrict(server, district, {
    baseUrl: `https://v1p2-${seed}.example.org`,
    version: '1.2',
  });
  const stores = harness();
  try {
    const results = [];
    for (const fields of ['minimal', undefined] as const) {
      // One store, a tenant per version: each tenant keeps the version it was synced with.
      const store = stores.open();
      const tenants = { old: `v1p1-${fields ?? 'all'}`, current: `v1p2-${fields ?? 'all'}` };
      const options = { store, mode: 'full' as const, ...(fields ? { fields } : {}) };
      const old = clientFor(v1p1, '1.1', { pageSize: 7 });
      const current = clientFor(v1p2, '1.2', { pageSize: 7 });
      await syncRoster({ client: old, tenant: tenants.old, ...options });
      await syncRoster({ client: current, tenant: tenants.current, ...options });
      results.push({
        fields,
        old: await storedRoster(store, tenants.old),
        current: await storedRoster(store, tenants.current),
        versions: [
          (await store.lastFullSync(tenants.old))?.version,
          (await store.lastFullSync(tenants.current))?.version,
        ],
      });
    }
    return { results, teacher };
  } finally {
    await stores.cleanup();
  }
}

/** The comparison every store kind must pass. */
async function expectSameRoster(harness: StoreHarnessFactory, seed: number): Promise<void> {
  const { results, teacher } = await syncBoth(harness, seed);
  for (const { fields, old, current, versions } of results) {
    const what = `fields: ${fields ?? 'every field'}`;
    expect(versions, what).toEqual(['1.1', '1.2']);
    expect(idsOf(current), what).toEqual(idsOf(old));
    // Not the same records stored twice: the 1.2 store holds 1.2 users.
    const user = current.users.find((record) => record.sourcedId === teacher.sourcedId);
    expect(user?.['roles'], what).toEqual([
      expect.objectContaining({ roleType: 'primary', role: 'teacher' }),
      expect.objectContaining({ roleType: 'secondary', role: 'teacher' }),
    ]);
    expect(user, what).not.toHaveProperty('orgs');
    expect(
      old.users.find((record) => record.sourcedId === teacher.sourcedId),
      what,
    ).not.toHaveProperty('roles');
    expect(normaliseRoster(current), what).toEqual(normaliseRoster(old));
    expect(
      current.users.filter((record) => record.status === 'tobedeleted'),
      what,
    ).toHaveLength(1);
  }
}

describe('one district synced as 1.1 and as 1.2 holds the same roster once normalised', () => {
  it('in the memory store', () => expectSameRoster(memoryHarness, 31));
  it('in the SQLite store', () => expectSameRoster(sqliteHarness, 32));
  const admin =
    postgresUrl === undefined ? undefined : new pg.Pool({ connectionString: postgresUrl, max: 2 });
  afterAll(() => admin?.end());
  itWithPostgres('in the PostgreSQL store', async (url) => {
    if (admin === undefined) throw new Error('no admin pool');
    await expectSameRoster(postgresHarness(url, admin, 'versions_same'), 33);
  });
});
