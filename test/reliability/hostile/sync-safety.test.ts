import { afterEach, describe, expect, it } from 'vitest';
import {
  isMassDeletionError,
  type MassDeletionError,
  type RosterStore,
  type SyncOptions,
  syncRoster,
} from '../../../src/sync/index.js';
import type { GenerateDistrictOptions } from '../../../src/testing/index.js';
import type { StoreHarnessFactory } from '../../sync/store-harness.js';
import {
  createFixture,
  dumpAll,
  rejection,
  type SyncFixture,
  TENANT,
  useMsw,
} from '../../sync/sync-helpers.js';
import { storeKinds } from './store-kinds.js';

const server = useMsw();
const fixtures: SyncFixture[] = [];
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.cleanup();
});
const fixture = (factory: StoreHarnessFactory, district: GenerateDistrictOptions = {}): SyncFixture => {
  const created = createFixture(server, factory, district);
  fixtures.push(created);
  return created;
};

/** A store whose process dies after `batches` staged batches of users: later writes fail, no finishRun. */
function dyingAfter(store: RosterStore, batches: number): RosterStore {
  let staged = 0;
  let dead = false;
  const killed = () => Promise.reject(new Error('process killed'));
  return {
    ...store,
    async stage(run, collection, records, options) {
      if (dead) return killed();
      await store.stage(run, collection, records, options);
      if (collection === 'users' && ++staged === batches) {
        dead = true;
        return killed();
      }
    },
    finishRun: (run, options) => (dead ? killed() : store.finishRun(run, options)),
  };
}

/** 9% of the provider's current users, rounded down: a provider eroding a district night by night. */
function dropNinePercent(f: SyncFixture): number {
  const ids = f.ids('users');
  const dropped = Math.floor(ids.length * 0.09);
  for (const id of ids.slice(0, dropped)) f.district.mutate.delete('users', id);
  return dropped;
}

