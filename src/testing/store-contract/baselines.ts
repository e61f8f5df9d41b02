/** The contract of deletion baselines: set by a commit, summed by later commits, kept across restarts. */
import assert from 'node:assert/strict';
import { type ContractTest, OTHER_TENANT, TENANT, user, users } from './contract-kit.js';

export function baselinesContract(test: ContractTest): void {
  test('sets a deletion baseline with a commit, and sums what later commits retire', async ({
    store,
    open,
  }) => {
    assert.equal(await store.getBaseline(TENANT, 'users'), undefined);
    const first = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(first, 'users', [...users(10), user('gone', { status: 'tobedeleted' })]);
    // Without a baseline, accumulating does nothing.
    await store.stage(first, 'orgs', users(2, 'o'));
    await store.commit(first, 'orgs');
    assert.equal(await store.getBaseline(TENANT, 'orgs'), undefined);
    await store.commit(first, 'users', { baseline: 'set' });
    await store.finishRun(first, { status: 'succeeded' });
    const set = await store.getBaseline(TENANT, 'users');
    assert.deepEqual([set?.runId, set?.active, set?.retiredSince], [first.id, 10, 0]);
    assert.ok(typeof set?.setAt === 'string' && !Number.isNaN(Date.parse(set.setAt)));

    const full = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(full, 'users', [...users(7), user('new')]);
    await store.commit(full, 'users');
    await store.finishRun(full, { status: 'succeeded' });
    const delta = await store.beginRun(TENANT, { mode: 'delta' });
    await store.stage(delta, 'users', [user('u000000', { status: 'tobedeleted' }), user('newer')]);
    await store.commit(delta, 'users');
    await store.finishRun(delta, { status: 'succeeded' });
    const kept = await store.beginRun(TENANT, { mode: 'full' });
    await store.stage(kept, 'users', users(2));
    await store.commit(kept, 'users', { unseen: 'keep' });
    await store.finishRun(kept, { status: 'succeeded' });
    // 3 unseen + 1 tombstone; arrivals and unseen records that were kept do not count.
    assert.deepEqual(
      { ...(await store.getBaseline(TENANT, 'users')), setAt: '' },
      {
        ...set,
        setAt: '',
        retiredSince: 4,
      },
    );
    assert.equal(await store.getBaseline(OTHER_TENANT, 'users'), undefined);

    await store.close();
    const restarted = await open();
    assert.equal((await restarted.getBaseline(TENANT, 'users'))?.retiredSince, 4);
    const accepted = await restarted.beginRun(TENANT, { mode: 'full' });
    await restarted.stage(accepted, 'users', users(5));
    await restarted.commit(accepted, 'users', { baseline: 'set' });
    const moved = await restarted.getBaseline(TENANT, 'users');
    assert.deepEqual([moved?.runId, moved?.active, moved?.retiredSince], [accepted.id, 5, 0]);
  });
}
