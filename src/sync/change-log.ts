import type { ChangeRecord, RosterStore, SyncRunSummary } from './roster-store.js';

/** Change records read from the store per `readChanges` call. */
const CHANGES_PAGE_SIZE = 500;

/** Options of {@link changes}. */
export interface ChangesOptions {
  /** Only changes with a greater seq (exclusive): the last seq your application applied. @default 0 */
  after?: number;
  /** Only changes of these collections. @default every collection */
  collections?: readonly string[];
  /** At most this many changes. @default every change */
  limit?: number;
}

/**
 * A tenant's change log in seq order, read page by page (memory stays bounded by one page), so a
 * worker applies each change idempotently and resumes after the last seq it applied.
 * @example
 * for await (const change of changes(store, 'district-7', { after: await lastAppliedSeq() })) {
 *   await applyToMyApp(change);
 *   await saveLastAppliedSeq(change.seq);
 * }
 */
export async function* changes(
  store: RosterStore,
  tenant: string,
  options: ChangesOptions = {},
): AsyncGenerator<ChangeRecord> {
  const { collections } = options;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  if (!(remaining >= 0)) throw new TypeError('changes: `limit` must be a non-negative number');
  let after = options.after ?? 0;
  while (remaining > 0) {
    const limit = Math.min(CHANGES_PAGE_SIZE, remaining);
    const page = await store.readChanges(tenant, {
      after,
      limit,
      ...(collections === undefined ? {} : { collections }),
    });
    for (const change of page) yield change;
    const last = page.at(-1);
    if (last === undefined || page.length < limit) return;
    remaining -= page.length;
    after = last.seq;
  }
}

/** One run of {@link syncHistory}: the run as stored, with what each of its commits did. */
export type SyncHistoryEntry = SyncRunSummary;

/** Options of {@link syncHistory}. */
export interface SyncHistoryOptions {
  /** At most this many runs, newest first. @default every run */
  limit?: number;
}

/**
 * A tenant's runs, newest first, each with its per-collection counts (inserted, updated, unchanged,
 * tombstoned, unseen, deleted), as the store kept them at each commit.
 * @example
 * for (const run of await syncHistory(store, 'district-7', { limit: 10 })) {
 *   console.log(run.startedAt, run.status, run.counts.users?.updated ?? 0);
 * }
 */
export function syncHistory(
  store: RosterStore,
  tenant: string,
  options: SyncHistoryOptions = {},
): Promise<SyncHistoryEntry[]> {
  return store.listRuns(tenant, options);
}
