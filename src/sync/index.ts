/**
 * `oneroster/sync`: the sync engine and the store interface, with the in-memory reference store.
 * Import stores with their own entries (`oneroster/sqlite`, `oneroster/postgres`).
 * @categoryDescription Sync
 * `syncRoster`, its options, progress events and result. See the [sync](../../docs/sync.md) guide.
 * @categoryDescription Stores
 * The `RosterStore` interface a store implements, and the in-memory reference store. See the
 * [stores](../../docs/stores.md) guide.
 * @categoryDescription Errors
 * What a sync or a store throws, each with its guard.
 * @packageDocumentation
 * @module oneroster/sync
 */

export {
  type ChangesOptions,
  changes,
  type SyncHistoryEntry,
  type SyncHistoryOptions,
  syncHistory,
} from './change-log.js';
export type { ConnectionRow, ConnectionStorage } from './connection-storage.js';
export { eraseRecords } from './erase/erase-records.js';
export { type EraseTenantOptions, eraseTenant } from './erase/erase-tenant.js';
export { exportTenant, TENANT_EXPORT_FORMAT, type TenantExportKind } from './export-tenant.js';
export {
  IncompletePullError,
  type IncompletePullReason,
  isIncompletePullError,
} from './incomplete-pull-error.js';
export { isMassDeletionError, type MassDeletionDetails, MassDeletionError } from './mass-deletion-error.js';
export {
  createMemoryConnectionStorage,
  type MemoryConnectionStorageOptions,
} from './memory-connection-storage.js';
export {
  createMemoryStore,
  createMemoryStoreData,
  type MemoryChange,
  type MemoryStoreData,
  type MemoryStoreOptions,
} from './memory-store.js';
export type { PullRequest } from './open-client-pull.js';
export * from './report/index.js';
export {
  DEFAULT_DELETION_WINDOW_MS,
  DEFAULT_FULL_SYNC_EVERY_MS,
  DEFAULT_MAX_DELETE_FRACTION,
  DEFAULT_MAX_RESTARTS,
  DEFAULT_OVERLAP_MS,
  DEFAULT_REVIEW_EXPIRES_AFTER_MS,
} from './resolve-sync-options.js';
export {
  type ApproveRunOptions,
  approveRun,
  type HeldRun,
  heldRun,
  rejectRun,
} from './review/approve-run.js';
export { isNotAwaitingReviewError, NotAwaitingReviewError } from './review/not-awaiting-review-error.js';
export type { RosterSource, RosterSourcePull } from './roster-source.js';
export type * from './roster-store.js';
// For authors of a third-party store: the record preparation, content hash and iteration order the
// bundled stores use, so a store built on them diffs and iterates exactly like the others.
export { canonicalJson, contentHash } from './store/canonical-json.js';
export { compareCodePoints } from './store/compare-code-points.js';
export {
  type EraseRefusedDetails,
  EraseRefusedError,
  type EraseRefusedReason,
  isEraseRefusedError,
} from './store/erase-refused-error.js';
export { isMissingDependencyError, MissingDependencyError } from './store/missing-dependency-error.js';
export { type PreparedRecord, prepareBatch } from './store/prepare-batch.js';
export {
  isStoreError,
  POOL_EXHAUSTED_CODE,
  StoreError,
  type StoreErrorDetails,
  type StoreKind,
} from './store/store-error.js';
export {
  isStoreRefusalError,
  type StoreRefusalDetails,
  StoreRefusalError,
  type StoreRefusalReason,
} from './store/store-refusal-error.js';
export { isSyncInProgressError, SyncInProgressError } from './store/sync-in-progress-error.js';
export { isSyncRunInactiveError, SyncRunInactiveError } from './store/sync-run-inactive-error.js';
export type { SyncCheckpoint } from './sync-checkpoint.js';
export {
  DEFAULT_SYNC_COLLECTIONS,
  type DeletionGuardOptions,
  SYNC_COLLECTIONS,
  type SyncCollectionEntities,
  type SyncCollectionFieldSelections,
  type SyncCollectionName,
  type SyncFieldSelections,
  type SyncOptions,
} from './sync-options.js';
export type {
  CollectionCommittedEvent,
  CollectionFinishedEvent,
  CollectionRestartedEvent,
  CollectionStartedEvent,
  PageProgressEvent,
  SyncProgressEvent,
  SyncProgressListener,
} from './sync-progress.js';
export type * from './sync-result.js';
export { syncRoster } from './sync-roster.js';
export {
  isUnlinkedRekeyError,
  type UnlinkedRekeyDetails,
  UnlinkedRekeyError,
} from './unlinked-rekey-error.js';
export {
  isVersionSwitchError,
  type VersionSwitchDetails,
  VersionSwitchError,
} from './version-switch-error.js';
export {
  DEFAULT_LEGACY_ID_FIELDS,
  infiniteCampusLegacyId,
  type LegacyIdReader,
  type VersionSwitchOptions,
} from './version-switch-options.js';
