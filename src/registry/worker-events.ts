import type { ReviewSettlement, SlotMode } from './connection-types.js';

/** What every worker event says of the slot it is about. */
interface SlotEventBase {
  /** ISO 8601: when the worker emitted it (its clock). */
  readonly at: string;
  readonly tenant: string;
  /** The slot's time (ISO 8601). */
  readonly slot: string;
  /** `${tenant}@${slot}`: the run's identity, the job's key in a queue. */
  readonly key: string;
  /** Which worker emitted it: the `workerId` option, for telling processes apart in one log. */
  readonly worker: string | undefined;
}

/** An error as events carry it: its name and message, scrubbed of the connection's secrets. */
export interface WorkerEventError {
  readonly name: string;
  readonly message: string;
}

/** A run of a slot began (each attempt emits one). */
export interface RunStartedEvent extends SlotEventBase {
  readonly type: 'run-started';
  readonly mode: SlotMode;
  readonly source: 'schedule' | 'request';
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** A run finished and its slot is served. */
export interface RunFinishedEvent extends SlotEventBase {
  readonly type: 'run-finished';
  readonly runId: string;
  readonly mode: 'full' | 'delta';
  /** True when the run took over a crashed run from its checkpoint. */
  readonly resumed: boolean;
  readonly attempt: number;
}

/** A run failed; `willRetry` says whether the worker tries again (after `retryInMs`, when it knows). */
export interface RunFailedEvent extends SlotEventBase {
  readonly type: 'run-failed';
  readonly attempt: number;
  readonly willRetry: boolean;
  readonly retryInMs: number | undefined;
  readonly error: WorkerEventError;
}

/** A run stopped for a person to review; the connection is `awaiting-review` and is not retried. */
export interface RunHeldEvent extends SlotEventBase {
  readonly type: 'run-held';
  /** `mass-deletion`: the deletion guard refused; `review`: the run is held for review. */
  readonly reason: 'mass-deletion' | 'review';
  readonly error: WorkerEventError | undefined;
}

/**
 * A run stopped at a checkpoint: its sync window closed, or the worker is shutting down. The slot
 * stays due, and the next run of the tenant resumes the paused run from its checkpoint.
 */
export interface RunInterruptedEvent extends SlotEventBase {
  readonly type: 'run-interrupted';
  readonly reason: 'window-end' | 'shutdown';
  /** The paused run, which the next run resumes; undefined when it stopped before its sync began. */
  readonly runId: string | undefined;
}

/**
 * A slot the worker did not start: `outside-window` or `blackout` (it starts at `startsAt`),
 * `served` (another run served it), `superseded` (a later slot of the tenant is owed and runs
 * instead), `tenant-busy` (another run of the tenant is live), `not-active` (paused, awaiting review
 * or removed).
 */
export interface RunSkippedEvent extends SlotEventBase {
  readonly type: 'run-skipped';
  readonly reason: 'outside-window' | 'blackout' | 'served' | 'superseded' | 'tenant-busy' | 'not-active';
  /** When the slot may start, for `outside-window` and `blackout`. */
  readonly startsAt: string | undefined;
}

/**
 * A run held for review was settled (approved, rejected, expired, or its approval failed) and its
 * connection is `active` again: its slots are due from now on. `slot` and `key` are the held run's.
 */
export interface RunReviewedEvent extends SlotEventBase {
  readonly type: 'run-reviewed';
  readonly runId: string;
  readonly review: ReviewSettlement;
}

/** What a worker reports, as structured events for a log or metrics. */
export type WorkerEvent =
  | RunStartedEvent
  | RunFinishedEvent
  | RunFailedEvent
  | RunHeldEvent
  | RunInterruptedEvent
  | RunSkippedEvent
  | RunReviewedEvent;

/** Receives a worker's events; one that throws is ignored (a log must not stop a sync). */
export type WorkerEventListener = (event: WorkerEvent) => void;
