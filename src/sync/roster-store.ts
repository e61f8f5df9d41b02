import type { OneRosterVersion } from '../index.js';
import type {
  ChangeLogOptions,
  ChangeRecord,
  ListRunsOptions,
  ReadChangesOptions,
  SyncRunSummary,
} from './store/change-types.js';
import type {
  Checkpoint,
  CollectionDiff,
  CommitResult,
  DeletionBaseline,
  EraseReceipt,
  HeldRunRecord,
  JsonValue,
  RecordStatus,
  RecordsEraseReceipt,
  RosterRecord,
  SyncMode,
  SyncRun,
  SyncRunRef,
} from './store/store-types.js';

export type * from './store/change-types.js';
export type * from './store/store-types.js';

/** How a run starts. */
export interface BeginRunOptions {
  mode: SyncMode;
  /**
   * Stage and diff only: `commit` refuses, and finishing the run discards what it staged.
   * @default false
   */
  dryRun?: boolean;
  /**
   * The OneRoster version of the client the run pulls with, kept on the run (`SyncRun.version`), so
   * the sync engine can tell when a tenant's version changes (docs/versions.md).
   * @default '1.1'
   */
  version?: OneRosterVersion;
}

/** How a run ends. Every status discards what the run staged and did not commit. */
export interface FinishRunOptions {
  /** `rejected`: a run awaiting review that its reviewer turned down (taken with `takeHeldRun`). */
  status: 'succeeded' | 'failed' | 'aborted' | 'rejected';
}

/** How a run is held for review (see {@link RosterStore.holdRun}). */
export interface HoldRunOptions {
  /** ISO 8601 datetime after which the held run expires. */
  expiresAt: string;
  /** What approving the run commits, saved with it so that another process can approve it. */
  plan: JsonValue;
}

/** Options of {@link RosterStore.iterateStaged}. */
export interface IterateStagedOptions {
  /** Start after this sourcedId. */
  after?: string;
  /**
   * Records read from the store at a time.
   * @default 1000
   */
  pageSize?: number;
}

/** Options of one staged batch. */
export interface StageOptions {
  /**
   * Saved in the same transaction as the batch, so a crash never separates the two. Ignored for a
   * dry run: it is never resumed, and the tenant's checkpoint may be a crashed run's resume point.
   */
  checkpoint?: JsonValue;
}

/** What a commit does with tombstones and unseen records. */
export interface CommitOptions {
  /**
   * `keep` stores a tombstone as a record with `status: 'tobedeleted'`; `delete` removes the record.
   * @default 'keep'
   */
  tombstones?: 'keep' | 'delete';
  /**
   * What happens to active stored records that the run did not stage. `tombstone` sets their status
   * to `tobedeleted` (a later pull that sees them again revives them); `delete` removes them.
   * A delta run only accepts `keep`: a delta does not see unchanged records.
   * @default 'tombstone' for a full run, 'keep' for a delta run
   */
  unseen?: 'keep' | 'tombstone' | 'delete';
  /** The collection's new watermark, saved in the commit's transaction. */
  watermark?: string;
  /** The tenant's new checkpoint, saved in the commit's transaction. Ignored for a dry run. */
  checkpoint?: JsonValue;
  /**
   * Stored records the provider now sends under a new sourcedId (a version switch that re-keys, as
   * Infinite Campus does between 1.1 and 1.2): old sourcedId → new one. In the commit's transaction,
   * before the staged records apply, each stored record `old` is renamed `new`, unless a record `new`
   * is already stored or `old` is staged too. The staged record then updates it: the old record is
   * replaced by the new one, neither counted as unseen nor retired (and so not in the baseline's
   * `retiredSince`), and `inserted`/`updated` count it as the record it is once renamed.
   * @default no renames
   */
  rekey?: ReadonlyMap<string, string>;
  /**
   * What the commit does to the collection's deletion baseline, in the commit's transaction.
   * `set`: the baseline becomes this commit (its run, the store's time, the active count after the
   * commit, nothing retired since). `accumulate`: the records this commit retires (tombstoned +
   * unseen, when unseen records are not kept) are added to `retiredSince`; without a baseline,
   * nothing happens.
   * @default 'accumulate'
   */
  baseline?: 'set' | 'accumulate';
  /**
   * The change log the commit writes in its transaction: one `ChangeRecord` per stored record it
   * changes, numbered on from the tenant's last (docs/stores.md). `false` writes none.
   * @default { values: 'changed-fields' }
   */
  changeLog?: ChangeLogOptions | false;
}

