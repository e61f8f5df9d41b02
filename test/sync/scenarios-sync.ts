import { describe, expect, it } from 'vitest';
import { type SyncProgressEvent, syncRoster } from '../../src/sync/index.js';
import type { StoreHarnessFactory } from './store-harness.js';
import { dumpAll, TENANT, useFixtures } from './sync-helpers.js';

const PULLED = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const;

/** Full, delta, auto, dry-run and field-selection behaviour over one store kind. */
export function syncScenarios(factory: StoreHarnessFactory): void {
  const { fixture } = useFixtures(factory);

  describe('a full sync', () => {
    it('stores every collection of the district, orgs first and enrollments last', async () => {
      const f = fixture();
      const events: SyncProgressEvent[] = [];
      const result = await f.sync({ onProgress: (event) => events.push(event) });
      const started = events.filter((event) => event.type === 'collection-started').map((e) => e.collection);
      expect(started).toEqual([...PULLED]);
      expect(result).toMatchObject({ mode: 'full', modeReason: 'requested', dryRun: false, resumed: false });
      for (const collection of PULLED) {
        const size = f.records(collection).length;
        expect(await f.store.count(TENANT, collection)).toBe(size);
        expect(result.collections[collection]).toMatchObject({
          received: size,
          inserted: size,
          total: size,
          tombstoned: 0,
          deleted: 0,
          restarts: 0,
        });
      }
      expect(await f.store.count(TENANT, 'demographics')).toBe(0);
      expect(f.mock.stats.byRoute['/demographics']).toBeUndefined();
      const stamps = PULLED.flatMap((c) => f.records(c).map((r) => Date.parse(r.dateLastModified)));
      expect(result.watermark).toBe(new Date(Math.max(...stamps)).toISOString());
      expect(await f.store.lastFullSync(TENANT)).toMatchObject({ id: result.runId, status: 'succeeded' });
    });

    it('reports progress per collection: started, pages with received and total, committed, finished', async () => {
      const f = fixture();
      const events: SyncProgressEvent[] = [];
      await f.sync({ collections: ['users'], onProgress: (event) => events.push(event) });
      expect(events.map((event) => event.type)).toEqual([
        'collection-started',
        ...Array<string>(6).fill('page'),
        'collection-committed',
        'collection-finished',
      ]);
      expect(events[6]).toMatchObject({
        type: 'page',
        received: 30,
        total: 30,
        pages: 6,
        etaMs: expect.any(Number),
      });
    });

    it('counts updates, provider tombstones, hard deletes and inserts on the next full pull', async () => {
      const f = fixture();
      await f.sync();
      const [, updated, tombstoned, removed] = f.ids('users');
      f.district.mutate.update('users', updated!, { givenName: 'Renamed' });
      f.district.mutate.tombstone('users', tombstoned!);
      f.district.mutate.delete('users', removed!);
      const inserted = f.district.mutate.insert('users').sourcedId;
      const result = await f.sync();
      expect(result.collections.users).toMatchObject({
        inserted: 1,
        updated: 1,
        tombstoned: 2,
        deleted: 0,
        unchanged: 27,
      });
      expect(result.collections.orgs).toMatchObject({ unchanged: 3, inserted: 0, updated: 0 });
      expect((await f.store.get(TENANT, 'users', updated!))?.['givenName']).toBe('Renamed');
      expect((await f.store.get(TENANT, 'users', removed!))?.status).toBe('tobedeleted');
      expect((await f.store.get(TENANT, 'users', inserted))?.status).toBe('active');
      expect(await f.store.count(TENANT, 'users', { status: 'active' })).toBe(29);
    });

    it('removes retired records from the store with tombstones: delete', async () => {
      const f = fixture();
      await f.sync({ tombstones: 'delete' });
      const [, tombstoned, removed] = f.ids('users');
      f.district.mutate.tombstone('users', tombstoned!);
      f.district.mutate.delete('users', removed!);
      const result = await f.sync({ tombstones: 'delete' });
      expect(result.collections.users).toMatchObject({ tombstoned: 0, deleted: 2 });
      expect(await f.store.get(TENANT, 'users', tombstoned!)).toBeUndefined();
      expect(await f.store.get(TENANT, 'users', removed!)).toBeUndefined();
    });
  });

  describe('a delta sync', () => {
    it('leaves the store equal to a fresh full pull after updates, tombstones and inserts', async () => {
      const f = fixture();
      const full = await f.sync();
      f.district.mutate.update('users', f.ids('users')[4]!, { familyName: 'Changed' });
      f.district.mutate.tombstone('enrollments', f.ids('enrollments')[1]!);
      f.district.mutate.insert('users');
      f.district.mutate.update('classes', f.ids('classes')[2]!, { title: 'Renamed class' });
      const before = f.requests.length;
      const delta = await f.sync({ mode: 'delta' });
      const since = new Date(Date.parse(full.collections.users?.watermark ?? '') - 60_000).toISOString();
      const usersRequest = f.requests.slice(before).find((url) => url.pathname.endsWith('/users'));
      expect(usersRequest?.searchParams.get('filter')).toBe(`dateLastModified>'${since}'`);
      expect(delta.mode).toBe('delta');
      expect(delta.collections.users).toMatchObject({ inserted: 1, updated: 1, tombstoned: 0 });
      expect(delta.collections.enrollments).toMatchObject({ tombstoned: 1 });
      expect(delta.collections.classes).toMatchObject({ updated: 1 });
      const fresh = f.harness.open();
      await syncRoster({ client: f.client, store: fresh, tenant: 'fresh', mode: 'full' });
      expect(await dumpAll(f.store)).toEqual(await dumpAll(fresh, 'fresh'));
    });

    it('makes one request per collection for an unchanged district', async () => {
      const f = fixture();
      await f.sync();
      const before = f.requests.length;
      const delta = await f.sync({ mode: 'delta' });
      expect(f.requests.length - before).toBe(6);
      for (const report of Object.values(delta.collections)) {
        expect(report).toMatchObject({ inserted: 0, updated: 0, tombstoned: 0 });
      }
    });

    it('misses hard deletes, which the next full pull retires', async () => {
      const f = fixture();
      await f.sync();
      const removed = f.ids('users')[5]!;
      f.district.mutate.delete('users', removed);
      await f.sync({ mode: 'delta' });
      expect((await f.store.get(TENANT, 'users', removed))?.status).toBe('active');
      const full = await f.sync({ mode: 'full' });
      expect(full.collections.users?.tombstoned).toBe(1);
      expect((await f.store.get(TENANT, 'users', removed))?.status).toBe('tobedeleted');
    });
  });

  describe('auto mode', () => {
    it('runs a full pull first, deltas next, and a full pull again after fullSyncEveryMs', async () => {
      let now = Date.parse('2026-11-23T08:00:00Z');
      const clock = () => now;
      const f = fixture();
      // An empty collection gets no watermark, and must not force a full pull on every run.
      for (const id of f.ids('academicSessions')) f.district.mutate.delete('academicSessions', id);
      const store = f.harness.open({ now: clock });
      const run = () => syncRoster({ client: f.client, store, tenant: TENANT, now: clock });
      expect(await run()).toMatchObject({ mode: 'full', modeReason: 'no-full-sync' });
      now += 24 * 3_600_000;
      expect(await run()).toMatchObject({ mode: 'delta', modeReason: 'watermarks' });
      now += 7 * 24 * 3_600_000;
      expect(await run()).toMatchObject({ mode: 'full', modeReason: 'full-sync-due' });
      expect(await run()).toMatchObject({ mode: 'delta' });
      const withDemographics = await syncRoster({
        client: f.client,
        store,
        tenant: TENANT,
        now: clock,
        collections: ['orgs', 'demographics'],
        fields: { demographics: ['sex'] },
      });
      expect(withDemographics).toMatchObject({ mode: 'full', modeReason: 'no-watermark' });
    });
  });
}
