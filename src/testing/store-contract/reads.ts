/** The contract of reads, watermarks and history: tenants apart, sourcedId order, copies. */
import assert from 'node:assert/strict';
import {
  type ContractTest,
  collect,
  hashOf,
  OTHER_TENANT,
  seed,
  TENANT,
  user,
  users,
} from './contract-kit.js';

const ITERATED_RECORDS = 2_345;

export function readsContract(test: ContractTest): void {
  test('isolates tenants that share sourcedIds', async ({ store }) => {
    await seed(store, 'users', [user('same', { username: 'in-a' }), user('only-a')], TENANT);
    await seed(store, 'users', [user('same', { username: 'in-b' }), user('only-b')], OTHER_TENANT);
    const run = await store.beginRun(TENANT, { mode: 'full' });
    const other = await store.beginRun(OTHER_TENANT, { mode: 'full' });
    await store.stage(run, 'users', [user('new-a')], { checkpoint: { tenant: 'a' } });
    await store.stage(other, 'users', [user('same', { username: 'in-b' }), user('only-b')]);
    assert.deepEqual(await store.diff(other, 'users'), {
      staged: 2,
      inserted: 0,
      updated: 0,
      unchanged: 2,
      tombstoned: 0,
      unseen: 0,
    });
    await store.commit(run, 'users', { unseen: 'delete', watermark: '2026-01-05T00:00:00Z' });
    assert.equal((await store.get(OTHER_TENANT, 'users', 'same'))?.['username'], 'in-b');
    assert.equal(await store.count(OTHER_TENANT, 'users'), 2);
    assert.equal(await store.getWatermark(OTHER_TENANT, 'users'), undefined);
    assert.equal(await store.getCheckpoint(OTHER_TENANT), undefined);
    assert.deepEqual(await collect(store.iterate(TENANT, 'users')), [user('new-a')]);
  });

  test('keeps watermarks per tenant and collection, and saves one with a commit', async ({ store }) => {
    assert.equal(await store.getWatermark(TENANT, 'users'), undefined);
    await store.setWatermark(TENANT, 'users', '2026-01-01T00:00:00Z');
    await store.setWatermark(TENANT, 'classes', '2026-01-02T00:00:00Z');
    const run = await store.beginRun(TENANT, { mode: 'delta' });
    await store.stage(run, 'users', [user('a')]);
    await store.commit(run, 'users', {
      watermark: '2026-01-03T00:00:00Z',
      checkpoint: { next: 'classes' },
    });
    assert.equal(await store.getWatermark(TENANT, 'users'), '2026-01-03T00:00:00Z');
    assert.equal(await store.getWatermark(TENANT, 'classes'), '2026-01-02T00:00:00Z');
    assert.deepEqual((await store.getCheckpoint(TENANT))?.data, { next: 'classes' });
    await store.setWatermark(TENANT, 'classes', undefined);
    assert.equal(await store.getWatermark(TENANT, 'classes'), undefined);
  });

  test('reports the last full sync that succeeded, ignoring deltas, dry runs and failures', async ({
    store,
  }) => {
    assert.equal(await store.lastFullSync(TENANT), undefined);
    const full = await store.beginRun(TENANT, { mode: 'full' });
    await store.finishRun(full, { status: 'succeeded' });
    const attempts = [
      { mode: 'delta', dryRun: false, status: 'succeeded' },
      { mode: 'full', dryRun: true, status: 'succeeded' },
      { mode: 'full', dryRun: false, status: 'failed' },
    ] as const;
    for (const attempt of attempts) {
      const run = await store.beginRun(TENANT, attempt);
      await store.finishRun(run, { status: attempt.status });
    }
    const last = await store.lastFullSync(TENANT);
    assert.deepEqual([last?.id, last?.status, last?.mode], [full.id, 'succeeded', 'full']);
    assert.equal(typeof last?.finishedAt, 'string');
    assert.equal(await store.lastFullSync(OTHER_TENANT), undefined);
  });

  test('counts, gets and iterates stored records in sourcedId order, page by page', async ({ store }) => {
    const records = users(ITERATED_RECORDS).map((record, index) =>
      index % 10 === 0 ? { ...record, status: 'tobedeleted' as const } : record,
    );
    const shuffled = [...records].sort((a, b) => hashOf(a.sourcedId) - hashOf(b.sourcedId));
    const run = await store.beginRun(TENANT, { mode: 'full' });
    for (let start = 0; start < shuffled.length; start += 500) {
      await store.stage(run, 'users', shuffled.slice(start, start + 500));
    }
    await store.commit(run, 'users');
    await store.finishRun(run, { status: 'succeeded' });
    assert.deepEqual(await collect(store.iterate(TENANT, 'users', { pageSize: 100 })), records);
    const active = await collect(store.iterate(TENANT, 'users', { status: 'active', pageSize: 7 }));
    assert.deepEqual(
      active,
      records.filter((record) => record.status === 'active'),
    );
    assert.equal(
      await store.count(TENANT, 'users', { status: 'tobedeleted' }),
      Math.ceil(ITERATED_RECORDS / 10),
    );
    const tail = await collect(store.iterate(TENANT, 'users', { after: 'u002339' }));
    assert.deepEqual(tail, records.slice(2340));
    let seen = 0;
    for await (const _ of store.iterate(TENANT, 'users')) if (++seen === 5) break;
    await seed(store, 'orgs', users(2, 'o'));
    assert.equal(await store.count(TENANT, 'orgs'), 2);
    assert.deepEqual(await collect(store.iterate(TENANT, 'courses')), []);
  });

  test('orders sourcedIds by code point, whatever their script', async ({ store }) => {
    const ids = ['b', 'B', 'a-1', 'a_1', 'é', 'z', '\u{1F600}', '\uFF21', '10', '9'];
    await seed(
      store,
      'orgs',
      ids.map((id) => user(id)),
    );
    const order = (await collect(store.iterate(TENANT, 'orgs', { pageSize: 3 }))).map((r) => r.sourcedId);
    assert.deepEqual(order, ['10', '9', 'B', 'a-1', 'a_1', 'b', 'z', 'é', '\uFF21', '\u{1F600}']);
  });
}
