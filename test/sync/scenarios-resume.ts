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
}
