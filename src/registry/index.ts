/**
 * `oneroster/registry`: many districts. Each district's connection (provider, auth, schedule, sync
 * windows, limits) kept in the roster's database, its secrets sealed with AES-256-GCM under a data
 * key per secret, wrapped by a key provider; the slots due at a time for the workers. See the
 * [many districts](../../docs/many-districts.md) guide.
 * @categoryDescription Registry
 * `createConnectionRegistry`, its connections, schedules and windows, the slots the workers run, the
 * per-host caps, and the `KeyProvider` that wraps each secret's data key (the local provider of
 * `ONEROSTER_KEYS`, or your KMS).
 * @categoryDescription Errors
 * What the registry throws, each with its guard.
 * @packageDocumentation
 * @module oneroster/registry
 */

export type { ClientForOptions } from './build-client.js';
export type {
  ClientForRequest,
  ConnectionRegistry,
  ConnectionRegistryOptions,
  Instant,
  KeyRotationResult,
  RunRequestInput,
} from './connection-registry.js';
export type * from './connection-types.js';
export { createConnectionRegistry } from './create-connection-registry.js';
export { DuplicateConnectionError, isDuplicateConnectionError } from './duplicate-connection-error.js';
export { DEFAULT_HOST_CAP, type HostCap } from './host-caps.js';
export type { KeyProvider, WrappedDataKey } from './key-provider.js';
export {
  KEYS_VARIABLE,
  type LocalKeyProviderOptions,
  localKeyProvider,
  localKeyProviderFromEnv,
  localKeyProviderFromFile,
} from './local-key-provider.js';
export { createGate, type Gate } from './request-gate.js';
export { requestSync } from './request-sync.js';
export { DEFAULT_SCHEDULE, DEFAULT_TIME_ZONE } from './resolve-settings.js';
export {
  type ResumeReviewedOptions,
  resumeReviewedConnections,
} from './resume-reviewed.js';
export { type ReviewDecision, reviewDecision, reviewModeFor } from './review-decision.js';
export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_RETRY_ATTEMPTS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_RETRY_MIN_DELAY_MS,
  type DueSyncsSummary,
  type RunDueSyncsOptions,
  runDueSyncs,
  type WorkerRetryOptions,
} from './run-due-syncs.js';
export {
  type RunSlotOptions,
  runSlot,
  type SlotRunResult,
  type SlotRunStatus,
  type WorkerSyncOptions,
} from './run-slot.js';
export {
  isSecretDecryptionError,
  type SecretDecryptionDetails,
  SecretDecryptionError,
  type SecretDecryptionReason,
} from './secret-decryption-error.js';
export type { DueSlot, PlannedSlot, WaitingSlot } from './slot-plans.js';
export type { StartBlock } from './start-time.js';
export { isUnknownConnectionError, UnknownConnectionError } from './unknown-connection-error.js';
export type * from './worker-events.js';
