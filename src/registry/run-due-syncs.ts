import type { RosterStore } from '../sync/index.js';
import type { ClientForOptions } from './build-client.js';
import type { ConnectionRegistry } from './connection-registry.js';
import { createGate, type Gate } from './request-gate.js';
import { resumeReviewedConnections } from './resume-reviewed.js';
import { runSlot, type SlotRunStatus, type WorkerSyncOptions } from './run-slot.js';
import type { DueSlot } from './slot-plans.js';
import type { WorkerEvent, WorkerEventListener } from './worker-events.js';

/** Retries of a failed run: `attempts` in all, the delay doubling from `minDelayMs` up to `maxDelayMs`. */
export interface WorkerRetryOptions {
  /** @default 3 */
  attempts?: number;
  /** @default 30_000 */
  minDelayMs?: number;
  /** @default 600_000 */
  maxDelayMs?: number;
}

/** Options of {@link runDueSyncs}. */
export interface RunDueSyncsOptions {
  /**
   * Run every due or requested slot (and its retries), then resolve. Without it the worker keeps
   * going, looking for due slots every `pollIntervalMs`, until `signal` aborts.
   * @default false
   */
  once?: boolean;
  /** @default registry.store */
  store?: RosterStore;
  /** Stops the worker: runs in progress stop at their next checkpoint, their slots stay due. */
  signal?: AbortSignal;
  onEvent?: WorkerEventListener;
  /** Options of every sync (`fields`, `collections`, `deletionGuard`, ...). */
  sync?: WorkerSyncOptions;
  /** Client options of every run (`fetch`, `onEvent`, ...). */
  client?: ClientForOptions;
  /** @default { attempts: 3, minDelayMs: 30_000, maxDelayMs: 600_000 } */
  retry?: WorkerRetryOptions;
  /** @default 60_000 */
  pollIntervalMs?: number;
  /** Named in every event. */
  workerId?: string;
  /** The clock of slots and windows; tests inject one. @default Date.now */
  now?: () => number;
  /** Waits between retries and polls; resolves early when `signal` aborts. Tests inject one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What a call of {@link runDueSyncs} did: runs by how they ended (skips counted apart). */
export interface DueSyncsSummary {
  readonly succeeded: number;
  readonly failed: number;
  readonly held: number;
  readonly interrupted: number;
  readonly skipped: number;
}

/** Attempts at a failing run, the first included. */
export const DEFAULT_RETRY_ATTEMPTS = 3;
/** The wait before the second attempt; it doubles after each. */
export const DEFAULT_RETRY_MIN_DELAY_MS = 30_000;
/** The longest wait between attempts. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 600_000;
/** How often a long-running embedded worker looks for due slots. */
export const DEFAULT_POLL_INTERVAL_MS = 60_000;

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The places of one provider host in this process: its runs, and its requests across them. */
interface HostGates {
  runs: Gate;
  requests: Gate;
}

/**
 * The embedded worker: runs every due slot of every active connection in this process, each with the
 * store's tenant lock, at most `hostCap.runs` runs and `hostCap.requests` requests in flight per
 * provider host, starting runs only inside their windows (and stopping them at the window's end
 * where the connection says so). A failed run is retried with backoff; a tripped deletion guard or a
 * run held for review moves the connection to `awaiting-review` instead, and once the held run is
 * approved or rejected the next pass makes the connection active again (`resumeReviewed`).
 *
 * It is a single-instance mode: the host caps are counted in this process only, so run one embedded
 * worker per database (two would each allow the cap). For many processes use `oneroster/pg-boss`.
 * @example
 * await runDueSyncs(registry, { once: true, sync: { fields: 'minimal' }, onEvent: (e) => log.info(e) });
 */
export async function runDueSyncs(
  registry: ConnectionRegistry,
  options: RunDueSyncsOptions = {},
): Promise<DueSyncsSummary> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const attempts = Math.max(1, options.retry?.attempts ?? DEFAULT_RETRY_ATTEMPTS);
  const minDelayMs = options.retry?.minDelayMs ?? DEFAULT_RETRY_MIN_DELAY_MS;
  const maxDelayMs = options.retry?.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const { signal } = options;
  const counts: Record<SlotRunStatus, number> = {
    succeeded: 0,
    failed: 0,
    held: 0,
    interrupted: 0,
    skipped: 0,
  };
  const hosts = new Map<string, HostGates>();
  const running = new Map<string, Promise<void>>();
  // Slots this call has finished with (served, held, stopped, or skipped for good): not started again.
  const finished = new Set<string>();
  const announced = new Set<string>();
  const emit = (event: WorkerEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's failure must not stop the worker.
    }
  };

  const gatesOf = (slot: DueSlot): HostGates => {
    let gates = hosts.get(slot.host);
    if (
      gates === undefined ||
      gates.runs.size !== slot.hostCap.runs ||
      gates.requests.size !== slot.hostCap.requests
    ) {
      // A cap changed with setHostCap applies to the runs that start from now on.
      gates = { runs: createGate(slot.hostCap.runs), requests: createGate(slot.hostCap.requests) };
      hosts.set(slot.host, gates);
    }
    return gates;
  };

  const runWithRetries = async (slot: DueSlot): Promise<void> => {
    const gates = gatesOf(slot);
    for (let attempt = 1; ; attempt++) {
      const finalAttempt = attempt >= attempts;
      const retryInMs = finalAttempt ? undefined : Math.min(maxDelayMs, minDelayMs * 2 ** (attempt - 1));
      const release = await gates.runs.acquire();
      let status: SlotRunStatus;
      let retry = false;
      try {
        const result = await runSlot(registry, slot, {
          ...(options.store === undefined ? {} : { store: options.store }),
          ...(options.sync === undefined ? {} : { sync: options.sync }),
          ...(options.client === undefined ? {} : { client: options.client }),
          ...(signal === undefined ? {} : { signal }),
          onEvent: emit,
          ...(options.workerId === undefined ? {} : { workerId: options.workerId }),
          now,
          attempt,
          finalAttempt,
          ...(retryInMs === undefined ? {} : { retryInMs }),
          requests: gates.requests,
        });
        status = result.status;
        retry = !finalAttempt && (result.status === 'failed' || result.skipped === 'tenant-busy');
      } finally {
        release();
      }
      if (!retry || retryInMs === undefined || signal?.aborted) {
        counts[status]++;
        return;
      }
      await sleep(retryInMs, signal);
      if (signal?.aborted) {
        counts[status]++;
        return;
      }
    }
  };

  const announceWaiting = async (at: number) => {
    for (const slot of await registry.waitingSlots(at)) {
      if (announced.has(slot.key)) continue;
      announced.add(slot.key);
      emit({
        type: 'run-skipped',
        at: new Date(at).toISOString(),
        tenant: slot.tenant,
        slot: slot.at,
        key: slot.key,
        worker: options.workerId,
        reason: slot.waitingFor === 'window' ? 'outside-window' : 'blackout',
        startsAt: slot.startsAt,
      });
    }
  };

  while (!signal?.aborted) {
    // A run a person approved or rejected since the last pass frees its connection for this one.
    await resumeReviewedConnections(registry, {
      ...(options.store === undefined ? {} : { store: options.store }),
      onEvent: emit,
      ...(options.workerId === undefined ? {} : { workerId: options.workerId }),
      now,
    });
    const at = now();
    await announceWaiting(at);
    for (const slot of await registry.dueSlots(at)) {
      if (running.has(slot.key) || finished.has(slot.key)) continue;
      const task = runWithRetries(slot).finally(() => {
        running.delete(slot.key);
        finished.add(slot.key);
      });
      running.set(slot.key, task);
    }
    if (running.size === 0) {
      if (options.once) break;
      await sleep(pollIntervalMs, signal);
      continue;
    }
    // A finished run may have made room for a slot that waited on its host, or a request came in.
    await Promise.race(running.values());
  }
  await Promise.all(running.values());
  return { ...counts };
}
