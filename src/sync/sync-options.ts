import type { EntityOfCollection, FieldSelection, OneRosterClientOf, OneRosterVersion } from '../index.js';
import type { ReportThresholds } from './report/report-options.js';
import type { RosterSource } from './roster-source.js';
import type { ChangeLogOptions, RosterStore } from './roster-store.js';
import type { SyncProgressListener } from './sync-progress.js';
import type { VersionSwitchOptions } from './version-switch-options.js';

/**
 * The collections a sync pulls, in the order it pulls them: parents before the records that point at
 * them, so a reader never sees an enrollment whose class arrives only in the next collection.
 */
export const SYNC_COLLECTIONS = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
  'demographics',
] as const;

/** A collection the sync engine can pull. */
export type SyncCollectionName = (typeof SYNC_COLLECTIONS)[number];

/** The collections synced when `collections` is not given: every one but demographics (privacy). */
export const DEFAULT_SYNC_COLLECTIONS: readonly SyncCollectionName[] = SYNC_COLLECTIONS.filter(
  (name) => name !== 'demographics',
);

/** The entity each synced collection serves, for typing per-collection field lists (`users`: `user`). */
export type SyncCollectionEntities = { readonly [C in SyncCollectionName]: EntityOfCollection<C> };

/**
 * A field list for each collection named, of the fields of OneRoster version `V` (a 1.2 user list may
 * name `roles`, a 1.1 one `role` and `orgs`); see {@link SyncFieldSelections}.
 */
export type SyncCollectionFieldSelections<V extends OneRosterVersion = '1.1'> = {
  [C in SyncCollectionName]?: FieldSelection<EntityOfCollection<C>, V>;
};

/**
 * Field lists per collection; a collection left out is pulled with `default` (every field when
 * absent). For a client whose version is known only at run time, the lists may name the fields both
 * versions have.
 */
export type SyncFieldSelections<V extends OneRosterVersion = '1.1'> = SyncCollectionFieldSelections<V> & {
  /** The selection of collections not named here. `'minimal'` does not apply to demographics. */
  default?: 'minimal';
};

/** Limits on what one run may delete; see {@link SyncOptions.deletionGuard}. */
export interface DeletionGuardOptions {
  /**
   * Largest share of a collection's active records one run may delete or tombstone (0 to 1).
   * @default 0.1
   */
  maxDeleteFraction?: number;
  /**
   * Accept an empty collection from the provider for a tenant that has records (a district that
   * really emptied it). Without it an empty answer is refused, as providers send one on outages.
   * @default false
   */
  allowEmpty?: boolean;
  /**
   * How long a collection's deletion baseline holds, in milliseconds. Besides each run's own
   * retirements, the guard sums what runs retired since the baseline (the roster as of the first full
   * run, or the last run you accepted) and refuses once that passes `maxDeleteFraction` of the
   * baseline, so a provider that drops 9% a night is stopped on the second night. A baseline older
   * than this is replaced by the next run that passes the guard.
   * @default 2_592_000_000 (30 days)
   */
  windowMs?: number;
}

/**
 * Options of {@link syncRoster}. Only `client` (or `source`), `store` and `tenant` are required. `V` is
 * the client's OneRoster version, which types the field lists; it is inferred from `client`.
 */
