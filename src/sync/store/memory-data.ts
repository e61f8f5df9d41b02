import type { OneRosterVersion } from '../../index.js';
import type { ChangeOp } from './change-types.js';
import type { CommitPolicy } from './commit-policy.js';
import type { PreparedRecord } from './prepare-batch.js';
import type {
  Checkpoint,
  CollectionDiff,
  CommitResult,
  DeletionBaseline,
  JsonValue,
  RecordStatus,
  SyncMode,
  SyncRunStatus,
} from './store-types.js';

/** A stored record. A null hash marks a record the store tombstoned itself (unseen by a full pull). */
export interface MemoryRow {
  status: RecordStatus;
  hash: string | null;
  json: string;
}

/** A run as the memory store records it. */
export interface MemoryRunState {
  id: string;
  tenant: string;
  mode: SyncMode;
  dryRun: boolean;
  version: OneRosterVersion;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | undefined;
  committed: string[];
  /** Set while the run awaits review. */
  hold?: { heldAt: string; expiresAt: string; plan: JsonValue } | undefined;
}

/** A change record as the memory store keeps it: values as JSON text, so no reader can alter them. */
export interface MemoryChange {
  readonly sourcedId: string;
  readonly op: ChangeOp;
  readonly changedFields: readonly string[];
  /** JSON text. */
  readonly before: string | undefined;
  /** JSON text. */
  readonly after: string | undefined;
  readonly seq: number;
  readonly runId: string;
  readonly collection: string;
  readonly at: string;
}

/** Records by sourcedId. */
export type MemoryCollection = Map<string, MemoryRow>;

/**
 * What a memory store holds. Opaque to users: pass the same data to two `createMemoryStore` calls to
 * get two handles on one roster, as two workers or a restarted process have on a database.
 */
export interface MemoryStoreData {
  /** tenant → collection → records. */
  readonly records: Map<string, Map<string, MemoryCollection>>;
  /** run id → collection → staged records by sourcedId. */
  readonly staged: Map<string, Map<string, Map<string, PreparedRecord>>>;
  readonly runs: Map<string, MemoryRunState>;
  /** tenant → the live run and the store handle that holds it. */
  readonly holders: Map<string, { runId: string; holder: object }>;
  readonly checkpoints: Map<string, Checkpoint>;
  /** tenant → collection → watermark. */
  readonly watermarks: Map<string, Map<string, string>>;
  /** tenant → collection → deletion baseline. */
  readonly baselines: Map<string, Map<string, DeletionBaseline>>;
  /** tenant → change log, in seq order. */
  readonly changes: Map<string, MemoryChange[]>;
  /** tenant → the last seq given, kept when old changes are pruned. */
  readonly changeSeqs: Map<string, number>;
  /** run id → collection → what its commit did. */
  readonly runCounts: Map<string, Map<string, CommitResult>>;
}

/**
 * Creates empty data for memory stores.
 * @example
 * const data = createMemoryStoreData();
 * const worker = createMemoryStore({ data });
 * const restarted = createMemoryStore({ data }); // sees what worker committed, can resume its run
 */
export function createMemoryStoreData(): MemoryStoreData {
  return {
    records: new Map(),
    staged: new Map(),
    runs: new Map(),
    holders: new Map(),
    checkpoints: new Map(),
    watermarks: new Map(),
    baselines: new Map(),
    changes: new Map(),
    changeSeqs: new Map(),
    runCounts: new Map(),
  };
}

/** The diff rules of docs/stores.md, over maps. */
export function diffMemoryCollection(
  live: MemoryCollection,
  staged: ReadonlyMap<string, PreparedRecord>,
  mode: SyncMode,
): CollectionDiff {
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  let tombstoned = 0;
  for (const record of staged.values()) {
    const stored = live.get(record.sourcedId);
    const storedActive = stored?.status === 'active';
    if (stored !== undefined && stored.hash === record.hash) unchanged++;
    else if (record.status === 'tobedeleted') tombstoned += storedActive ? 1 : 0;
    else if (storedActive) updated++;
    else inserted++;
  }
  let unseen = 0;
  if (mode === 'full') {
    for (const [sourcedId, row] of live) if (row.status === 'active' && !staged.has(sourcedId)) unseen++;
  }
  return { staged: staged.size, inserted, updated, unchanged, tombstoned, unseen };
}

/** Applies staged records to the live map as `commit` does; returns how many rows it removed. */
export function applyMemoryCommit(
  live: MemoryCollection,
  staged: ReadonlyMap<string, PreparedRecord>,
  policy: CommitPolicy,
): number {
  let deleted = 0;
  for (const record of staged.values()) {
    const stored = live.get(record.sourcedId);
    if (stored !== undefined && stored.hash === record.hash) continue;
    if (record.status === 'tobedeleted' && policy.tombstones === 'delete') {
      if (live.delete(record.sourcedId)) deleted++;
      continue;
    }
    live.set(record.sourcedId, { status: record.status, hash: record.hash, json: record.json });
  }
  if (policy.unseen === 'keep') return deleted;
  for (const [sourcedId, row] of live) {
    if (staged.has(sourcedId)) continue;
    if (policy.unseen === 'delete') {
      live.delete(sourcedId);
      deleted++;
    } else if (row.status === 'active') {
      const record = { ...(JSON.parse(row.json) as Record<string, unknown>), status: 'tobedeleted' };
      live.set(sourcedId, { status: 'tobedeleted', hash: null, json: JSON.stringify(record) });
    }
  }
  return deleted;
}

/**
 * Renames stored records the provider re-keyed (`CommitOptions.rekey`), before a commit applies the
 * staged records: a rename whose new id is already stored, or whose old id is staged too, is skipped.
 */
export function renameMemoryRows(
  live: MemoryCollection,
  staged: ReadonlyMap<string, PreparedRecord>,
  rekey: ReadonlyMap<string, string>,
): void {
  for (const [from, to] of rekey) {
    const row = live.get(from);
    if (row === undefined || live.has(to) || staged.has(from)) continue;
    live.delete(from);
    live.set(to, row);
  }
}
