import { describe, expect, it } from 'vitest';
import type { RosterRecord } from '../../src/sync/index.js';
import type { StoreHarnessFactory } from './store-harness.js';
import { dumpAll, TENANT, useFixtures } from './sync-helpers.js';

const PULLED = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const;

/** Records per referenced school, as a dry run groups users. */
function usersBySchool(users: RosterRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const user of users) {
    const schools = new Set((user['orgs'] as { sourcedId: string }[]).map((org) => org.sourcedId));
    for (const school of schools) counts[school] = (counts[school] ?? 0) + 1;
  }
  return counts;
}

/** Dry runs and field selection (privacy) over one store kind. */
export function previewScenarios(factory: StoreHarnessFactory): void {
  const { fixture } = useFixtures(factory);

  describe('a dry run', () => {
    it('reports what would change, per collection and per school, and writes nothing', async () => {
      const f = fixture();
      await f.sync();
      const last = await f.store.lastFullSync(TENANT);
      const before = await dumpAll(f.store);
      const watermark = await f.store.getWatermark(TENANT, 'users');
      f.district.mutate.update('users', f.ids('users')[1]!, { givenName: 'Renamed' });
      f.district.mutate.delete('users', f.ids('users')[3]!);
      f.district.mutate.insert('users');
      const preview = await f.sync({ dryRun: true });
      expect(preview.dryRun).toBe(true);
      expect(preview.collections.users).toMatchObject({
        inserted: 1,
        updated: 1,
        tombstoned: 1,
        blocked: undefined,
      });
      expect(preview.collections.users?.schools).toEqual({
        bySchool: usersBySchool(f.records('users')),
        withoutSchool: 0,
      });
      const schools = f.records('orgs').filter((org) => org['type'] === 'school');
      expect(preview.collections.orgs?.schools).toEqual({
        bySchool: Object.fromEntries(schools.map((school) => [school.sourcedId, 1])),
        withoutSchool: 1,
      });
      expect(await dumpAll(f.store)).toEqual(before);
      expect(await f.store.lastFullSync(TENANT)).toEqual(last);
      expect(await f.store.getWatermark(TENANT, 'users')).toBe(watermark);
    });

    it('previews a first sync, and reports a blocked mass deletion instead of throwing', async () => {
      const f = fixture();
      const first = await f.sync({ dryRun: true });
      expect(first.collections.users?.inserted).toBe(30);
      expect(await f.store.count(TENANT, 'users')).toBe(0);
      await f.sync();
      for (const id of f.ids('users')) f.district.mutate.delete('users', id);
      const preview = await f.sync({ dryRun: true });
      expect(preview.collections.users?.blocked).toMatchObject({ reason: 'empty', stored: 30 });
      expect(await f.store.count(TENANT, 'users', { status: 'active' })).toBe(30);
    });
  });

  describe('field selection', () => {
    it('never asks for demographics, passwords, phone numbers or sms with fields: minimal', async () => {
      const f = fixture();
      await f.sync({ fields: 'minimal' });
      const asked = f.mock.stats.fieldsRequested;
      expect(Object.keys(asked).sort()).toEqual([...PULLED].sort());
      for (const fields of Object.values(asked)) {
        expect(fields).not.toContain('*');
        for (const secret of ['password', 'phone', 'sms', 'birthDate', 'agents'])
          expect(fields).not.toContain(secret);
      }
      const user = await f.store.get(TENANT, 'users', f.ids('users')[0]!);
      expect(user?.sourcedId).toBeDefined();
      for (const secret of ['password', 'phone', 'sms']) expect(user).not.toHaveProperty(secret);
    });

    it('adds sourcedId, status and dateLastModified to per-collection lists', async () => {
      const f = fixture();
      await f.sync({ collections: ['users'], fields: { users: ['givenName'] } });
      expect([...(f.mock.stats.fieldsRequested['users'] ?? [])].sort()).toEqual([
        'dateLastModified',
        'givenName',
        'sourcedId',
        'status',
      ]);
    });

    it('refuses demographics under fields: minimal unless their fields are named, before any request', async () => {
      const f = fixture();
      await expect(f.sync({ fields: 'minimal', collections: ['users', 'demographics'] })).rejects.toThrow(
        TypeError,
      );
      expect(f.requests).toHaveLength(0);
      const named = await f.sync({
        fields: { default: 'minimal', demographics: ['sex'] },
        collections: ['users', 'demographics'],
      });
      expect(named.collections.demographics?.inserted).toBe(f.records('demographics').length);
      expect([...(f.mock.stats.fieldsRequested['demographics'] ?? [])].sort()).toEqual([
        'dateLastModified',
        'sex',
        'sourcedId',
        'status',
      ]);
    });
  });
}
