import type { RosterStore } from '../../sync/roster-store.js';
import { isStoreError } from '../../sync/store/store-error.js';
import type { CommandContext } from '../command-context.js';
import { openStore } from '../stores/open-store.js';
import { StoreFailure } from '../stores/store-failure.js';
import { DEFAULT_STORE, describeStore, parseStoreSpec } from '../stores/store-spec.js';
import { UsageError } from '../usage-error.js';

/** The options `review`, `approve` and `reject` share: which store, which tenant, which run. */
export const REVIEW_STORE_OPTIONS = {
  store: { type: 'string' },
  tenant: { type: 'string' },
} as const;

/** The help lines of {@link REVIEW_STORE_OPTIONS}. */
export const REVIEW_STORE_HELP = `  --store SPEC           ONEROSTER_STORE   sqlite:PATH or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})
  --tenant NAME          ONEROSTER_TENANT  the district connection (default "default")`;

/**
 * Runs `work` on the store `--store` names (as `sync` selects it), closing it after, with a failing
 * store named as given.
 */
export async function withReviewStore<T>(
  values: { store?: string | undefined; tenant?: string | undefined },
  context: CommandContext,
  work: (store: RosterStore, tenant: string, described: string) => Promise<T>,
): Promise<T> {
  const tenant = values.tenant ?? (context.env['ONEROSTER_TENANT'] || 'default');
  const spec = parseStoreSpec(values.store ?? (context.env['ONEROSTER_STORE'] || DEFAULT_STORE), context.cwd);
  const failure = (error: unknown): unknown =>
    isStoreError(error) ? new StoreFailure(describeStore(spec), error) : error;
  const store = await openStore(spec).catch((error: unknown) => {
    throw failure(error);
  });
  try {
    return await work(store, tenant, describeStore(spec));
  } catch (error) {
    throw failure(error);
  } finally {
    await store.close();
  }
}

/** `--run ID`, required by approve and reject. */
export function requireRun(command: string, run: string | undefined): string {
  if (run === undefined || run === '') {
    throw new UsageError(`${command} needs --run ID: the run awaiting review (oneroster review prints it)`);
  }
  return run;
}
