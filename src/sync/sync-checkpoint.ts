import type { JsonValue } from './roster-store.js';

/**
 * What the engine saves with every staged batch and commit. The store keeps it in the batch's
 * transaction, so after a crash it names exactly the last batch that reached the store.
 */
export interface SyncCheckpoint {
  /** Format version, so a newer engine can tell an older checkpoint apart. */
  readonly version: 1;
  /** The collection being pulled, or the one just committed. */
  readonly collection: string;
  /** `pulling` while batches are staged; `committed` once the collection is live. */
  readonly phase: 'pulling' | 'committed';
  /** Pulls of this collection before this one (drift restarts). */
  readonly attempt: number;
  /** Pages staged in this pull. */
  readonly pages: number;
  /** Offset reached: records received in this pull. */
  readonly offset: number;
}

/** The checkpoint as the store's JSON. */
export function toCheckpointData(checkpoint: SyncCheckpoint): JsonValue {
  return { ...checkpoint };
}

/** Reads a checkpoint this engine saved; undefined for anything else (another engine, an old format). */
export function readCheckpoint(data: JsonValue): SyncCheckpoint | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { version, collection, phase, attempt, pages, offset } = data;
  if (version !== 1 || typeof collection !== 'string') return undefined;
  if (phase !== 'pulling' && phase !== 'committed') return undefined;
  if (typeof attempt !== 'number' || typeof pages !== 'number' || typeof offset !== 'number')
    return undefined;
  return { version, collection, phase, attempt, pages, offset };
}
