import type { SyncCollectionName } from './sync-options.js';
import type { CollectionReport } from './sync-result.js';

/** Fields every progress event carries. */
interface ProgressBase {
  readonly runId: string;
  readonly collection: SyncCollectionName;
}

/** A collection's pull starts (again after a drift restart, with `attempt` above 0). */
export interface CollectionStartedEvent extends ProgressBase {
  readonly type: 'collection-started';
  readonly mode: 'full' | 'delta';
  readonly attempt: number;
  /** The delta's lower bound (watermark minus overlap); absent for a full pull. */
  readonly since: string | undefined;
}

/** A page was staged. Enough to draw `users 120,000 / 1,200,000 (4,100/s, ETA 4m)`. */
export interface PageProgressEvent extends ProgressBase {
  readonly type: 'page';
  /** Records received so far in this pull. */
  readonly received: number;
  /** The provider's `X-Total-Count`, when it sent one. */
  readonly total: number | undefined;
  readonly pages: number;
  readonly elapsedMs: number;
  readonly recordsPerSecond: number;
  /** Estimated time left, when the total is known and records are flowing. */
  readonly etaMs: number | undefined;
}

/** The pull drifted (total or `x-perm-rev` moved) and starts over; nothing it staged is kept. */
export interface CollectionRestartedEvent extends ProgressBase {
  readonly type: 'collection-restarted';
  readonly attempt: number;
  readonly totalBefore: number | undefined;
  readonly totalAfter: number | undefined;
}

/** The collection's new snapshot is live in the store. */
export interface CollectionCommittedEvent extends ProgressBase {
  readonly type: 'collection-committed';
  readonly report: CollectionReport;
}

/** The collection is done (committed, or diffed only in a dry run). */
export interface CollectionFinishedEvent extends ProgressBase {
  readonly type: 'collection-finished';
  readonly report: CollectionReport;
}

/** Progress of a run, one collection at a time. */
export type SyncProgressEvent =
  | CollectionStartedEvent
  | PageProgressEvent
  | CollectionRestartedEvent
  | CollectionCommittedEvent
  | CollectionFinishedEvent;

/** Receives progress events; must not throw (a throwing listener is ignored, as `onEvent` is). */
export type SyncProgressListener = (event: SyncProgressEvent) => void;

/** Calls the listener, keeping a broken progress display from failing a sync. */
export function emitProgress(listener: SyncProgressListener | undefined, event: SyncProgressEvent): void {
  if (listener === undefined) return;
  try {
    listener(event);
  } catch {
    // A progress line is not worth a failed district sync.
  }
}

/** Rate and ETA of a pull from its start time; both 0/undefined until time has passed. */
export function pageRate(
  received: number,
  total: number | undefined,
  elapsedMs: number,
): { recordsPerSecond: number; etaMs: number | undefined } {
  const recordsPerSecond = elapsedMs > 0 ? (received * 1_000) / elapsedMs : 0;
  const left = total === undefined ? undefined : Math.max(0, total - received);
  const etaMs =
    left === undefined || recordsPerSecond === 0 ? undefined : Math.round((left / recordsPerSecond) * 1_000);
  return { recordsPerSecond, etaMs };
}
