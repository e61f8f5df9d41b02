import {
  isSyncInProgressError,
  type RosterStore,
  type SyncFieldSelections,
  type SyncOptions,
  syncRoster,
} from '../sync/index.js';
import type { ClientForOptions } from './build-client.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { Connection, RunOutcomeInput } from './connection-types.js';
import { type Gate, gatedFetch } from './request-gate.js';
import { reviewDecision, reviewModeFor } from './review-decision.js';
import type { DueSlot, PlannedSlot } from './slot-plans.js';
import { isUnknownConnectionError } from './unknown-connection-error.js';
import type { WorkerEvent, WorkerEventError, WorkerEventListener } from './worker-events.js';

/**
 * What a worker passes on to every `syncRoster` it runs: everything but what the slot decides. Field
 * lists name fields of both OneRoster versions, since each connection has its own.
 */
export type WorkerSyncOptions = Omit<
  SyncOptions,
  'client' | 'store' | 'tenant' | 'mode' | 'signal' | 'pause' | 'now' | 'fields'
> & { fields?: 'minimal' | (SyncFieldSelections<'1.1'> & SyncFieldSelections<'1.2'>) };

/** Timers longer than this overflow Node's 32-bit delay; a later window end is checked again then. */
const MAX_TIMER_MS = 2_147_483_647;

/** Options of {@link runSlot}. */
export interface RunSlotOptions {
  /** @default registry.store */
  store?: RosterStore;
  /** Options of every sync (`fields`, `collections`, `deletionGuard`, ...). */
  sync?: WorkerSyncOptions;
  /** Client options of every run (`fetch`, `onEvent`, `timeoutMs`, ...); limits only lower the connection's. */
  client?: ClientForOptions;
  /**
   * Pauses the run at its next checkpoint (`interrupted`, reason `shutdown`); the slot stays due and
   * its next run resumes from the checkpoint.
   */
  signal?: AbortSignal;
  onEvent?: WorkerEventListener;
  /** Named in every event. */
  workerId?: string;
  /** @default Date.now */
  now?: () => number;
  /** @default 1 */
  attempt?: number;
  /**
   * Whether a failure is for good: recorded as the connection's `failed` outcome (its slot served).
   * A failure that will be retried records nothing.
   * @default true
   */
  finalAttempt?: boolean;
  /** When the next attempt comes, for the failure event. */
  retryInMs?: number;
  /** Places for this run's requests (a provider host's cap): every request of the run holds one. */
  requests?: Gate;
}

/** How one attempt at a slot ended. */
export type SlotRunStatus = 'succeeded' | 'failed' | 'held' | 'interrupted' | 'skipped';

/** What {@link runSlot} did. */
export interface SlotRunResult {
  readonly status: SlotRunStatus;
  /** For `skipped`: why. `tenant-busy` is worth another attempt; the others are not. */
  readonly skipped?: 'outside-window' | 'blackout' | 'served' | 'superseded' | 'tenant-busy' | 'not-active';
  /** For `failed` and `held`: the error, as the registry keeps it (scrubbed of the secret). */
  readonly error?: WorkerEventError;
  /** The connection after the outcome was recorded, when one was. */
  readonly connection?: Connection;
}

function errorOf(error: unknown): WorkerEventError {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/** An event without the fields every event has: what a call site says. */
type EventBody = WorkerEvent extends infer E
  ? E extends WorkerEvent
    ? Omit<E, 'at' | 'tenant' | 'slot' | 'key' | 'worker'>
    : never
  : never;

function emitter(options: RunSlotOptions, slot: PlannedSlot, now: () => number) {
  return <E extends EventBody>(body: E): void => {
    const event = {
      at: new Date(now()).toISOString(),
      tenant: slot.tenant,
      slot: slot.at,
      key: slot.key,
      worker: options.workerId,
      ...body,
    };
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's failure must not change the run.
    }
  };
}

/**
 * Why the run should not start now, or the fresh due slot to run. A queued slot may have been
 * served, superseded by a later one, paused, or have left its window since it was queued.
 */
async function checkSlot(
  registry: ConnectionRegistry,
  slot: PlannedSlot,
  at: number,
): Promise<{ due: DueSlot } | { skip: NonNullable<SlotRunResult['skipped']>; startsAt?: string }> {
  let owed: Awaited<ReturnType<ConnectionRegistry['slotOf']>>;
  try {
    owed = await registry.slotOf(slot.tenant, at);
  } catch (error) {
    if (isUnknownConnectionError(error)) return { skip: 'not-active' };
    throw error;
  }
  if (owed === undefined) {
    const connection = await registry.getConnection(slot.tenant);
    return { skip: connection?.status === 'active' ? 'served' : 'not-active' };
  }
  if (owed.key !== slot.key)
    return { skip: Date.parse(owed.at) > Date.parse(slot.at) ? 'superseded' : 'served' };
  if ('waitingFor' in owed) {
    const skip = owed.waitingFor === 'window' ? 'outside-window' : 'blackout';
    return owed.startsAt === undefined ? { skip } : { skip, startsAt: owed.startsAt };
  }
  return { due: owed };
}

/**
 * Runs one slot of one tenant once, as a worker does: checks that it is still owed and may start
 * now, builds the tenant's client (its secret decrypted now, the limits of the window in force),
 * syncs, and records the outcome in the registry. A tripped deletion guard or a run held for review
 * moves the connection to `awaiting-review`; a run whose window closes (with `pauseAtWindowEnd`) or
 * whose `signal` aborts is paused at its next checkpoint (syncRoster's `pause`) and leaves the slot
 * due: the next run of the slot resumes it with what it had staged. Never throws for the
 * run's own failure: the result says how it ended.
 *
 * The embedded worker (`runDueSyncs`) and the pg-boss worker (`oneroster/pg-boss`) both run slots
 * with it; a queue of your own can too.
 */
