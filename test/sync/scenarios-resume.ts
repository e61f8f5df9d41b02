import { describe, expect, it } from 'vitest';
import { type RosterStore, syncRoster } from '../../src/sync/index.js';
import { providerRoster } from '../helpers/provider-roster.js';
import type { StoreHarnessFactory } from './store-harness.js';
import { dumpAll, TENANT, useFixtures } from './sync-helpers.js';

/** A run dies when `crashWhen(collection, batches staged of it)` says so: later writes throw and finishRun never happens, as after SIGKILL. */
function crashingStore(
  store: RosterStore,
  crashWhen: (collection: string, stagedBatches: number) => boolean,
): RosterStore {
  let crashed = false;
  const batches = new Map<string, number>();
  const dead = () => Promise.reject(new Error('process killed'));
  return {
    ...store,
    beginRun: (tenant, options) => store.beginRun(tenant, options),
    async stage(run, collection, records, options) {
      if (crashed) return dead();
      await store.stage(run, collection, records, options);
      batches.set(collection, (batches.get(collection) ?? 0) + 1);
      if (crashWhen(collection, batches.get(collection) ?? 0)) {
        crashed = true;
        throw new Error('process killed');
      }
    },
    finishRun: (run, options) => (crashed ? dead() : store.finishRun(run, options)),
  };
}

/** Crash and resume, in process, over one store kind (test/sync/kill-resume.test.ts kills a real process). */
export function resumeScenarios(factory: StoreHarnessFactory): void {
  const { fixture } = useFixtures(factory);

  describe('a run that crashed', () => {
    it('is resumed by the next call, skipping committed collections, and ends with what the provider holds', async () => {
      const f = fixture();
      const first = f.harness.open();
      const crashing = crashingStore(first, (collection, batches) => collection === 'users' && batches === 3);
      const crashed = syncRoster({ client: f.client, store: crashing, tenant: TENANT, mode: 'full' });
      await expect(crashed).rejects.toThrow('process killed');
      await first.close();
      // Between the crash and the resume the district changes: the resumed run must see it.
      f.district.mutate.delete('users', f.ids('users')[1]!);
      f.district.mutate.update('users', f.ids('users')[20]!, { givenName: 'Late' });
      const restarted = f.harness.open();
      const checkpoint = await restarted.getCheckpoint(TENANT);
      expect(checkpoint?.data).toMatchObject({ collection: 'users', phase: 'pulling', pages: 3, offset: 15 });
      f.mock.stats.reset();
      const resumed = await syncRoster({ client: f.client, store: restarted, tenant: TENANT, mode: 'full' });
      expect(resumed).toMatchObject({
        resumed: true,
        modeReason: 'resumed',
        resumedFrom: { collection: 'users' },
      });
      expect(Object.keys(resumed.collections)).toEqual(['users', 'enrollments']);
      expect(Object.keys(f.mock.stats.byRoute).sort()).toEqual(['/enrollments', '/users']);
      expect(await dumpAll(restarted)).toEqual(providerRoster(f.district));
      expect(await restarted.getCheckpoint(TENANT)).toBeUndefined();
    });
  });

  describe('a run paused by its `pause` signal', () => {
    it('returns `paused`, keeps its staging for the next call, which resumes it in any handle', async () => {
      const f = fixture();
      const first = f.harness.open();
      const pause = new AbortController();
      let pages = 0;
      const paused = await syncRoster({
        client: f.client,
        store: first,
        tenant: TENANT,
        mode: 'full',
        pause: pause.signal,
        onProgress: (event) => {
          if (event.type === 'page' && event.collection === 'users' && ++pages === 3) pause.abort();
        },
      });
      expect(paused).toMatchObject({ status: 'paused', mode: 'full', resumed: false });
      // What it committed before the pause is live; users and enrollments wait.
      expect(Object.keys(paused.collections)).toEqual(['orgs', 'academicSessions', 'courses', 'classes']);
      expect(await first.count(TENANT, 'users')).toBe(0);
      expect((await first.getRun(TENANT, paused.runId))?.status).toBe('running');
      expect((await first.getCheckpoint(TENANT))?.runId).toBe(paused.runId);
      await first.close();

      const second = f.harness.open();
      f.mock.stats.reset();
      const resumed = await syncRoster({ client: f.client, store: second, tenant: TENANT, mode: 'full' });
      expect(resumed).toMatchObject({ status: 'committed', runId: paused.runId, resumed: true });
      expect(Object.keys(f.mock.stats.byRoute).sort()).toEqual(['/enrollments', '/users']);
      expect(await dumpAll(second)).toEqual(providerRoster(f.district));
    });

    it('is aborted, not paused, when its `signal` aborts too, and when it is a dry run', async () => {
      const f = fixture();
      const store = f.harness.open();
      for (const dryRun of [false, true]) {
        const pause = new AbortController();
        const abort = new AbortController();
        const run = syncRoster({
          client: f.client,
          store,
          tenant: TENANT,
          mode: 'full',
          dryRun,
          pause: pause.signal,
          signal: abort.signal,
          onProgress: (event) => {
            if (event.type !== 'page' || event.collection !== 'courses') return;
            pause.abort();
            if (!dryRun) abort.abort();
          },
        });
        await expect(run).rejects.toMatchObject({ name: 'AbortError' });
        // Ended, not released: nothing is left to resume.
        expect(await store.getCheckpoint(TENANT)).toBeUndefined();
      }
      const next = await syncRoster({ client: f.client, store, tenant: TENANT, mode: 'full' });
      expect(next.resumed).toBe(false);
    });

    it('refuses a `pause` that is not an AbortSignal', async () => {
      const f = fixture();
      const pause = { aborted: false } as unknown as AbortSignal;
      await expect(() =>
        syncRoster({ client: f.client, store: f.harness.open(), tenant: TENANT, pause }),
      ).rejects.toThrow('`pause` must be an AbortSignal');
    });
  });
}