/** Which stored records a read sees. */
export interface ReadOptions {
  /** Only records with this status. Every status when absent. */
  status?: RecordStatus;
}

/** Options of {@link RosterStore.iterate}. */
export interface IterateOptions extends ReadOptions {
  /** Start after this sourcedId, e.g. to resume an interrupted iteration. */
  after?: string;
  /**
   * Records read from the store at a time: memory use is bounded by one page.
   * @default 1000
   */
  pageSize?: number;
}

/**
 * Where a sync keeps a district's roster. The sync engine pulls a collection, stages it batch by
 * batch, and commits it only once the pull is proven complete, so readers see either the previous
 * snapshot of a collection or the new one, never a partial pull. See docs/stores.md for the contract.
 *
 * Every record belongs to a tenant (one district connection) and a collection (`users`, ...).
 * Everything is keyed by tenant, so one store serves many districts and several workers.
 */
export interface RosterStore {
  /**
   * Starts a run. Refuses with `SyncInProgressError` while another run of the tenant is live, in this
   * or another process. A crashed run of the tenant (still `running`, held by nobody) is abandoned:
   * its staged records and checkpoint are dropped. Resume it with `resumeRun` instead to keep them.
   * A dry run abandons only crashed dry runs: a crashed real run keeps its staging and checkpoint,
   * so the next real run resumes it.
   */
  beginRun(tenant: string, options: BeginRunOptions): Promise<SyncRun>;
  /**
   * Takes over a crashed run (one whose process died or whose store was closed) with its staged
   * records and checkpoint. Undefined when the run is unknown or finished. Refuses with
   * `SyncInProgressError` while a run of the tenant is live.
   */
  resumeRun(tenant: string, runId: string): Promise<SyncRun | undefined>;
  /** The run as recorded, whoever holds it. */
  getRun(tenant: string, runId: string): Promise<SyncRun | undefined>;
  /** Ends a run: discards what it staged and did not commit, drops its checkpoint, frees the tenant. */
  finishRun(run: SyncRunRef, options: FinishRunOptions): Promise<SyncRun>;
  /**
   * Lets go of a run this handle holds without ending it, as a pause: it stays `running` with its
   * staged records and checkpoint, held by nobody, exactly as if its process had died. The next
   * `resumeRun` of it, from any handle, takes it over; a `beginRun` abandons it. Refuses with
   * `SyncRunInactiveError` when this handle does not hold the run.
   */
  releaseRun(run: SyncRunRef): Promise<SyncRun>;
  /** The last succeeded full run that was not a dry run; its `startedAt` is the roster's as-of time. */
  lastFullSync(tenant: string): Promise<SyncRun | undefined>;

  /**
   * Stops a run this handle holds before its commits, for review: its status becomes
   * `awaiting-review`, its staged records and `options.plan` are kept, its checkpoint is dropped, and
   * this handle lets go of it. The held run is a persisted state, not a lock: it survives the process,
   * and until it is taken, finished or expired every `beginRun` and `resumeRun` of the tenant, in any
   * process, refuses with `SyncInProgressError` naming it. Refuses for a dry run.
   */
  holdRun(run: SyncRunRef, options: HoldRunOptions): Promise<HeldRunRecord>;
  /**
   * The tenant's run awaiting review, from any handle on the data. A held run past its `expiresAt`
   * (on the store's clock) is ended `expired`, its staged records discarded, and undefined returned;
   * `beginRun`, `resumeRun` and `takeHeldRun` do the same when they meet one.
   */
  getHeldRun(tenant: string): Promise<HeldRunRecord | undefined>;
  /**
   * Takes a run awaiting review into this handle, as `resumeRun` takes a crashed one: it is `running`
   * again with its staged records, for the caller to commit (approval) and finish, or to finish
   * `rejected`. Undefined when the run is not awaiting review (unknown, finished, or just expired).
   * Refuses with `SyncInProgressError` while another run of the tenant is live.
   */
  takeHeldRun(tenant: string, runId: string): Promise<SyncRun | undefined>;
  /**
   * The records a run staged for a collection and has not committed, in sourcedId order (by Unicode
   * code point), the last staged version of each; from any handle, whoever holds the run. For the
   * report of a run awaiting review.
   */
  iterateStaged(
    tenant: string,
    runId: string,
    collection: string,
    options?: IterateStagedOptions,
  ): AsyncIterable<RosterRecord>;

