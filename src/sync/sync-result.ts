import type { OneRosterVersion } from '../index.js';
import type { RosterReport } from './report/report-types.js';
import type { DeletionBaseline } from './roster-store.js';
import type { SyncCheckpoint } from './sync-checkpoint.js';
import type { SyncCollectionName } from './sync-options.js';

/** Why a run took the mode it took. */
export type SyncModeReason =
  /** The caller asked for this mode. */
  | 'requested'
  /** `auto`: no full pull has succeeded for this tenant yet. */
  | 'no-full-sync'
  /** `auto`: the last full pull is older than `fullSyncEveryMs`. */
  | 'full-sync-due'
  /** `auto`: a collection was never pulled in full and has no watermark to start a delta from. */
  | 'no-watermark'
  /** `auto`: a recent full pull and a watermark for every collection. */
  | 'watermarks'
  /** A crashed run of the tenant was resumed in its own mode. */
  | 'resumed'
  /** `auto`: the client's OneRoster version differs from the tenant's, and a switch is a full run. */
  | 'version-switch';

/** Records per school in a dry run, grouped by each record's school or org reference. */
export interface SchoolCounts {
  /** Records per referenced school or org sourcedId (a user in two schools counts in both). */
  readonly bySchool: Readonly<Record<string, number>>;
  /** Records with no school or org reference (academic sessions, the district org, demographics). */
  readonly withoutSchool: number;
}

/**
 * Why the guard refused: `empty`, the provider sent no record while the store holds some;
 * `all-quarantined`, records arrived but every one failed validation; `fraction`, too many would go;
 * `unlinked-rekey`, in a version switch, too many stored records are gone while new ones arrived, with
 * no link from the new to the old (`legacyIdOf` found none): the provider re-keyed them.
 */
export type BlockedDeletionReason = 'empty' | 'all-quarantined' | 'fraction' | 'unlinked-rekey';

/**
 * What the guard measured against: `previous-run`, the active records stored before this run;
 * `baseline`, the collection's baseline, with what was retired since it.
 */
export type DeletionGuardBasis = 'previous-run' | 'baseline';

/** The deletions the guard refused or, in a dry run, would refuse. */
export interface BlockedDeletion {
  readonly reason: BlockedDeletionReason;
  readonly basis: DeletionGuardBasis;
  /** Active records stored before the run. */
  readonly stored: number;
  /** Records this run would retire (tombstone or delete). */
  readonly wouldDelete: number;
  /**
   * The share measured on the basis: `wouldDelete / stored` for `previous-run`;
   * `(baseline.retiredSince + wouldDelete) / baseline.active` for `baseline`.
   */
  readonly fraction: number;
  /** The `maxDeleteFraction` in force. */
  readonly threshold: number;
  /** The baseline compared with (basis `baseline` only): its run, time, active count and retirements since. */
  readonly baseline: DeletionBaseline | undefined;
  /** Records the pull received and quarantined as invalid. */
  readonly quarantined: number;
  /**
   * `all-quarantined` only: the first distinct validation failures, as `path: code` (a field path and
   * zod's issue code, never a value), at most three.
   */
  readonly quarantineReasons: readonly string[];
}

/** What a run did (or, in a dry run, would do) to one collection. */
export interface CollectionReport {
  /** Records received in the final pull, duplicates and quarantined ones included. */
  readonly received: number;
  /** Records that are new, or back from a tombstone. */
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Records now stored as `tobedeleted`: the provider's tombstones and, after a full pull, unseen ones. */
  readonly tombstoned: number;
  /** Rows removed from the store (`tombstones: 'delete'`). */
  readonly deleted: number;
  /**
   * Stored records replaced by the provider's record under a new sourcedId, in a version switch that
   * re-keyed them (found by `legacyIdOf`): neither retired nor new. Counted in `updated` too. 0 in
   * other runs.
   */
  readonly rekeyed: number;
  /** Records that failed validation and were skipped. */
  readonly quarantined: number;
  /** The provider's `X-Total-Count`, when it sent one. */
  readonly total: number | undefined;
  /** Pulls restarted because the collection drifted. */
  readonly restarts: number;
  /**
   * Set when a full pull retired nothing although records were unseen: quarantined records cannot be
   * told apart from deleted ones, so deleting would retire records the provider still has.
   */
  readonly deletionsSkipped: 'quarantined' | undefined;
  /** The collection's watermark after the run (largest `dateLastModified` committed). */
  readonly watermark: string | undefined;
  readonly durationMs: number;
  /** Dry runs only: records per school. */
  readonly schools: SchoolCounts | undefined;
  /** Dry runs only: the deletions the guard would refuse. */
  readonly blocked: BlockedDeletion | undefined;
}

/**
 * Where a run ended: `committed`, its changes are live; `awaiting-review`, nothing is committed and
 * the run waits for `approveRun` or `rejectRun` (`review` option); `dry-run`, nothing was written;
 * `paused`, the `pause` signal stopped it at a checkpoint: the collections in `collections` are
 * committed, the rest waits, staged, for the next sync of the tenant to resume it.
 */
export type SyncResultStatus = 'committed' | 'awaiting-review' | 'dry-run' | 'paused';

/** What {@link syncRoster} (and `approveRun`) returns. */
export interface SyncResult {
  /** The store's id of the run: the one to approve or reject when the run awaits review. */
  readonly runId: string;
  readonly status: SyncResultStatus;
  /**
   * `awaiting-review` only: the roster report of the held run, its tables read from what the run
   * staged (the roster as approving would make it), its change and flags from the run's diff.
   */
  readonly report: RosterReport | undefined;
  readonly mode: 'full' | 'delta';
  readonly modeReason: SyncModeReason;
  readonly dryRun: boolean;
  /** True when this call took over a crashed run and skipped the collections it had committed. */
  readonly resumed: boolean;
  /** The checkpoint of the crashed run when this call resumed one: the collection and offset it had reached. */
  readonly resumedFrom: SyncCheckpoint | undefined;
  /** The largest watermark over the synced collections after the run. */
  readonly watermark: string | undefined;
  /** The OneRoster version the run pulled with (the client's), recorded on the run. */
  readonly version: OneRosterVersion;
  /** The tenant's version before this run, when this run switched it (`versionSwitch: 'allow'`). */
  readonly switchedFrom: OneRosterVersion | undefined;
  /**
   * Per collection, in pull order; collections committed before a resume are left out. For a run
   * awaiting review, what approving it would do (as for a dry run).
   */
  readonly collections: Partial<Record<SyncCollectionName, CollectionReport>>;
}
