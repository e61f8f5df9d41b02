import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { isProtocolError } from '../../src/index.js';
import { isIncompletePullError, isMassDeletionError, type SyncProgressEvent } from '../../src/sync/index.js';
import type { MockFault } from '../../src/testing/index.js';
import type { StoreHarnessFactory } from './store-harness.js';
import { dump, dumpAll, rejection, type SyncFixture, TENANT, useFixtures } from './sync-helpers.js';

/** Deletion guard, failed pulls, drift and resume over one store kind. */
export function safetyScenarios(factory: StoreHarnessFactory): void {
  const { fixture, server } = useFixtures(factory);
  const removeUsers = (f: SyncFixture, count: number) => {
    for (const id of f.ids('users').slice(0, count)) f.district.mutate.delete('users', id);
  };

  describe('the mass-deletion guard', () => {
    it('refuses an empty collection for a tenant that has records, and keeps the previous snapshot', async () => {
      const f = fixture();
      await f.sync();
      const before = await dumpAll(f.store);
      removeUsers(f, 30);
      const error = await rejection(f.sync());
      expect(isMassDeletionError(error)).toBe(true);
      expect(error).toMatchObject({
        collection: 'users',
        reason: 'empty',
        stored: 30,
        wouldDelete: 30,
        fraction: 1,
        threshold: 0.1,
      });
      expect(await dumpAll(f.store)).toEqual(before);
      const accepted = await f.sync({ deletionGuard: { allowEmpty: true } });
      expect(accepted.collections.users?.tombstoned).toBe(30);
    });

    it('refuses to retire more than maxDeleteFraction of a collection unless the caller raises it', async () => {
      const f = fixture();
      await f.sync();
      const before = await dump(f.store, 'users');
      const lastFull = await f.store.lastFullSync(TENANT);
      removeUsers(f, 4);
      const error = await rejection(f.sync());
      expect(error).toMatchObject({
        name: 'MassDeletionError',
        collection: 'users',
        reason: 'fraction',
        stored: 30,
        wouldDelete: 4,
      });
      expect((error as { fraction: number }).fraction).toBeCloseTo(4 / 30);
      expect(await dump(f.store, 'users')).toEqual(before);
      expect(await f.store.lastFullSync(TENANT)).toEqual(lastFull);
      const raised = await f.sync({ deletionGuard: { maxDeleteFraction: 0.2 } });
      expect(raised.collections.users?.tombstoned).toBe(4);
    });

    it('counts the provider’s own tombstones too, and can be turned off', async () => {
      const f = fixture();
      await f.sync();
      for (const id of f.ids('users').slice(0, 4)) f.district.mutate.tombstone('users', id);
      expect(await rejection(f.sync({ mode: 'delta' }))).toMatchObject({
        name: 'MassDeletionError',
        wouldDelete: 4,
      });
      const unguarded = await f.sync({ mode: 'delta', deletionGuard: false });
      expect(unguarded.collections.users?.tombstoned).toBe(4);
    });
  });

  describe('a pull that fails', () => {
    it.each<MockFault['type']>(['errorEnvelope200', 'truncatedBody', 'htmlPage', 'serverError'])(
      'deletes nothing when a users page fails with %s, and the run fails',
      async (type) => {
        const f = fixture();
        await f.sync();
        const before = await dumpAll(f.store);
        const lastFull = await f.store.lastFullSync(TENANT);
        f.district.mutate.delete('users', f.ids('users')[0]!);
        f.mock.addFault({ type, path: '/users', nth: 2 } as MockFault);
        const error = await rejection(f.sync());
        expect(error).toBeInstanceOf(Error);
        if (type === 'errorEnvelope200') expect(isProtocolError(error)).toBe(true);
        expect(await dumpAll(f.store)).toEqual(before);
        expect(await f.store.lastFullSync(TENANT)).toEqual(lastFull);
        expect(await f.store.getCheckpoint(TENANT)).toBeUndefined();
      },
    );

    it('deletes nothing when the provider stops before its X-Total-Count', async () => {
      const f = fixture();
      await f.sync();
      const before = await dumpAll(f.store);
      // An empty page at offset 5 while the count still says 60: the pull "ends" short.
      server.use(
        http.get(`${f.mock.baseUrl}/enrollments`, ({ request }) =>
          new URL(request.url).searchParams.get('offset') === '0'
            ? undefined
            : HttpResponse.json({ enrollments: [] }, { headers: { 'x-total-count': '60' } }),
        ),
      );
      const error = await rejection(f.sync());
      expect(isIncompletePullError(error)).toBe(true);
      expect(error).toMatchObject({
        reason: 'count-mismatch',
        collection: 'enrollments',
        received: 5,
        total: 60,
      });
      expect(await dumpAll(f.store)).toEqual(before);
    });

    it('restarts a collection whose total moved during the pull, and commits the consistent pull', async () => {
      const f = fixture();
      const events: SyncProgressEvent[] = [];
      const result = await f.sync({
        onProgress: (event) => {
          events.push(event);
          // A student is added while the first users pull is under way: the total moves from 30 to 31.
          const firstPull = !events.some((seen) => seen.type === 'collection-restarted');
          if (event.type === 'page' && event.collection === 'users' && event.pages === 1 && firstPull) {
            f.district.mutate.insert('users');
          }
        },
      });
      expect(result.collections.users).toMatchObject({ restarts: 1, inserted: 31, total: 31 });
      expect(events.filter((event) => event.type === 'collection-restarted')).toMatchObject([
        { collection: 'users', attempt: 1, totalBefore: 30, totalAfter: 31 },
      ]);
      expect(await f.store.count(TENANT, 'users')).toBe(31);
    });

    it('fails with a drift error after the bounded restarts and keeps the previous snapshot', async () => {
      const f = fixture();
      await f.sync();
      const before = await dump(f.store, 'users');
      // ClassLink's x-perm-rev changes with every roster change; here one lands during every pull.
      f.mock.setQuirks({ permRevHeader: true });
      const error = await rejection(
        f.sync({
          collections: ['users'],
          maxRestarts: 2,
          onProgress: (event) => {
            if (event.type === 'page' && event.pages === 1) {
              f.district.mutate.update('orgs', f.ids('orgs')[0]!, { name: `Renamed ${Math.random()}` });
            }
          },
        }),
      );
      expect(error).toMatchObject({
        name: 'IncompletePullError',
        reason: 'drift',
        collection: 'users',
        attempts: 3,
      });
      expect(await dump(f.store, 'users')).toEqual(before);
    });

    it('retires nothing when a full pull quarantined records, since they are not gone', async () => {
      const f = fixture();
      await f.sync();
      const [invalid, removed] = f.ids('users');
      f.district.mutate.update('users', invalid!, { givenName: 42 });
      f.district.mutate.delete('users', removed!);
      const result = await f.sync();
      expect(result.collections.users).toMatchObject({
        quarantined: 1,
        tombstoned: 0,
        deletionsSkipped: 'quarantined',
      });
      expect((await f.store.get(TENANT, 'users', invalid!))?.status).toBe('active');
      expect((await f.store.get(TENANT, 'users', removed!))?.status).toBe('active');
    });

    it('syncs a provider that sends no X-Total-Count, ending on an empty page', async () => {
      const f = fixture();
      f.mock.setQuirks({ totalCount: 'omit', link: 'omit' });
      const result = await f.sync();
      expect(result.collections.users).toMatchObject({ inserted: 30, total: undefined });
      expect(await f.store.count(TENANT, 'enrollments')).toBe(60);
    });

    it('finishes as aborted when the signal aborts, leaving the store as it was', async () => {
      const f = fixture();
      await f.sync();
      const before = await dumpAll(f.store);
      f.district.mutate.update('classes', f.ids('classes')[0]!, { title: 'Changed' });
      const controller = new AbortController();
      let runId: string | undefined;
      const error = await rejection(
        f.sync({
          signal: controller.signal,
          onProgress: (event) => {
            runId = event.runId;
            if (event.type === 'page' && event.collection === 'classes') controller.abort();
          },
        }),
      );
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(runId).toBeDefined();
      expect(await f.store.getRun(TENANT, runId as string)).toMatchObject({ status: 'aborted' });
      expect(await dumpAll(f.store)).toEqual(before);
      // The aborted run freed the tenant and left no checkpoint to resume.
      expect(await f.store.getCheckpoint(TENANT)).toBeUndefined();
      expect((await f.sync()).collections.classes?.updated).toBe(1);
    });
  });
}
