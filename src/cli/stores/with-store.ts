import type { RosterStore } from '../../sync/roster-store.js';
import { isStoreError } from '../../sync/store/store-error.js';
import type { CommandContext } from '../command-context.js';
import { openStore } from './open-store.js';
import { StoreFailure } from './store-failure.js';
import { DEFAULT_STORE, describeStore, parseStoreSpec } from './store-spec.js';

/**
 * Opens the store of `--store` (or ONEROSTER_STORE) for `work`, then closes it. A store that fails is
 * named as `--store` gave it (exit code 7), so a down database is not taken for something else.
 */
export async function withStore<T>(
  given: string | undefined,
  context: CommandContext,
  work: (store: RosterStore) => Promise<T>,
): Promise<T> {
  const spec = parseStoreSpec(given ?? (context.env['ONEROSTER_STORE'] || DEFAULT_STORE), context.cwd);
  const storeFailure = (error: unknown): unknown =>
    isStoreError(error) ? new StoreFailure(describeStore(spec), error) : error;
  const store = await openStore(spec).catch((error: unknown) => {
    throw storeFailure(error);
  });
  try {
    return await work(store);
  } catch (error) {
    throw storeFailure(error);
  } finally {
    await store.close();
  }
}
