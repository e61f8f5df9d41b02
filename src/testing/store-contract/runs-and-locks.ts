/** The contract of runs: one live run per tenant, crashes and resumes, dry runs beside a crashed run. */
import assert from 'node:assert/strict';
import type { RosterStore, SyncRunRef } from '../../sync/roster-store.js';
import { type ContractTest, OTHER_TENANT, rejectsWith, TENANT, users } from './contract-kit.js';

export function runsAndLocksContract(test: ContractTest): void {
  test('keeps a checkpoint with its batch, and both survive a restart', async ({ store, open }) => {
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.saveCheckpoint(run, { collection: 'users', offset: 0 });
    await store.stage(run, 'users', users(100).slice(0, 60), {
      checkpoint: { collection: 'users', offset: 60 },
    });
    await store.close();
    const restarted = await open();
    const checkpoint = await restarted.getCheckpoint(TENANT);
    assert.equal(checkpoint?.runId, run.id);
    assert.deepEqual(checkpoint?.data, { collection: 'users', offset: 60 });
    assert.equal(typeof checkpoint?.savedAt, 'string');
    const resumed = await restarted.resumeRun(TENANT, run.id);
    assert.equal(resumed?.status, 'running');
    if (resumed === undefined) return;
    await restarted.stage(resumed, 'users', users(100).slice(50), { checkpoint: { offset: 100 } });
    assert.equal((await restarted.commit(resumed, 'users')).inserted, 100);
    await restarted.finishRun(resumed, { status: 'succeeded' });
    assert.equal(await restarted.getCheckpoint(TENANT), undefined);
    assert.equal(await restarted.resumeRun(TENANT, run.id), undefined);
  });

  test('abandons a crashed run when a new run of the tenant begins', async ({ store, open }) => {
    const crashed = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(crashed, 'users', users(3), { checkpoint: { offset: 3 } });
    await store.close();
    const restarted = await open();
    const run = await restarted.beginRun(TENANT, { mode: 'full' });
    assert.equal((await restarted.getRun(TENANT, crashed.id))?.status, 'abandoned');
    assert.equal(await restarted.getCheckpoint(TENANT), undefined);
    assert.equal((await restarted.diff(run, 'users')).staged, 0);
    await rejectsWith(
      store.stage(crashed, 'users', users(1)),
      'SyncRunInactiveError',
      'staging into an abandoned run',
    );
  });

  test("leaves a crashed run's staging and checkpoint alone when a dry run begins and ends", async ({
    store,
    open,
  }) => {
    const crashed = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(crashed, 'users', users(3), { checkpoint: { offset: 3 } });
    await store.close();
    const restarted = await open();
    // A dry run is a preview: it must not cost the next real run its resume point.
    const dry = await restarted.beginRun(TENANT, { mode: 'full', dryRun: true });
    await restarted.stage(dry, 'users', users(5, 'd'), { checkpoint: { offset: 5, dry: true } });
    await restarted.saveCheckpoint(dry, { dry: true });
    assert.equal((await restarted.diff(dry, 'users')).staged, 5);
    await restarted.finishRun(dry, { status: 'succeeded' });
    assert.equal((await restarted.getRun(TENANT, crashed.id))?.status, 'running');
    const checkpoint = await restarted.getCheckpoint(TENANT);
    assert.deepEqual([checkpoint?.runId, checkpoint?.data], [crashed.id, { offset: 3 }]);
    const resumed = await restarted.resumeRun(TENANT, crashed.id);
    assert.ok(resumed !== undefined);
    assert.equal((await restarted.diff(resumed, 'users')).staged, 3);
  });

  test('abandons a crashed dry run when the next run begins, dry or not', async ({ store, open }) => {
    const crashed = await store.beginRun(TENANT, { mode: 'full', dryRun: true });
    await store.stage(crashed, 'users', users(3));
    await store.close();
    const restarted = await open();
    const dry = await restarted.beginRun(TENANT, { mode: 'full', dryRun: true });
    assert.equal((await restarted.getRun(TENANT, crashed.id))?.status, 'abandoned');
    assert.equal((await restarted.diff(dry, 'users')).staged, 0);
  });

  test('refuses a second live run of a tenant, from this store or another', async ({ store, open }) => {
    const run = await store.beginRun(TENANT, { mode: 'full' });
    const other = await open();
    const live = 'a second run of a tenant whose run is live';
    await rejectsWith(store.beginRun(TENANT, { mode: 'delta' }), 'SyncInProgressError', live);
    await rejectsWith(other.beginRun(TENANT, { mode: 'full' }), 'SyncInProgressError', live);
    await rejectsWith(other.resumeRun(TENANT, run.id), 'SyncInProgressError', 'resuming a live run');
    const foreign = 'staging into a run that another store holds';
    await rejectsWith(other.stage(run, 'users', users(1)), 'SyncRunInactiveError', foreign);
    await store.finishRun(run, { status: 'succeeded' });
    const finished = 'staging into a finished run';
    await rejectsWith(store.stage(run, 'users', users(1)), 'SyncRunInactiveError', finished);
    const next = await other.beginRun(TENANT, { mode: 'full' });
    await other.finishRun(next, { status: 'succeeded' });
  });

  test('releases a run it holds, as a pause: another handle resumes it with its staging and checkpoint', async ({
    store,
    open,
  }) => {
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(run, 'users', users(100).slice(0, 60), { checkpoint: { offset: 60 } });
    const released = await store.releaseRun(run);
    assert.deepEqual([released.id, released.status], [run.id, 'running']);
    const gone = 'a run this handle released';
    await rejectsWith(store.stage(run, 'users', users(1)), 'SyncRunInactiveError', gone);
    await rejectsWith(store.releaseRun(run), 'SyncRunInactiveError', `releasing ${gone}`);
    const other = await open();
    assert.equal((await other.getRun(TENANT, run.id))?.status, 'running');
    const checkpoint = await other.getCheckpoint(TENANT);
    assert.deepEqual([checkpoint?.runId, checkpoint?.data], [run.id, { offset: 60 }]);
    const resumed = await other.resumeRun(TENANT, run.id);
    assert.ok(resumed !== undefined);
    assert.equal((await other.diff(resumed, 'users')).staged, 60);
    await rejectsWith(store.resumeRun(TENANT, run.id), 'SyncInProgressError', 'resuming a taken run');
    await other.stage(resumed, 'users', users(100).slice(60), { checkpoint: { offset: 100 } });
    assert.equal((await other.commit(resumed, 'users')).inserted, 100);
    await other.finishRun(resumed, { status: 'succeeded' });
    assert.equal(await store.count(TENANT, 'users'), 100);
  });

  test('abandons a released run when a new run of the tenant begins', async ({ store }) => {
    const paused = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(paused, 'users', users(3), { checkpoint: { offset: 3 } });
    await store.releaseRun(paused);
    const run = await store.beginRun(TENANT, { mode: 'full' });
    assert.equal((await store.getRun(TENANT, paused.id))?.status, 'abandoned');
    assert.equal(await store.getCheckpoint(TENANT), undefined);
    assert.equal((await store.diff(run, 'users')).staged, 0);
    await store.finishRun(run, { status: 'succeeded' });
  });

  test('runs different tenants at the same time', async ({ store, open }) => {
    const other = await open();
    const sync = async (handle: RosterStore, tenant: string, count: number) => {
      const run = await handle.beginRun(tenant, { mode: 'full' });
      for (let start = 0; start < count; start += 50) {
        await handle.stage(run, 'users', users(count).slice(start, start + 50), { checkpoint: { start } });
      }
      await handle.commit(run, 'users');
      await handle.finishRun(run, { status: 'succeeded' });
    };
    await Promise.all([
      sync(store, TENANT, 500),
      sync(other, OTHER_TENANT, 300),
      sync(store, 'district-c', 200),
    ]);
    assert.equal(await store.count(TENANT, 'users'), 500);
    assert.equal(await store.count(OTHER_TENANT, 'users'), 300);
    assert.equal(await other.count('district-c', 'users'), 200);
  });

  test('ends every run it finishes with its status and time', async ({ store }) => {
    const run: SyncRunRef = await store.beginRun(TENANT, { mode: 'delta' });
    const finished = await store.finishRun(run, { status: 'failed' });
    assert.deepEqual([finished.status, finished.mode, finished.dryRun], ['failed', 'delta', false]);
    assert.ok(finished.finishedAt !== undefined && finished.finishedAt >= finished.startedAt);
    assert.deepEqual(await store.getRun(TENANT, run.id), finished);
    assert.equal(await store.getRun(OTHER_TENANT, run.id), undefined);
    await rejectsWith(
      store.finishRun(run, { status: 'succeeded' }),
      'SyncRunInactiveError',
      'finishing a finished run',
    );
  });
}
