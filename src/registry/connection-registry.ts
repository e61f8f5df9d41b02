import type { AnyOneRosterClient } from '../index.js';
import type { ConnectionStorage, RosterStore } from '../sync/index.js';
import type { ClientForOptions } from './build-client.js';
import type {
  Connection,
  ConnectionChanges,
  NewConnection,
  RunOutcomeInput,
  SecretField,
  SlotMode,
} from './connection-types.js';
import type { HostCap } from './host-caps.js';
import type { KeyProvider } from './key-provider.js';
import type { SecretDecryptionReason } from './secret-decryption-error.js';
import type { DueSlot, PlannedSlot, WaitingSlot } from './slot-plans.js';

/** An instant: a `Date` or milliseconds since the epoch. */
export type Instant = Date | number;

/** Options of {@link createConnectionRegistry}. */
export interface ConnectionRegistryOptions {
  /** The roster store the connections sync into; the workers sync with it (`registry.store`). */
  store: RosterStore;
  /**
   * Where the registry keeps its rows: the storage of the same database as `store`
   * (`createSqliteConnectionStorage`, `createPostgresConnectionStorage`, `createMemoryConnectionStorage`).
   * The registry does not reach into the store for it: pass it beside the store.
   */
  storage: ConnectionStorage;
  /** Wraps the data key of each secret: `localKeyProvider`, `localKeyProviderFromEnv()`, or a KMS adapter. */
  keys: KeyProvider;
  /**
   * The clock of slots and timestamps, in milliseconds since the epoch.
   * @default Date.now
   */
  now?: () => number;
  /**
   * The cap of a provider host without one set by `setHostCap`. Give every process the same.
   * @default DEFAULT_HOST_CAP ({ runs: 4, requests: 16 })
   */
  defaultHostCap?: HostCap;
}

/** What `clientFor` takes besides the tenant. */
export interface ClientForRequest {
  /**
   * The time whose limit window applies (a run's start).
   * @default now
   */
  at?: Instant;
  /** More client options (`fetch`, `onEvent`, `signal`, ...); `concurrency` and `requestsPerSecond` can only lower the connection's. */
  client?: ClientForOptions;
}

/** What `requestRun` takes. */
export interface RunRequestInput {
  /** @default 'auto' */
  mode?: SlotMode;
  /** Why the run was asked for (an admin's button, a provider's webhook): shown, never interpreted. */
  reason: string;
}

/** What `rotateKeys()` did. */
export interface KeyRotationResult {
  /** The key every data key is wrapped under now (the provider's `currentKeyId`). */
  readonly keyId: string;
  readonly connections: number;
  /** Data keys re-wrapped; those already under `keyId` are left alone. */
  readonly rewrapped: number;
  /** Envelopes that could not be re-wrapped: keep the old key until they are fixed. */
  readonly failed: readonly { tenant: string; field: SecretField; reason: SecretDecryptionReason }[];
}

/**
 * District connections, their sealed secrets, schedules and sync windows, kept in the roster's
 * database. No method returns or logs a secret: `clientFor` decrypts one when it builds a client,
 * and hands it to the auth strategy only.
 */
export interface ConnectionRegistry {
  readonly store: RosterStore;
  readonly storage: ConnectionStorage;
  /**
   * Adds a connection, active, its secret sealed. Its first scheduled run is the first slot after now.
   * @throws DuplicateConnectionError when the tenant has one; TypeError for an invalid setting
   */
  addConnection(connection: NewConnection): Promise<Connection>;
  /**
   * Changes what `changes` names. An `auth` of the same type without its secret keeps the sealed one.
   * @throws UnknownConnectionError
   */
  updateConnection(tenant: string, changes: ConnectionChanges): Promise<Connection>;
  /** No slot of a paused connection is due; `clientFor` still works. */
  pauseConnection(tenant: string): Promise<Connection>;
  /**
   * Makes a paused or awaiting-review connection active. The latest slot it missed is due at once
   * (inside its windows); older ones collapse into it.
   */
  resumeConnection(tenant: string): Promise<Connection>;
  /**
   * Removes the connection and its sealed secrets. The roster stays in the store: remove the
   * connection first, so no worker starts another run, then erase the tenant's records with the
   * sync engine's `eraseTenant` (`oneroster/sync`).
   * @returns false when there was none
   */
  removeConnection(tenant: string): Promise<boolean>;
  /** The connection, without its secret, or undefined. */
  getConnection(tenant: string): Promise<Connection | undefined>;
  /** Every connection, in tenant order. */
  listConnections(): Promise<Connection[]>;
  /**
   * A client for the connection, its secret decrypted now and held by the auth strategy only, with
   * the request limits in force at `at`.
   * @throws SecretDecryptionError for a tampered or misplaced envelope, before any request
   * @throws UnknownConnectionError
   */
  clientFor(tenant: string, request?: ClientForRequest): Promise<AnyOneRosterClient>;
  /**
   * Re-wraps every data key under the key provider's current key; the ciphertexts do not change.
   * Open the registry with the old and the new key (the new one current), rotate, then remove the old key.
   */
  rotateKeys(): Promise<KeyRotationResult>;
  /**
   * Makes active again every `awaiting-review` connection whose run held for review is settled in
   * `store` (default `registry.store`): approved (`approveRun`, `oneroster approve`), rejected,
   * expired, or its approval failed; its `lastOutcome.review` says which. A connection held by the
   * deletion guard has no run to settle and stays until `resumeConnection`. Both workers call it on
   * every pass, so approving or rejecting the run is all a person does.
   * @returns the connections it made active
   */
  resumeReviewed(options?: { store?: RosterStore }): Promise<Connection[]>;
  /**
   * Records how the run of a slot ended (the workers call it). Every status but `interrupted` marks
   * the slot served; `held` moves the connection to `awaiting-review`.
   */
  recordOutcome(tenant: string, outcome: RunOutcomeInput): Promise<Connection>;
  /**
   * Asks for a run outside the schedule: due at once (inside the connection's windows, off its
   * blackout dates). Debounced: a request made while one is waiting joins it (the stronger mode wins).
   * @returns the slot the next run serves
   */
  requestRun(tenant: string, request: RunRequestInput): Promise<PlannedSlot | undefined>;
  /** The slots of active connections that may start at `at` (default now), oldest first. */
  dueSlots(at?: Instant): Promise<DueSlot[]>;
  /** The slots owed at `at` that a window or a blackout date holds back, with when they may start. */
  waitingSlots(at?: Instant): Promise<WaitingSlot[]>;
  /**
   * The tenant's slot owed at `at` (default now): due (it may start), waiting (a window or a blackout
   * holds it back), or undefined when nothing is owed or the connection is not active. A worker asks
   * again right before it starts a run, since a queued slot may have been served or superseded since.
   * @throws UnknownConnectionError
   */
  slotOf(tenant: string, at?: Instant): Promise<DueSlot | WaitingSlot | undefined>;
  /** The slot the tenant's next run serves, seen from `after` (default now). */
  nextSlot(tenant: string, after?: Instant): Promise<PlannedSlot | undefined>;
  /** The cap of a provider host (a host or a base URL): its own, or the default. */
  hostCap(host: string): Promise<HostCap>;
  /** Sets the cap of a host for every process of the registry; undefined goes back to the default. */
  setHostCap(host: string, cap: HostCap | undefined): Promise<void>;
}
