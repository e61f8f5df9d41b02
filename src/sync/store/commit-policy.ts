import type { CommitOptions } from '../roster-store.js';
import type { CollectionDiff, JsonValue, SyncMode } from './store-types.js';

/** Commit options with their defaults applied. */
export interface CommitPolicy {
  readonly tombstones: 'keep' | 'delete';
  readonly unseen: 'keep' | 'tombstone' | 'delete';
  readonly watermark: string | undefined;
  readonly checkpoint: JsonValue | undefined;
  readonly baseline: 'set' | 'accumulate';
}

/**
 * Applies the commit defaults (the one place they live) and refuses what no store may do: commit a
 * dry run, or remove unseen records after a delta, which sees only changed records.
 */
export function resolveCommitPolicy(
  run: { readonly mode: SyncMode; readonly dryRun: boolean },
  collection: string,
  options: CommitOptions = {},
): CommitPolicy {
  if (run.dryRun) throw new Error(`A dry run cannot commit ${collection}`);
  const unseen = options.unseen ?? (run.mode === 'full' ? 'tombstone' : 'keep');
  if (run.mode === 'delta' && unseen !== 'keep') {
    throw new Error(`A delta run cannot ${unseen} unseen ${collection}: it only sees changed records`);
  }
  return {
    tombstones: options.tombstones ?? 'keep',
    unseen,
    watermark: options.watermark,
    checkpoint: options.checkpoint,
    baseline: options.baseline ?? 'accumulate',
  };
}

/** Active records a commit retires: the provider's tombstones, and unseen records unless kept. */
export function retiredBy(diff: CollectionDiff, policy: CommitPolicy): number {
  return diff.tombstoned + (policy.unseen === 'keep' ? 0 : diff.unseen);
}

/** Staging into or committing a collection twice in one run would commit a partial pull. */
export function alreadyCommittedError(collection: string, runId: string): Error {
  return new Error(`Run ${runId} already committed ${collection}; begin a new run to sync it again`);
}

/** Store timestamps are ISO 8601 UTC strings, whichever clock the store was given. */
export function toIsoString(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
