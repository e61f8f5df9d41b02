/**
 * Switching a tenant from OneRoster 1.1 to 1.2, on one store kind: refused unless asked for; with
 * Infinite Campus's re-keying, a replacement of each record by its new one, never a mass deletion;
 * without the link, a refusal before anything changes.
 */
import { afterEach, expect, it } from 'vitest';
import {
  isMassDeletionError,
  isUnlinkedRekeyError,
  isVersionSwitchError,
  type RosterStore,
  type SyncOptions,
  syncRoster,
} from '../../../src/sync/index.js';
import { generateDistrict, type MockQuirks } from '../../../src/testing/index.js';
import type { MockProvider } from '../../../src/testing/msw.js';
import type { StoreHarness, StoreHarnessFactory } from '../store-harness.js';
import { rejection, useMsw } from '../sync-helpers.js';
import { clientFor, idsOf, normaliseRoster, serveDistrict, storedRoster } from './versions-kit.js';

const TENANT = 'campus-district';
const COLLECTIONS = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const;

/** Infinite Campus: one district behind its 1.1 service and its 1.2 one, which re-keys (or not). */
interface Campus {
  v1p1: MockProvider;
  v1p2: MockProvider;
  store: RosterStore;
  /** Syncs with the 1.1 client. */
  syncOld(options?: Partial<SyncOptions>): ReturnType<typeof syncRoster>;
  /** Syncs with the 1.2 client. */
  syncNew(options?: Partial<SyncOptions<'1.2'>>): ReturnType<typeof syncRoster>;
}

