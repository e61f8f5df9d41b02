import type { CommitResult, JsonValue, SyncRun } from './store-types.js';

/**
 * What a commit did to one stored record, judged by the record before and after the commit:
 * `insert` (not stored before), `delete` (not stored after), `tombstone` (active before,
 * `tobedeleted` after), `revive` (`tobedeleted` before, active after), `update` (anything else that
 * changed). A re-keyed record (`CommitOptions.rekey`) is a `delete` of its old sourcedId followed by
 * an `insert` of its new one, in the same commit.
 */
export type ChangeOp = 'insert' | 'update' | 'tombstone' | 'revive' | 'delete';

/** One entry of a tenant's change log, written by a commit in the commit's transaction. */
export interface ChangeRecord {
  /** 1 for a tenant's first change, then one more per change, without gaps, in committed order. */
  seq: number;
  tenant: string;
  /** The run whose commit made the change. */
  runId: string;
  collection: string;
  sourcedId: string;
  op: ChangeOp;
  /**
   * The top-level fields that differ, sorted. An insert lists every field of the new record, a
   * delete every field of the old one.
   */
  changedFields: string[];
  /** The record before, per `ChangeLogOptions.values`; absent for an insert or with `values: 'none'`. */
  before?: Record<string, JsonValue>;
  /** The record after, per `ChangeLogOptions.values`; absent for a delete or with `values: 'none'`. */
  after?: Record<string, JsonValue>;
  /** ISO 8601 datetime of the commit, on the store's clock. */
  at: string;
}

/** What the change log keeps (`CommitOptions.changeLog`, `SyncOptions.changeLog`). */
export interface ChangeLogOptions {
  /**
   * The values kept in `before` and `after`: `none` (only which fields changed), `changed-fields`
   * (the changed fields' values; an insert keeps its whole new record) or `full` (both whole records).
   * The log holds student data: keep no more than the application needs.
   * @default 'changed-fields'
   */
  values?: 'none' | 'changed-fields' | 'full';
  /**
   * Change records older than this many days are pruned, by each commit of the tenant.
   * @default kept until pruned with `pruneChanges`
   */
  retainDays?: number;
}

/** Options of `RosterStore.readChanges`: one page of a tenant's change log. */
export interface ReadChangesOptions {
  /** Only changes with a greater seq (exclusive). @default 0, from the first */
  after?: number;
  /** Only changes of these collections. @default every collection */
  collections?: readonly string[];
  /** At most this many changes. */
  limit: number;
}

/** Options of `RosterStore.listRuns`. */
export interface ListRunsOptions {
  /** At most this many runs, newest first. @default every run */
  limit?: number;
}

/** A run with what each of its commits did, as `RosterStore.listRuns` returns it. */
export interface SyncRunSummary extends SyncRun {
  /** Per committed collection, the commit's `CommitResult`. */
  readonly counts: Readonly<Record<string, CommitResult>>;
}