export interface SyncOptions<V extends OneRosterVersion = '1.1'> extends VersionSwitchOptions {
  /**
   * The client for the district's provider, from `createOneRosterClient`, of either OneRoster
   * version (`version: '1.2'`). Each run records the version in the store; a client of another
   * version than the tenant's last full sync is a version switch (`versionSwitch`). Give this or
   * `source`, not both.
   */
  client?: OneRosterClientOf<V>;
  /**
   * Where to read the roster from instead of a client: a OneRoster CSV package
   * (`await openCsvPackage(path)` from `oneroster/csv`). A bulk package runs as a full sync (the
   * deletion guard applies), a delta package as a delta with its tombstones; the collections the
   * package does not hold are left as they are.
   */
  source?: RosterSource;
  /** Where the roster is kept: `createMemoryStore()`, `createSqliteStore(...)`, `createPostgresStore(...)`. */
  store: RosterStore;
  /**
   * The district connection this roster belongs to; every store row is keyed by it.
   * @example 'district-7'
   */
  tenant: string;
  /**
   * `full` pulls every record and retires the ones the provider no longer sends; `delta` pulls what
   * changed since the watermark; `auto` runs a full pull when there is no watermark or the last full
   * pull is older than `fullSyncEvery`, a delta otherwise. A `source` with a mode of its own (a CSV
   * package) runs in that mode; another one given here is refused.
   * @default 'auto'
   */
  mode?: 'full' | 'delta' | 'auto';
  /**
   * Collections to sync; they are always pulled in dependency order, whatever the order given here.
   * Demographics (race, birth data) are pulled only when named.
   * @default ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments']
   */
  collections?: readonly SyncCollectionName[];
  /**
   * Fields to ask for: `'minimal'` (the privacy preset of the client's version for every collection
   * but demographics), or lists per collection, of the client's version. `sourcedId`, `status` and
   * `dateLastModified` are always added: stores and deltas need them. Every field when absent.
   * @example { default: 'minimal', demographics: ['sourcedId', 'status', 'dateLastModified', 'birthDate'] }
   */
  fields?: 'minimal' | SyncFieldSelections<V>;
  /**
   * Refuses a run that would delete too much (a provider outage answering with an empty or partial
   * roster looks exactly like a district deleting its students), in one run or summed since the
   * collection's baseline. `false` turns the guard off. To accept a shrink the guard refused, run once
   * with `false` or a `maxDeleteFraction` above what was refused: that run moves the baseline.
   * @default { maxDeleteFraction: 0.1, allowEmpty: false, windowMs: 2_592_000_000 }
   */
  deletionGuard?: DeletionGuardOptions | false;
  /**
   * Pull, stage and diff, report what would change (per collection and per school), and write nothing
   * to the live roster.
   * @default false
   */
  dryRun?: boolean;
  /**
   * Review before go-live. `always`: pull, stage and check every collection, then stop in status
   * `awaiting-review` with nothing committed (`SyncResult.status`, `runId`, `report`) until
   * `approveRun` commits exactly what was staged or `rejectRun` discards it. `on-threshold`: the same,
   * but only when a collection's change passes `reviewThresholds`; a run under them commits.
   * `never`: each collection commits after its pull, as without review. A dry run never waits.
   * @default 'never'
   */
  review?: 'always' | 'on-threshold' | 'never';
  /**
   * When `review: 'on-threshold'` holds a run: more than this share of a collection's active records
   * updated, or retired (tombstoned, deleted, unseen by a full pull). The report's flags use the same.
   * @default { maxUpdatedFraction: 0.75, maxRetiredFraction: 0.1 }
   */
  reviewThresholds?: ReportThresholds;
  /**
   * How long a run awaits review before it expires (its staging discarded, status `expired`), in
   * milliseconds. The tenant syncs nothing while a run awaits review.
   * @default 604_800_000 (7 days)
   */
  reviewExpiresAfterMs?: number;
  /** Aborts the run; it finishes as `aborted` and the stored roster stays as it was. */
  signal?: AbortSignal;
  /**
   * Pauses the run at its next checkpoint instead of ending it: the call returns `status: 'paused'`,
   * the run stays `running` in the store with what it staged and its checkpoint, and the next
   * `syncRoster` of the tenant, in this or any process, resumes it from there (`resumed: true`).
   * What the run had committed before the pause stays committed. For a sync window that closes
   * mid-run; `signal` wins when both abort. A dry run is never resumed: a pause aborts it.
   */
  pause?: AbortSignal;
  /** Progress per collection (started, page, restarted, committed, finished), e.g. for a CLI progress line. */
  onProgress?: SyncProgressListener;
  /**
   * In `auto` mode, the longest time between full pulls, in milliseconds: some providers never report
   * deletions, so only a full pull retires what they dropped.
   * @default 604_800_000 (7 days)
   */
  fullSyncEveryMs?: number;
  /**
   * How far before the watermark a delta starts, in milliseconds, so records stamped by a provider
   * whose clock or commits lag are not missed. Records seen twice are unchanged and cost nothing.
   * @default 60_000
   */
  overlapMs?: number;
  /**
   * What happens to records the provider retires: `keep` stores them with `status: 'tobedeleted'`,
   * `delete` removes them from the store.
   * @default 'keep'
   */
  tombstones?: 'keep' | 'delete';
  /**
   * The change log each commit writes (see `changes()` and docs/sync.md): which values it keeps
   * (`'none'`, `'changed-fields'` or `'full'`) and for how many days. `false` writes none.
   * @default { values: 'changed-fields' }, kept until pruned
   */
  changeLog?: ChangeLogOptions | false;
  /**
   * Restarts of a collection whose pull drifted (its total or `x-perm-rev` moved) before the run fails.
   * @default 2
   */
  maxRestarts?: number;
  /**
   * Resume a run of this tenant that crashed (its process died), keeping the collections it committed.
   * @default true
   */
  resume?: boolean;
  /**
   * Clock in milliseconds since the epoch, for `fullSyncEveryMs` and durations; tests inject one.
   * @default Date.now
   */
  now?: () => number;
}