export function switchScenarios(factory: StoreHarnessFactory): void {
  const server = useMsw();
  let harness: StoreHarness | undefined;
  afterEach(async () => {
    await harness?.cleanup();
    harness = undefined;
  });
  let origins = 0;

  /** A campus synced once as 1.1 (minimal fields), ready to switch. */
  async function campus(quirks: MockQuirks, seed = 41): Promise<Campus> {
    const district = generateDistrict({ preset: 'tiny', seed });
    const origin = `campus-${++origins}`;
    const v1p1 = serveDistrict(server, district, { baseUrl: `https://${origin}-v1p1.example.org` });
    const v1p2 = serveDistrict(server, district, {
      baseUrl: `https://${origin}-v1p2.example.org`,
      version: '1.2',
      quirks,
    });
    harness = factory();
    const store = harness.open();
    const old = clientFor(v1p1, '1.1', { pageSize: 8 });
    const current = clientFor(v1p2, '1.2', { pageSize: 8 });
    const base = { store, tenant: TENANT, fields: 'minimal' as const };
    const result: Campus = {
      v1p1,
      v1p2,
      store,
      syncOld: (options = {}) => syncRoster({ ...base, client: old, ...options }),
      syncNew: (options = {}) => syncRoster({ ...base, client: current, ...options }),
    };
    await result.syncOld();
    v1p2.stats.reset();
    return result;
  }

  it('refuses a 1.2 client for a tenant synced as 1.1, naming both versions and the option', async () => {
    const { store, v1p2, syncNew } = await campus({ rekeySourcedIds: true });
    const before = await storedRoster(store, TENANT);
    const error = await rejection(syncNew());
    expect(isVersionSwitchError(error)).toBe(true);
    expect(error).toMatchObject({ tenant: TENANT, storedVersion: '1.1', clientVersion: '1.2' });
    expect(String(error)).toContain("versionSwitch: 'allow'");
    expect(String(error)).toMatch(/OneRoster 1\.1 .*speaks 1\.2/);
    expect(v1p2.stats.requests).toBe(0);
    expect(await storedRoster(store, TENANT)).toEqual(before);
    expect((await store.lastFullSync(TENANT))?.version).toBe('1.1');
    // A dry run, which writes nothing, is refused too: a preview of a switch is asked for as one.
    expect(isVersionSwitchError(await rejection(syncNew({ dryRun: true })))).toBe(true);
  });

  it('switches with versionSwitch: allow, replacing each re-keyed record by its new one', async () => {
    const { store, v1p2, syncOld, syncNew } = await campus({ rekeySourcedIds: true });
    const before = await storedRoster(store, TENANT);
    const result = await syncNew({ versionSwitch: 'allow' });
    expect(result).toMatchObject({
      mode: 'full',
      modeReason: 'version-switch',
      version: '1.2',
      switchedFrom: '1.1',
    });
    const after = await storedRoster(store, TENANT);
    for (const collection of COLLECTIONS) {
      const count = before[collection].length;
      expect(result.collections[collection], collection).toMatchObject({
        rekeyed: count,
        inserted: 0,
        updated: count,
        tombstoned: 0,
        deleted: 0,
      });
      // The old ids are gone, every new one is there: ic12- + the 1.1 id.
      expect(idsOf(after)[collection], collection).toEqual(
        before[collection].map((record) => `ic12-${record.sourcedId}`),
      );
    }
    // References follow the new ids, because the provider sends them re-keyed.
    expect(after.enrollments[0]?.['user']).toMatchObject({ sourcedId: expect.stringMatching(/^ic12-usr-/) });
    // The link was asked for, and is not stored: the tenant asked for the minimal fields.
    expect(v1p2.stats.fieldsRequested['users']).toContain('metadata');
    expect(after.users.some((user) => 'metadata' in user)).toBe(false);
    // The same roster as before, in 1.2 terms.
    const back = JSON.parse(JSON.stringify(normaliseRoster(after)).replaceAll('ic12-', ''));
    expect(back).toEqual(normaliseRoster(before));
    // The baseline counted nothing retired.
    expect((await store.getBaseline(TENANT, 'users'))?.retiredSince).toBe(0);

    // The tenant is now 1.2: the next run is an ordinary delta, and 1.1 is a switch back.
    expect(await syncNew()).toMatchObject({ mode: 'delta', switchedFrom: undefined });
    expect(isVersionSwitchError(await rejection(syncOld()))).toBe(true);
  });

  it('retires only the records that are really gone during a switch, and adds the new ones', async () => {
    const { store, v1p1, syncNew } = await campus({ rekeySourcedIds: true });
    const gone = v1p1.district.generate('users', 5).sourcedId;
    v1p1.district.mutate.delete('users', gone);
    const added = v1p1.district.mutate.insert('users', { givenName: 'Zoë', role: 'student' });
    const result = await syncNew({ versionSwitch: 'allow' });
    expect(result.collections.users).toMatchObject({ rekeyed: 29, inserted: 1, tombstoned: 1 });
    expect((await store.get(TENANT, 'users', gone))?.status).toBe('tobedeleted');
    expect((await store.get(TENANT, 'users', `ic12-${added.sourcedId}`))?.status).toBe('active');
    expect(await store.get(TENANT, 'users', 'usr-0000000000')).toBeUndefined();
  });

  it('previews a switch in a dry run: what it would re-key, and nothing written', async () => {
    const { store, syncNew } = await campus({ rekeySourcedIds: ['users'] });
    const before = await storedRoster(store, TENANT);
    const preview = await syncNew({ versionSwitch: 'allow', dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, switchedFrom: '1.1' });
    expect(preview.collections.users).toMatchObject({ rekeyed: 30, inserted: 0, updated: 30, tombstoned: 0 });
    expect(preview.collections.orgs).toMatchObject({ rekeyed: 0, inserted: 0, tombstoned: 0 });
    // 1.2 users belong to the org of each of their roles: every one is counted at its school.
    const schools = preview.collections.users?.schools;
    expect(schools?.withoutSchool).toBe(0);
    expect(Object.values(schools?.bySchool ?? {}).reduce((sum, count) => sum + count, 0)).toBe(30);
    expect(await storedRoster(store, TENANT)).toEqual(before);
    expect((await store.lastFullSync(TENANT))?.version).toBe('1.1');
  });

  it('refuses a re-keyed switch without the link before anything is retired or committed', async () => {
    // Only users are re-keyed: orgs to classes pass their checks, and must stay as they were too.
    const { store, syncNew } = await campus({ rekeySourcedIds: ['users'], rekeyLink: 'omit' });
    const before = await storedRoster(store, TENANT);
    const watermarks = await Promise.all(COLLECTIONS.map((name) => store.getWatermark(TENANT, name)));
    const error = await rejection(syncNew({ versionSwitch: 'allow' }));
    expect(isUnlinkedRekeyError(error)).toBe(true);
    expect(isMassDeletionError(error)).toBe(true);
    expect(error).toMatchObject({
      collection: 'users',
      reason: 'unlinked-rekey',
      stored: 30,
      wouldDelete: 30,
      added: 30,
      storedVersion: '1.1',
      clientVersion: '1.2',
    });
    expect(String(error)).toContain('legacyIdOf');
    expect(await storedRoster(store, TENANT)).toEqual(before);
    expect(await Promise.all(COLLECTIONS.map((name) => store.getWatermark(TENANT, name)))).toEqual(
      watermarks,
    );
    expect((await store.lastFullSync(TENANT))?.version).toBe('1.1');
    // A dry run reports it as the blocked deletion a real run would stop at.
    const preview = await syncNew({ versionSwitch: 'allow', dryRun: true });
    expect(preview.collections.users?.blocked).toMatchObject({ reason: 'unlinked-rekey', wouldDelete: 30 });
  });

  it('refuses an unlinked re-key also when a quarantined record would keep the old records', async () => {
    const { store, v1p1, syncNew } = await campus({ rekeySourcedIds: ['users'], rekeyLink: 'omit' });
    const before = await storedRoster(store, TENANT);
    // One invalid user: a full pull with a quarantined record retires nothing it did not see, so
    // without the switch's own check every person would be stored twice, under both ids.
    v1p1.district.mutate.update('users', v1p1.district.generate('users', 7).sourcedId, { givenName: 42 });
    const error = await rejection(syncNew({ versionSwitch: 'allow' }));
    expect(error).toMatchObject({ name: 'UnlinkedRekeyError', collection: 'users', quarantined: 1 });
    expect(await storedRoster(store, TENANT)).toEqual(before);
  });

  it('reads the link where legacyIdOf says, from the fields legacyIdFields names', async () => {
    const { store, v1p2, syncNew } = await campus({ rekeySourcedIds: true, rekeyLink: 'omit' });
    const result = await syncNew({
      versionSwitch: 'allow',
      // This provider's old id is its new one without the prefix; nothing extra to ask for.
      legacyIdOf: (record) => record.sourcedId.replace(/^ic12-/, ''),
      legacyIdFields: [],
    });
    expect(result.collections.users).toMatchObject({ rekeyed: 30, tombstoned: 0 });
    expect(v1p2.stats.fieldsRequested['users']).not.toContain('metadata');
    expect(await store.count(TENANT, 'users')).toBe(30);
  });

  it('accepts the new ids of an unlinked re-key with the guard off, retiring the old records', async () => {
    const { store, syncNew } = await campus({ rekeySourcedIds: ['users'], rekeyLink: 'omit' });
    const result = await syncNew({ versionSwitch: 'allow', deletionGuard: false });
    expect(result.collections.users).toMatchObject({ rekeyed: 0, inserted: 30, tombstoned: 30 });
    expect(await store.count(TENANT, 'users', { status: 'active' })).toBe(30);
  });

  it('completes a switch that crashed between two commits when the next call resumes it', async () => {
    const { store, v1p2 } = await campus({ rekeySourcedIds: true });
    const before = await storedRoster(store, TENANT);
    // The process dies as it commits users: orgs to classes are committed, in 1.2.
    let crashed = false;
    const dead = () => Promise.reject(new Error('process killed'));
    const dying: RosterStore = {
      ...store,
      commit: (run, collection, options) => {
        if (collection === 'users') crashed = true;
        return crashed ? dead() : store.commit(run, collection, options);
      },
      finishRun: (run, options) => (crashed ? dead() : store.finishRun(run, options)),
    };
    const client = clientFor(v1p2, '1.2', { pageSize: 8 });
    const options = { client, tenant: TENANT, fields: 'minimal' as const, versionSwitch: 'allow' as const };
    await expect(syncRoster({ ...options, store: dying })).rejects.toThrow('process killed');
    await store.close();
    const restarted = harness?.open();
    if (restarted === undefined) throw new Error('no harness');
    const resumed = await syncRoster({ ...options, store: restarted });
    expect(resumed).toMatchObject({ resumed: true, switchedFrom: '1.1', version: '1.2' });
    expect(Object.keys(resumed.collections)).toEqual(['users', 'enrollments']);
    expect(resumed.collections.users).toMatchObject({ rekeyed: 30, tombstoned: 0 });
    const after = await storedRoster(restarted, TENANT);
    for (const collection of COLLECTIONS) {
      expect(idsOf(after)[collection], collection).toEqual(
        before[collection].map((record) => `ic12-${record.sourcedId}`),
      );
    }
    expect((await restarted.lastFullSync(TENANT))?.version).toBe('1.2');
  });

  it('refuses an explicit delta as a switch: only a full pull sees what was re-keyed', async () => {
    const { syncNew } = await campus({ rekeySourcedIds: true });
    const error = await rejection(syncNew({ versionSwitch: 'allow', mode: 'delta' }));
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toContain('full run');
  });
}
