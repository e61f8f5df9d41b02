import { describe, expect, it } from 'vitest';
import { createMemoryStore, createMemoryStoreData } from '../../src/sync/memory-store.js';
import type { RosterStore } from '../../src/sync/roster-store.js';
import { describeRosterStoreContract } from '../../src/testing/index.js';

/** A change to the reference store that a third-party store could ship. */
type Deviation = (store: RosterStore) => Partial<RosterStore>;

/** Rejects with `error` wherever the reference store rejects. */
function rethrowing<A extends unknown[], R>(
  method: (...args: A) => Promise<R>,
  error: () => Error,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await method(...args);
    } catch {
      throw error();
    }
  };
}

const DEVIATIONS: Record<string, { test: string; deviation: Deviation }> = {
  'refuses a busy tenant with a plain Error': {
    test: 'refuses a second live run of a tenant, from this store or another',
    deviation: (store) => ({ beginRun: rethrowing(store.beginRun, () => new Error('busy')) }),
  },
  'fails on a dry-run commit with a TypeError (a bug) instead of refusing it': {
    test: 'leaves the stored snapshot unchanged when a run fails, aborts or is a dry run',
    deviation: (store) => ({
      commit: rethrowing(
        store.commit,
        () => new TypeError("Cannot read properties of undefined (reading 'id')"),
      ),
    }),
  },
  'refuses a dry-run commit with a plain Error instead of a StoreRefusalError': {
    test: 'leaves the stored snapshot unchanged when a run fails, aborts or is a dry run',
    deviation: (store) => ({ commit: rethrowing(store.commit, () => new Error('A dry run cannot commit')) }),
  },
  'refuses an invalid record with a RangeError': {
    test: 'rejects a batch with an invalid record, staging none of it',
    deviation: (store) => ({ stage: rethrowing(store.stage, () => new RangeError('bad record')) }),
  },
  'loses its run on a second commit (SyncRunInactiveError) instead of refusing it': {
    test: 'refuses to stage or commit a collection again once the run committed it',
    deviation: (store) => ({
      commit: rethrowing(store.commit, () =>
        Object.assign(new Error('gone'), { name: 'SyncRunInactiveError' }),
      ),
    }),
  },
  'ends a released run instead of leaving it resumable': {
    test: 'releases a run it holds, as a pause: another handle resumes it with its staging and checkpoint',
    deviation: (store) => ({ releaseRun: (run) => store.finishRun(run, { status: 'aborted' }) }),
  },
  'erases the records of a tenant but keeps its runs and baselines': {
    test: 'erases every row of a tenant, which then syncs as a first sync, and leaves other tenants alone',
    deviation: (store) => ({
      eraseTenant: async (tenant) => {
        const records = await store.eraseRecords(tenant, 'users', ['u000000', 'u000001', 'gone']);
        return { tenant, erasedAt: records.erasedAt, tables: { records: 24 } };
      },
    }),
  },
  'refuses an erasure under a live run with SyncInProgressError': {
    test: 'refuses to erase a tenant or its records while a run of it is live, from this store or another',
    deviation: (store) => ({
      eraseTenant: rethrowing(store.eraseTenant, () =>
        Object.assign(new Error('busy'), { name: 'SyncInProgressError' }),
      ),
    }),
  },
};

let deviation: Deviation | undefined;
const contractTests = new Map<string, () => Promise<void>>();
describeRosterStoreContract(
  'the reference store, changed by the test',
  () => {
    const data = createMemoryStoreData();
    const open = () => {
      const store = createMemoryStore({ data });
      return { ...store, ...deviation?.(store) };
    };
    return { store: open(), open };
  },
  { describe: (_name, body) => body(), it: (name, body) => contractTests.set(name, body) },
);

function contractTest(name: string): () => Promise<void> {
  const body = contractTests.get(name);
  if (body === undefined) throw new Error(`the store contract has no test "${name}"`);
  return body;
}

describe('the published store contract', () => {
  it.each(Object.entries(DEVIATIONS))('fails a store that %s', async (_, { test, deviation: change }) => {
    deviation = undefined;
    await contractTest(test)();
    deviation = change;
    try {
      await expect(contractTest(test)()).rejects.toMatchObject({ name: 'AssertionError' });
    } finally {
      deviation = undefined;
    }
  });
});
