import type { ResolvedSyncOptions } from './resolve-sync-options.js';
import type { SyncRun } from './roster-store.js';
import { readCheckpoint, type SyncCheckpoint } from './sync-checkpoint.js';
import type { SyncModeReason } from './sync-result.js';
import type { VersionSwitch } from './version-switch.js';

/** The run a sync works in, and how it came to be. */
export interface RunPlan {
  readonly run: SyncRun;
  readonly reason: SyncModeReason;
  /** Where the crashed run was when this call took it over. */
  readonly resumedFrom: SyncCheckpoint | undefined;
}

/**
 * `auto`: a full pull when none has succeeded, when the last one is older than `fullSyncEveryMs`
 * (some providers never report deletions), or when a collection was never pulled in full and has no
 * watermark; a delta otherwise.
 */
export async function chooseMode(
  options: ResolvedSyncOptions,
  change?: VersionSwitch,
): Promise<{ mode: 'full' | 'delta'; reason: SyncModeReason }> {
  if (options.mode !== 'auto') return { mode: options.mode, reason: 'requested' };
  // Re-keyed and dropped records are seen only by a full pull (detectVersionSwitch refused a delta).
  if (change !== undefined) return { mode: 'full', reason: 'version-switch' };
  const last = await options.store.lastFullSync(options.tenant);
  if (last === undefined) return { mode: 'full', reason: 'no-full-sync' };
  if (options.now() - Date.parse(last.startedAt) >= options.fullSyncEveryMs) {
    return { mode: 'full', reason: 'full-sync-due' };
  }
  for (const collection of options.collections) {
    // An empty collection committed by that full run has no watermark and needs none: a delta of it
    // pulls it whole. One never pulled in full (newly added to `collections`) needs a full pull.
    if (last.committed.includes(collection)) continue;
    if ((await options.store.getWatermark(options.tenant, collection)) === undefined) {
      return { mode: 'full', reason: 'no-watermark' };
    }
  }
  return { mode: 'delta', reason: 'watermarks' };
}

/**
 * Takes over a crashed run of the tenant when its checkpoint names one that is still `running` and
 * compatible with this call (same mode, or `auto`; the same OneRoster version; never a dry run). A run live in another worker
 * makes `resumeRun` refuse with SyncInProgressError, which propagates. A dry run begins its own run,
 * which the store lets leave the crashed one (staging and checkpoint) to the next real run.
 */
async function resumeCrashedRun(options: ResolvedSyncOptions): Promise<RunPlan | undefined> {
  if (!options.resume || options.dryRun) return undefined;
  const checkpoint = await options.store.getCheckpoint(options.tenant);
  if (checkpoint === undefined) return undefined;
  const crashed = await options.store.getRun(options.tenant, checkpoint.runId);
  if (crashed?.status !== 'running' || crashed.dryRun) return undefined;
  if (options.mode !== 'auto' && options.mode !== crashed.mode) return undefined;
  // Its staged pages are in the crashed run's version; a run of another version starts afresh.
  if (crashed.version !== options.version) return undefined;
  const run = await options.store.resumeRun(options.tenant, crashed.id);
  if (run === undefined) return undefined;
  return { run, reason: 'resumed', resumedFrom: readCheckpoint(checkpoint.data) };
}

/**
 * Resumes a crashed run, or begins a new one in the mode `chooseMode` picks, recording the client's
 * OneRoster version on it.
 */
export async function planRun(options: ResolvedSyncOptions, change?: VersionSwitch): Promise<RunPlan> {
  const resumed = await resumeCrashedRun(options);
  if (resumed !== undefined) return resumed;
  const { mode, reason } = await chooseMode(options, change);
  const run = await options.store.beginRun(options.tenant, {
    mode,
    dryRun: options.dryRun,
    version: options.version,
  });
  return { run, reason, resumedFrom: undefined };
}