describe.each(storeKinds())('a sync that protects the roster (%s store)', (_kind, factory) => {
  it('keeps a crashed run resumable through a dry run: the next real run resumes it from its checkpoint', async () => {
    const f = fixture(factory);
    const first = f.harness.open();
    const crash = syncRoster({ client: f.client, store: dyingAfter(first, 3), tenant: TENANT, mode: 'full' });
    await expect(crash).rejects.toThrow('process killed');
    await first.close();

    const restarted = f.harness.open();
    const checkpoint = await restarted.getCheckpoint(TENANT);
    expect(checkpoint?.data).toMatchObject({ collection: 'users', phase: 'pulling', pages: 3 });
    const preview = await syncRoster({ client: f.client, store: restarted, tenant: TENANT, dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, resumed: false });
    expect(await restarted.getCheckpoint(TENANT)).toEqual(checkpoint);

    f.mock.stats.reset();
    const resumed = await syncRoster({ client: f.client, store: restarted, tenant: TENANT, mode: 'full' });
    expect(resumed).toMatchObject({
      resumed: true,
      runId: checkpoint?.runId,
      resumedFrom: { collection: 'users', pages: 3 },
    });
    // The collections the crashed run committed are not pulled again.
    expect(Object.keys(resumed.collections)).toEqual(['users', 'enrollments']);
    expect(Object.keys(f.mock.stats.byRoute).sort()).toEqual(['/enrollments', '/users']);
    const clean = f.harness.open();
    await syncRoster({ client: f.client, store: clean, tenant: 'clean', mode: 'full' });
    expect(await dumpAll(restarted)).toEqual(await dumpAll(clean, 'clean'));
  });

  it('refuses slow erosion against the baseline, and a run the user accepts moves the baseline', async () => {
    // 2 schools of 47 students and 3 teachers: 100 users.
    const f = fixture(factory, { studentsPerSchool: 47 });
    const sync = (options: Partial<SyncOptions> = {}) => f.sync({ collections: ['users'], ...options });
    const first = await sync();
    expect(first.collections.users?.inserted).toBe(100);
    const baseline = await f.store.getBaseline(TENANT, 'users');
    expect(baseline).toMatchObject({ runId: first.runId, active: 100, retiredSince: 0 });

    expect(dropNinePercent(f)).toBe(9);
    // 9 of 100: below the 10% guard on either basis.
    expect((await sync()).collections.users?.tombstoned).toBe(9);
    expect(await f.store.getBaseline(TENANT, 'users')).toEqual({ ...baseline, retiredSince: 9 });

    expect(dropNinePercent(f)).toBe(8);
    // 8 of the 91 stored is 8.8%, but 17 of the baseline's 100 have gone since it.
    const error = await rejection(sync());
    expect(isMassDeletionError(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'fraction',
      basis: 'baseline',
      stored: 91,
      wouldDelete: 8,
      fraction: 0.17,
      threshold: 0.1,
      baseline: { runId: first.runId, active: 100, retiredSince: 9 },
    });
    expect((error as MassDeletionError).message).toContain('17 of 100 (17.0%)');
    expect(await f.store.count(TENANT, 'users', { status: 'active' })).toBe(91);

    // The district confirms the shrink: one run with a looser guard accepts it.
    const accepted = await sync({ deletionGuard: { maxDeleteFraction: 0.2 } });
    expect(accepted.collections.users?.tombstoned).toBe(8);
    expect(await f.store.getBaseline(TENANT, 'users')).toMatchObject({
      runId: accepted.runId,
      active: 83,
      retiredSince: 0,
    });

    expect(dropNinePercent(f)).toBe(7);
    expect((await sync()).collections.users?.tombstoned).toBe(7);
    expect(await f.store.getBaseline(TENANT, 'users')).toMatchObject({
      runId: accepted.runId,
      retiredSince: 7,
    });
  });

  it('does not let new students hide the erosion of earlier ones', async () => {
    const f = fixture(factory, { studentsPerSchool: 47 });
    const sync = () => f.sync({ collections: ['users'] });
    await sync();
    dropNinePercent(f);
    await sync();
    // 20 students arrive while 8 more vanish: the stored roster grows, the baseline still counts 17 gone.
    for (let index = 0; index < 20; index++) f.district.mutate.insert('users');
    for (const id of f.ids('users').slice(0, 8)) f.district.mutate.delete('users', id);
    expect(await rejection(sync())).toMatchObject({
      name: 'MassDeletionError',
      basis: 'baseline',
      wouldDelete: 8,
      fraction: 0.17,
    });
  });
});

describe.each(storeKinds().slice(0, 1))(
  'a provider whose every record is invalid (%s store)',
  (_kind, factory) => {
    it('says the records arrived and were all quarantined, with the first reasons and no student data', async () => {
      const f = fixture(factory);
      await f.sync();
      const sentinel = 'Sentinel-given-name-7f3a';
      for (const id of f.ids('users'))
        f.district.mutate.update('users', id, { givenName: { name: sentinel } });

      const error = await rejection(f.sync());
      expect(isMassDeletionError(error)).toBe(true);
      expect(error).toMatchObject({
        collection: 'users',
        reason: 'all-quarantined',
        quarantined: 30,
        stored: 30,
        wouldDelete: 0,
        quarantineReasons: ['givenName: invalid_type'],
      });
      const message = (error as MassDeletionError).message;
      expect(message).toContain(
        '30 users arrived and all were quarantined as invalid (givenName: invalid_type)',
      );
      expect(message).not.toContain('sent no users');
      for (const text of [message, JSON.stringify(error), String((error as Error).stack)]) {
        expect(text).not.toContain(sentinel);
      }
      expect((await f.store.get(TENANT, 'users', f.ids('users')[0] ?? ''))?.status).toBe('active');

      const preview = await f.sync({ dryRun: true });
      expect(preview.collections.users?.blocked).toMatchObject({
        reason: 'all-quarantined',
        quarantined: 30,
      });
    });
  },
);
