import type { CommitOptions } from '../roster-store.js';
import { type ChangeLogPolicy, resolveChangeLog } from './describe-change.js';
import { StoreRefusalError } from './store-refusal-error.js';
import type { CollectionDiff, JsonValue, SyncMode } from './store-types.js';

/** Commit options with their defaults applied. */
export interface CommitPolicy {
  readonly tombstones: 'keep' | 'delete';
  readonly unseen: 'keep' | 'tombstone' | 'delete';
  readonly watermark: string | undefined;
  readonly checkpoint: JsonValue | undefined;
  readonly baseline: 'set' | 'accumulate';
  /** Old sourcedId → new one; empty when nothing was re-keyed. */
  readonly rekey: ReadonlyMap<string, string>;
  /** Undefined: the commit writes no change log. */
  readonly changeLog: ChangeLogPolicy | undefined;
}

/**
 * Applies the commit defaults (the one place they live) and refuses what no store may do: commit a
 * dry run, or remove unseen records after a delta, which sees only changed records.
 */
export function resolveCommitPolicy(
  run: { readonly id: string; readonly tenant: string; readonly mode: SyncMode; readonly dryRun: boolean },
  collection: string,
  options: CommitOptions = {},
): CommitPolicy {
  const where = { tenant: run.tenant, runId: run.id, collection };
  if (run.dryRun) throw new StoreRefusalError({ reason: 'dry-run', ...where });
  const unseen = options.unseen ?? (run.mode === 'full' ? 'tombstone' : 'keep');
  if (run.mode === 'delta' && unseen !== 'keep') {
    throw new StoreRefusalError({ reason: 'delta-unseen', ...where, unseen });
  }
  return {
    tombstones: options.tombstones ?? 'keep',
    unseen,
    watermark: options.watermark,
    checkpoint: options.checkpoint,
    baseline: options.baseline ?? 'accumulate',
    rekey: options.rekey ?? new Map(),
    changeLog: resolveChangeLog(options.changeLog),
  };
}

/** Active records a commit retires: the provider's tombstones, and unseen records unless kept. */
export function retiredBy(diff: CollectionDiff, policy: CommitPolicy): number {
  return diff.tombstoned + (policy.unseen === 'keep' ? 0 : diff.unseen);
}

/** Staging into or committing a collection twice in one run would commit a partial pull. */
export function alreadyCommittedError(
  run: { readonly id: string; readonly tenant: string },
  collection: string,
): StoreRefusalError {
  return new StoreRefusalError({
    reason: 'already-committed',
    tenant: run.tenant,
    runId: run.id,
    collection,
  });
}

/** Store timestamps are ISO 8601 UTC strings, whichever clock the store was given. */
export function toIsoString(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
