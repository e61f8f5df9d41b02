import type { OneRosterVersion } from '../../index.js';

/** A record's status. 1.0's `inactive` is mapped to `tobedeleted` before a record reaches a store. */
export type RecordStatus = 'active' | 'tobedeleted';

/** Any value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A OneRoster record as a store keeps it: plain JSON with at least these three properties.
 * Stores treat every other property as opaque.
 */
export interface RosterRecord {
  sourcedId: string;
  status: RecordStatus;
  /** ISO 8601 datetime, as the provider sent it. */
  dateLastModified: string;
  [property: string]: unknown;
}

/** `full` pulls a whole collection, so records it did not see are gone; `delta` pulls changes only. */
export type SyncMode = 'full' | 'delta';

/**
 * `running` until the engine finishes the run. A run that crashed or whose store was closed stays
 * `running`, and can be resumed; `abandoned` is a crashed run that a new run replaced.
 * `awaiting-review`: a run stopped before its commits with everything staged (review before
 * go-live), until it is approved (it runs again, then `succeeded`), `rejected`, or `expired`.
 */
export type SyncRunStatus =
  | 'running'
  | 'awaiting-review'
  | 'succeeded'
  | 'failed'
  | 'aborted'
  | 'abandoned'
  | 'rejected'
  | 'expired';

/** What a store needs to find a run: its id and its tenant. */
export interface SyncRunRef {
  readonly id: string;
  /** The district connection the run syncs. */
  readonly tenant: string;
}

/** A sync run as the store records it. */
export interface SyncRun extends SyncRunRef {
  readonly mode: SyncMode;
  /** A dry run stages and diffs, and can never commit. */
  readonly dryRun: boolean;
  /**
   * The OneRoster version of the client the run pulled with. Runs recorded before stores kept it read
   * as `'1.1'`, the only version there was.
   */
  readonly version: OneRosterVersion;
  readonly status: SyncRunStatus;
  /** ISO 8601 datetime. */
  readonly startedAt: string;
  /** ISO 8601 datetime; undefined while running. */
  readonly finishedAt: string | undefined;
  /** Collections this run has committed, in commit order. */
  readonly committed: readonly string[];
}

/** The engine's resume point for a tenant, saved by the store with the batch it follows. */
export interface Checkpoint {
  /** The run that saved it. */
  readonly runId: string;
  /** Opaque to the store, e.g. `{ collection, offset }`. */
  readonly data: JsonValue;
  /** ISO 8601 datetime. */
  readonly savedAt: string;
}

/**
 * What committing a collection's staged records would change. Each staged record falls into
 * exactly one of `unchanged`, `tombstoned`, `inserted` and `updated`, checked in that order,
 * or into none of them when it is a tombstone for a record that is not active in the store.
 */
export interface CollectionDiff {
  /** Distinct records staged for the collection. */
  readonly staged: number;
  /** Active staged records that are not active in the store (new, or back from a tombstone). */
  readonly inserted: number;
  /** Active staged records whose stored version is active with other content. */
  readonly updated: number;
  /** Staged records whose stored version has the same content hash. */
  readonly unchanged: number;
  /** Staged tombstones (`status: 'tobedeleted'`) of records that are active in the store. */
  readonly tombstoned: number;
  /** Active stored records the run did not stage. Always 0 for a delta run. */
  readonly unseen: number;
}

/**
 * The deletion guard's reference point for a collection: the roster as of a commit the guard passed
 * or the user accepted, and what was retired since. A guard that compares each run only with the run
 * before lets a provider that drops 9% a night empty a district; retirements summed since the
 * baseline do not.
 */
export interface DeletionBaseline {
  /** The run whose commit set it. */
  readonly runId: string;
  /** ISO 8601 datetime of that commit, on the store's clock. */
  readonly setAt: string;
  /** Active records of the collection right after that commit. */
  readonly active: number;
  /**
   * Records retired (tombstoned or removed: the provider's tombstones and unseen records) by the
   * commits since, summed. Records that came back later are not subtracted.
   */
  readonly retiredSince: number;
}

/** What a commit did: the diff it applied, and how many stored rows it removed. */
export interface CommitResult extends CollectionDiff {
  /** Rows removed: tombstones with `tombstones: 'delete'`, unseen records with `unseen: 'delete'`. */
  readonly deleted: number;
}

/**
 * What an erasure removed, without any personal data: the tenant, the store's time, and the rows
 * deleted per table (the store's own table names; a table with nothing of the tenant counts 0).
 */
export interface EraseReceipt {
  readonly tenant: string;
  /** ISO 8601 datetime of the erasure, on the store's clock. */
  readonly erasedAt: string;
  /** Rows deleted, by table. */
  readonly tables: Readonly<Record<string, number>>;
}

/** What {@link EraseReceipt} says of an erasure of single records (a person's request). */
export interface RecordsEraseReceipt extends EraseReceipt {
  readonly collection: string;
  /** Distinct sourcedIds asked for, whether or not the store held them. */
  readonly requested: number;
}

/** A run awaiting review, as the store keeps it (see `RosterStore.holdRun`). */
export interface HeldRunRecord {
  /** The run, with status `awaiting-review`. */
  readonly run: SyncRun;
  /** ISO 8601 datetime, on the store's clock. */
  readonly heldAt: string;
  /** ISO 8601 datetime after which the store discards the run (status `expired`) when it next sees it. */
  readonly expiresAt: string;
  /** What approving the run commits: opaque to the store, written by the sync engine. */
  readonly plan: JsonValue;
}
