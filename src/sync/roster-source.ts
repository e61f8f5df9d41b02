import type { OneRosterVersion, Page, PullSummary } from '../index.js';
import type { PullRequest } from './open-client-pull.js';
import type { SyncCollectionName } from './sync-options.js';

/** One collection's read from a source: its pages, and what the read saw once it ends. */
export interface RosterSourcePull {
  /** The records page by page; each iteration is a new read. */
  pages(): AsyncIterable<Page<unknown>>;
  /** What the latest read saw; `complete` says it reached the end. */
  readonly summary: PullSummary;
}

/**
 * Where {@link syncRoster} reads a roster from, in place of a client: a client's pull (what `client`
 * is turned into) or a OneRoster CSV package (`openCsvPackage` of `oneroster/csv`). The sync engine
 * sees only this, so it stays ignorant of HTTP and of files alike.
 */
export interface RosterSource {
  /** The OneRoster version of the records, recorded on each run. */
  readonly version: OneRosterVersion;
  /**
   * The run mode the data itself is (a bulk package is a full snapshot, a delta package a delta), or
   * undefined when the caller's `mode` decides (a client can do both).
   */
  readonly mode: 'full' | 'delta' | undefined;
  /**
   * The collections the source holds, or undefined for every one. A collection it does not hold is
   * skipped, never retired (a package without `orgs.csv` says nothing about orgs).
   */
  readonly collections: readonly SyncCollectionName[] | undefined;
  /**
   * Opens a read of one collection. `fields` was checked against the entity in `version`: `'minimal'`,
   * a list of names (stored records keep only these), or undefined for every field.
   */
  pull(
    collection: SyncCollectionName,
    fields: 'minimal' | readonly string[] | undefined,
    request: PullRequest,
  ): RosterSourcePull;
}
