import { describe, expect, it } from 'vitest';
import type { OneRosterEvent } from '../../../src/index.js';
import { DEFAULT_SYNC_COLLECTIONS, type SyncCollectionName, syncRoster } from '../../../src/sync/index.js';
import { generateDistrict } from '../../../src/testing/index.js';
import { providerRoster } from '../../helpers/provider-roster.js';
import { memoryHarness, sqliteHarness } from '../store-harness.js';
import { useMsw } from '../sync-helpers.js';
import {
  clientFor,
  listMinimal,
  normaliseRecord,
  normaliseRoster,
  serveDistrict,
  storedRoster,
} from './versions-kit.js';

const server = useMsw();
const TENANT = 'edfi-district';

/** A district big enough that Ed-Fi's 500-record pages clamp the client's 1,000. */
const district = generateDistrict({ preset: 'small', seed: 21 });
const edfi = () => serveDistrict(server, district, { baseUrl: 'https://edfi.example.org', profile: 'edfi' });

/** Every status the mock answered with, counted. */
function statuses(events: readonly OneRosterEvent[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const event of events) {
    if (event.type === 'response' && event.status !== undefined) {
      counts[event.status] = (counts[event.status] ?? 0) + 1;
    }
  }
  return counts;
}

describe.each(['lenient', 'strict'] as const)(
  "a 1.2 client on Ed-Fi's OneRoster server, %s",
  (validation) => {
    it('pulls every record of every collection with the minimal preset, none refused or quarantined', async () => {
      const mock = edfi();
      const events: OneRosterEvent[] = [];
      const client = clientFor(mock, '1.2', { validation, events });
      const expected = normaliseRoster(providerRoster(district, { fields: 'minimal' }));
      for (const collection of [
        'orgs',
        'academicSessions',
        'courses',
        'classes',
        'users',
        'enrollments',
      ] as const) {
        const { records, summary } = await listMinimal(client, collection);
        expect(summary, collection).toMatchObject({ complete: true, quarantined: 0, duplicates: 0 });
        const sorted = records
          .map((record) => normaliseRecord(collection, record))
          .sort((a, b) => (String(a['sourcedId']) < String(b['sourcedId']) ? -1 : 1));
        expect(sorted, collection).toEqual(expected[collection]);
      }
      expect(Object.keys(statuses(events))).toEqual(['200']);
      expect(mock.stats.fieldsRequested['users']).toContain('roles');
      expect(mock.stats.fieldsRequested['users']).not.toContain('orgs');
      expect(district.count('enrollments')).toBeGreaterThan(500);
    });

    it('reads one record of each collection from its singular envelope, demographics included', async () => {
      const client = clientFor(edfi(), '1.2', { validation });
      const idOf = (collection: 'orgs' | 'users' | 'enrollments' | 'demographics') =>
        district.generate(collection, 2).sourcedId;
      expect((await client.orgs.get(idOf('orgs'))).sourcedId).toBe(idOf('orgs'));
      expect((await client.users.get(idOf('users'))).roles.length).toBeGreaterThan(0);
      expect((await client.enrollments.get(idOf('enrollments'))).sourcedId).toBe(idOf('enrollments'));
      // Ed-Fi answers {"demographic": {...}}, not the collection's key.
      expect((await client.demographics.get(idOf('demographics'))).sourcedId).toBe(idOf('demographics'));
    });
  },
);

describe.each(['lenient', 'strict'] as const)("syncRoster on Ed-Fi's OneRoster server, %s", (validation) => {
  for (const harness of [memoryHarness, sqliteHarness]) {
    it(`stores the district as it is, with the minimal preset and with every field (${harness().name})`, async () => {
      const stores = harness();
      try {
        for (const fields of ['minimal', undefined] as const) {
          const mock = edfi();
          const client = clientFor(mock, '1.2', { validation });
          const store = stores.open();
          const tenant = `${TENANT}-${fields ?? 'all'}`;
          const result = await syncRoster({ client, store, tenant, ...(fields ? { fields } : {}) });
          expect(result).toMatchObject({ mode: 'full', version: '1.2', switchedFrom: undefined });
          for (const collection of DEFAULT_SYNC_COLLECTIONS) {
            expect(result.collections[collection], collection).toMatchObject({
              quarantined: 0,
              total: undefined,
              rekeyed: 0,
            });
          }
          const stored = await storedRoster(store, tenant);
          // Really the 1.2 shape: a stored user has roles and no role or orgs.
          expect(stored.users[0]).toHaveProperty('roles');
          expect(stored.users[0]).not.toHaveProperty('orgs');
          expect(normaliseRoster(stored)).toEqual(
            normaliseRoster(providerRoster(district, fields ? { fields } : {})),
          );
          expect((await store.lastFullSync(tenant))?.version).toBe('1.2');
        }
      } finally {
        await stores.cleanup();
      }
    });
  }

  it('follows a change with a delta filtered on dateLastModified, which Ed-Fi accepts', async () => {
    const changed = generateDistrict({ preset: 'tiny', seed: 22 });
    const mock = serveDistrict(server, changed, {
      baseUrl: 'https://edfi-delta.example.org',
      profile: 'edfi',
    });
    const client = clientFor(mock, '1.2', { validation });
    const stores = memoryHarness();
    const store = stores.open();
    await syncRoster({ client, store, tenant: TENANT, fields: 'minimal' });
    const user = changed.generate('users', 3);
    changed.mutate.update('users', user.sourcedId, { familyName: 'Okafor' });
    const delta = await syncRoster({ client, store, tenant: TENANT, fields: 'minimal' });
    expect(delta.mode).toBe('delta');
    const updated: Partial<Record<SyncCollectionName, number>> = {};
    for (const [collection, report] of Object.entries(delta.collections)) {
      updated[collection as SyncCollectionName] = report.updated;
    }
    expect(updated).toEqual({
      orgs: 0,
      academicSessions: 0,
      courses: 0,
      classes: 0,
      users: 1,
      enrollments: 0,
    });
    expect((await store.get(TENANT, 'users', user.sourcedId))?.['familyName']).toBe('Okafor');
    expect(normaliseRoster(await storedRoster(store, TENANT))).toEqual(
      normaliseRoster(providerRoster(changed, { fields: 'minimal' })),
    );
  });
});