  /**
   * Persists a batch of one collection for the run, in one transaction with `options.checkpoint`.
   * Idempotent by sourcedId: a record staged again replaces the earlier one (also within a batch,
   * where the last wins), so a resumed run may re-stage. Staged records are not readable.
   * Throws a `TypeError` for a record without a string sourcedId or a known status, staging nothing.
   */
  stage(
    run: SyncRunRef,
    collection: string,
    records: readonly RosterRecord[],
    options?: StageOptions,
  ): Promise<void>;
  /** Drops what the run staged for a collection, e.g. to restart a pull whose total moved. */
  discard(run: SyncRunRef, collection: string): Promise<void>;
  /** What committing the collection would change: for the mass-deletion guard and dry-run previews. */
  diff(run: SyncRunRef, collection: string): Promise<CollectionDiff>;
  /**
   * Makes the run's staged records of a collection the stored ones, in one transaction: upserts
   * changed records, applies tombstones, handles unseen records, saves the watermark and checkpoint.
   * Refuses for a dry run and for a collection already committed in this run.
   */
  commit(run: SyncRunRef, collection: string, options?: CommitOptions): Promise<CommitResult>;

  /**
   * One page of the tenant's change log in seq order: the changes after `options.after`
   * (exclusive), of `options.collections` if given, at most `options.limit`.
   */
  readChanges(tenant: string, options: ReadChangesOptions): Promise<ChangeRecord[]>;
  /** The tenant's runs, newest first, with each commit's counts. */
  listRuns(tenant: string, options?: ListRunsOptions): Promise<SyncRunSummary[]>;
  /**
   * Removes the tenant's change records committed before `olderThan` (ISO 8601); returns how many.
   * Seqs are never reused: the next change still takes the next seq.
   */
  pruneChanges(tenant: string, olderThan: string): Promise<number>;

  /** Saves the tenant's checkpoint on its own, e.g. when a collection starts. A no-op for a dry run. */
  saveCheckpoint(run: SyncRunRef, data: JsonValue): Promise<void>;
  /** The tenant's checkpoint, kept until the run that saved it finishes. */
  getCheckpoint(tenant: string): Promise<Checkpoint | undefined>;
  /** The collection's watermark (e.g. the highest dateLastModified committed), if any. */
  getWatermark(tenant: string, collection: string): Promise<string | undefined>;
  /** Sets the watermark, or clears it with undefined (the next delta then has nothing to start from). */
  setWatermark(tenant: string, collection: string, watermark: string | undefined): Promise<void>;
  /** The collection's deletion baseline, set and moved by commits (see `CommitOptions.baseline`). */
  getBaseline(tenant: string, collection: string): Promise<DeletionBaseline | undefined>;

  /** How many records of the collection are stored. */
  count(tenant: string, collection: string, options?: ReadOptions): Promise<number>;
  /** One stored record, tombstone or not. */
  get(tenant: string, collection: string, sourcedId: string): Promise<RosterRecord | undefined>;
  /**
   * The collection's stored records in sourcedId order (by Unicode code point), read page by page.
   * Not a snapshot: a commit during the iteration may or may not show.
   */
  iterate(tenant: string, collection: string, options?: IterateOptions): AsyncIterable<RosterRecord>;

  /**
   * Deletes every row the store holds for the tenant, in every table (records, staging, runs,
   * checkpoints, watermarks, baselines, locks), in one transaction, so the tenant reads as never
   * synced: its next `beginRun` is a first sync. Refuses with `EraseRefusedError`, erasing nothing,
   * while a run of the tenant is live in this or another process. A crashed run is erased with the
   * rest. Other tenants are untouched. See docs/stores.md for what a database keeps after.
   */
  eraseTenant(tenant: string): Promise<EraseReceipt>;
  /**
   * Deletes single stored records of a collection (a person's erasure request) and their staged
   * copies in crashed runs, in one transaction, with the refusal of `eraseTenant`. Unknown ids are
   * ignored. Other records that refer to an erased one keep the reference: it then points at nothing.
   */
  eraseRecords(
    tenant: string,
    collection: string,
    sourcedIds: readonly string[],
  ): Promise<RecordsEraseReceipt>;

  /**
   * Releases the store's resources. Runs still open stay `running`, with their staged records and
   * checkpoints, and can be resumed by another store on the same data.
   */
  close(): Promise<void>;
}
