import type { RosterStore } from '../../sync/roster-store.js';
import { baselinesContract } from './baselines.js';
import { changeLogContract } from './change-log.js';
import type { ContractTest } from './contract-kit.js';
import { erasureContract } from './erasure.js';
import { heldRunsContract } from './held-runs.js';
import { readsContract } from './reads.js';
import { runsAndLocksContract } from './runs-and-locks.js';
import { stagingAndCommitContract } from './staging-and-commit.js';
import { versionsAndRekeysContract } from './versions-and-rekeys.js';

/** A store under test, and a way to open another handle on the same data. */
export interface RosterStoreFixture {
  /** A store over empty data. */
  store: RosterStore;
  /** Another handle on the same data, as a second worker or a restarted process would open. */
  open(): RosterStore | Promise<RosterStore>;
  /** Removes what the fixture made (files, schemas), after every handle is closed. */
  destroy?(): void | Promise<void>;
}

/** Makes a fresh fixture; called once per test. */
export type RosterStoreFactory = () => RosterStoreFixture | Promise<RosterStoreFixture>;

/**
 * The test functions of any runner that has them: vitest, jest, mocha, node:test. Each test cleans up
 * after itself, so hooks are accepted but not needed.
 */
export interface ContractTestApi {
  /** Your runner's `describe` (vitest, jest, mocha, node:test). */
  describe(name: string, body: () => void): unknown;
  /** Your runner's `it` (or `test`). */
  it(name: string, body: () => Promise<void>): unknown;
  beforeEach?: unknown;
  afterEach?: unknown;
}

function globalTestApi(): ContractTestApi {
  const describe: unknown = Reflect.get(globalThis, 'describe');
  const it: unknown = Reflect.get(globalThis, 'it');
  if (typeof describe !== 'function' || typeof it !== 'function') {
    throw new Error(
      'describeRosterStoreContract needs describe and it: pass { describe, it } from your runner, or enable its globals',
    );
  }
  return { describe: (name, body) => describe(name, body), it: (name, body) => it(name, body) };
}

/**
 * Checks a {@link RosterStore} against every rule of docs/stores.md. Runs in any test runner: the
 * test functions come from `api` (or the runner's globals) and assertions from `node:assert`. Where a
 * store must refuse, the contract names the error it must raise and compares its `name`
 * (`SyncInProgressError`, `SyncRunInactiveError`, `StoreRefusalError`, `EraseRefusedError`,
 * `TypeError`), so a store built against another copy of the package is judged the same way. It also
 * holds a store to erasure: `eraseTenant` and `eraseRecords` leave no row, never under a live run.
 * @example
 * import { describe, it } from 'vitest';
 * import { describeRosterStoreContract } from 'oneroster/testing';
 *
 * describeRosterStoreContract('my store', () => {
 *   const database = createDatabase();
 *   return { store: createMyStore(database), open: () => createMyStore(database) };
 * }, { describe, it });
 */
export function describeRosterStoreContract(
  name: string,
  factory: RosterStoreFactory,
  api: ContractTestApi = globalTestApi(),
): void {
  const test: ContractTest = (title, body) =>
    api.it(title, async () => {
      const fixture = await factory();
      const stores = [fixture.store];
      const open = async () => {
        const store = await fixture.open();
        stores.push(store);
        return store;
      };
      try {
        await body({ store: fixture.store, open });
      } finally {
        for (const store of stores) await store.close();
        await fixture.destroy?.();
      }
    });

  api.describe(`RosterStore contract: ${name}`, () => {
    stagingAndCommitContract(test);
    runsAndLocksContract(test);
    baselinesContract(test);
    readsContract(test);
    versionsAndRekeysContract(test);
    erasureContract(test);
    changeLogContract(test);
    heldRunsContract(test);
  });
}