export async function runSlot(
  registry: ConnectionRegistry,
  slot: PlannedSlot,
  options: RunSlotOptions = {},
): Promise<SlotRunResult> {
  const now = options.now ?? Date.now;
  const emit = emitter(options, slot, now);
  const attempt = options.attempt ?? 1;
  const finalAttempt = options.finalAttempt ?? true;
  const check = await checkSlot(registry, slot, now());
  if ('skip' in check) {
    emit({ type: 'run-skipped', reason: check.skip, startsAt: check.startsAt });
    return { status: 'skipped', skipped: check.skip };
  }
  const due = check.due;
  const startedAt = new Date(now()).toISOString();
  const pause = new AbortController();
  let pausedFor: 'window-end' | undefined;
  const windowEnd =
    due.pauseAtWindowEnd && due.windowEndsAt !== undefined ? Date.parse(due.windowEndsAt) : undefined;
  const closeWindow = () => {
    pausedFor = 'window-end';
    pause.abort(new Error('the sync window closed'));
  };
  const pastWindow = () => windowEnd !== undefined && now() >= windowEnd;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (windowEnd !== undefined) {
    const arm = () => {
      const delay = windowEnd - now();
      if (delay <= 0) return closeWindow();
      timer = setTimeout(() => (pastWindow() ? closeWindow() : arm()), Math.min(delay, MAX_TIMER_MS));
      timer.unref?.();
    };
    arm();
  }
  const signal =
    options.signal === undefined ? pause.signal : AbortSignal.any([pause.signal, options.signal]);
  emit({ type: 'run-started', mode: due.mode, source: due.source, attempt });
  const baseClient = options.client ?? {};
  const fetch =
    options.requests === undefined ? baseClient.fetch : gatedFetch(options.requests, baseClient.fetch);
  const record = (outcome: Omit<RunOutcomeInput, 'slot'>) =>
    registry.recordOutcome(slot.tenant, { startedAt, ...outcome, slot: due.at });
  try {
    const client = await registry.clientFor(slot.tenant, {
      at: now(),
      client: { ...baseClient, ...(fetch === undefined ? {} : { fetch }), signal },
    });
    const onProgress = options.sync?.onProgress;
    const store = options.store ?? registry.store;
    const common = {
      ...options.sync,
      store,
      review: await reviewModeFor(store, slot.tenant, options.sync?.review),
      tenant: slot.tenant,
      mode: due.mode,
      // A pause, not an abort: the run keeps its staging for the next run of the slot to resume.
      pause: signal,
      now,
      // A page is a checkpoint: a window that has closed stops the run there.
      onProgress: (event: Parameters<NonNullable<typeof onProgress>>[0]) => {
        if (event.type === 'page' && pastWindow()) closeWindow();
        onProgress?.(event);
      },
    };
    const result =
      client.version === '1.2'
        ? await syncRoster<'1.2'>({ ...common, client })
        : await syncRoster<'1.1'>({ ...common, client });
    if (result.status === 'paused') {
      const connection = await record({ status: 'interrupted', mode: result.mode, runId: result.runId });
      emit({ type: 'run-interrupted', reason: pausedFor ?? 'shutdown', runId: result.runId });
      return { status: 'interrupted', connection };
    }
    const decision = reviewDecision({ result });
    if (decision.hold) {
      const connection = await record({ status: 'held', mode: result.mode, runId: result.runId });
      emit({ type: 'run-held', reason: decision.reason, error: undefined });
      return { status: 'held', connection };
    }
    const connection = await record({ status: 'succeeded', mode: result.mode, runId: result.runId });
    emit({ type: 'run-finished', runId: result.runId, mode: result.mode, resumed: result.resumed, attempt });
    return { status: 'succeeded', connection };
  } catch (error) {
    if (signal.aborted) {
      const reason = pausedFor ?? 'shutdown';
      const connection = await record({ status: 'interrupted' });
      emit({ type: 'run-interrupted', reason, runId: undefined });
      return { status: 'interrupted', connection };
    }
    if (isSyncInProgressError(error)) {
      emit({ type: 'run-skipped', reason: 'tenant-busy', startsAt: undefined });
      return { status: 'skipped', skipped: 'tenant-busy' };
    }
    const decision = reviewDecision({ error });
    if (decision.hold) {
      const connection = await record({ status: 'held', error });
      const scrubbed = connection.lastOutcome?.error ?? errorOf(error);
      emit({ type: 'run-held', reason: decision.reason, error: scrubbed });
      return { status: 'held', error: scrubbed, connection };
    }
    if (!finalAttempt) {
      // Nothing is recorded for a failure that will be retried; the SDK's errors hold no secret.
      const failure = errorOf(error);
      emit({ type: 'run-failed', attempt, willRetry: true, retryInMs: options.retryInMs, error: failure });
      return { status: 'failed', error: failure };
    }
    const connection = await record({ status: 'failed', error });
    const scrubbed = connection.lastOutcome?.error ?? errorOf(error);
    emit({ type: 'run-failed', attempt, willRetry: false, retryInMs: undefined, error: scrubbed });
    return { status: 'failed', error: scrubbed, connection };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
