import type { RosterStore } from '../sync/index.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { Connection } from './connection-types.js';
import type { WorkerEventListener } from './worker-events.js';

/** Options of {@link resumeReviewedConnections}. */
export interface ResumeReviewedOptions {
  /** @default registry.store */
  store?: RosterStore;
  onEvent?: WorkerEventListener;
  /** Named in every event. */
  workerId?: string;
  /** @default Date.now */
  now?: () => number;
}

/**
 * A worker pass's first step: `registry.resumeReviewed()`, with a `run-reviewed` event for each
 * connection it made active again. Both workers call it; a queue of your own can too.
 */
export async function resumeReviewedConnections(
  registry: ConnectionRegistry,
  options: ResumeReviewedOptions = {},
): Promise<Connection[]> {
  const now = options.now ?? Date.now;
  const resumed = await registry.resumeReviewed(options.store === undefined ? {} : { store: options.store });
  for (const connection of resumed) {
    const outcome = connection.lastOutcome;
    if (outcome?.runId === undefined || outcome.review === undefined) continue;
    try {
      options.onEvent?.({
        type: 'run-reviewed',
        at: new Date(now()).toISOString(),
        tenant: connection.tenant,
        slot: outcome.slot,
        key: `${connection.tenant}@${outcome.slot}`,
        worker: options.workerId,
        runId: outcome.runId,
        review: outcome.review,
      });
    } catch {
      // A listener's failure must not stop the worker.
    }
  }
  return resumed;
}
