import { randomUUID } from 'node:crypto';
import type { RosterStore } from './roster-store.js';
import {
  alreadyCommittedError,
  type CommitPolicy,
  resolveCommitPolicy,
  retiredBy,
  toIsoString,
} from './store/commit-policy.js';
import { compareCodePoints } from './store/compare-code-points.js';
import { describeChange, pruneBefore } from './store/describe-change.js';
import { EraseRefusedError } from './store/erase-refused-error.js';
import {
  applyMemoryCommit,
  createMemoryStoreData,
  diffMemoryCollection,
  type MemoryChange,
  type MemoryCollection,
  type MemoryRunState,
  type MemoryStoreData,
  renameMemoryRows,
} from './store/memory-data.js';
import { eraseMemoryRecords, eraseMemoryTenant } from './store/memory-erase.js';
import { resolvePageSize } from './store/page-size.js';
import { parseJsonObject } from './store/parse-json.js';
import type { PreparedRecord } from './store/prepare-batch.js';
import { prepareBatch } from './store/prepare-batch.js';
import type {
  CollectionDiff,
  HeldRunRecord,
  JsonValue,
  RosterRecord,
  SyncRun,
  SyncRunRef,
} from './store/store-types.js';
import { SyncInProgressError } from './store/sync-in-progress-error.js';
import { SyncRunInactiveError } from './store/sync-run-inactive-error.js';

export { createMemoryStoreData, type MemoryChange, type MemoryStoreData } from './store/memory-data.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The data to work on; share it between stores to model two workers or a restart.
   * @default fresh, empty data
   */
  data?: MemoryStoreData;
  /**
   * The clock for run and checkpoint times, in milliseconds since the epoch.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * The reference store: everything in memory, for tests and small scripts. It follows the whole
 * contract of docs/stores.md, and every store is checked against it by the same suite.
 * @example
 * const store = createMemoryStore();
 * const run = await store.beginRun('district-7', { mode: 'full' });
 * await store.stage(run, 'users', users);
 * await store.commit(run, 'users');
 * await store.finishRun(run, { status: 'succeeded' });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): RosterStore {
  const data = options.data ?? createMemoryStoreData();
  const now = options.now ?? Date.now;
  // Identifies this handle as the holder of its runs; close() lets go of them.
  const holder = {};
  let closed = false;

  const liveOf = (tenant: string, collection: string): MemoryCollection =>
    data.records.get(tenant)?.get(collection) ?? new Map();
  const writableLiveOf = (tenant: string, collection: string): MemoryCollection => {
    const collections = data.records.get(tenant) ?? new Map<string, MemoryCollection>();
    data.records.set(tenant, collections);
    const live = collections.get(collection) ?? new Map();
    collections.set(collection, live);
    return live;
  };
  const stagedOf = (runId: string, collection: string): Map<string, PreparedRecord> => {
    const collections = data.staged.get(runId) ?? new Map<string, Map<string, PreparedRecord>>();
    data.staged.set(runId, collections);
    const staged = collections.get(collection) ?? new Map();
    collections.set(collection, staged);
    return staged;
  };
  const snapshot = ({ hold: _hold, ...run }: MemoryRunState): SyncRun => ({
    ...run,
    committed: [...run.committed],
  });
  const heldRecord = (run: MemoryRunState): HeldRunRecord | undefined =>
    run.hold === undefined
      ? undefined
      : {
          run: snapshot(run),
          heldAt: run.hold.heldAt,
          expiresAt: run.hold.expiresAt,
          plan: structuredClone(run.hold.plan),
        };
  /** The tenant's run awaiting review; one past its expiry is ended `expired` first. */
  const awaitingReview = (tenant: string): MemoryRunState | undefined => {
    for (const run of data.runs.values()) {
      if (run.tenant !== tenant || run.status !== 'awaiting-review') continue;
      if (run.hold !== undefined && Date.parse(run.hold.expiresAt) > now()) return run;
      endRun(run, 'expired');
    }
    return undefined;
  };
  const held = (ref: SyncRunRef): MemoryRunState => {
    const run = data.runs.get(ref.id);
    const holding = data.holders.get(ref.tenant);
    if (closed || run?.tenant !== ref.tenant || holding?.runId !== ref.id || holding.holder !== holder) {
      throw new SyncRunInactiveError({ tenant: ref.tenant, runId: ref.id });
    }
    return run;
  };
  /** Refuses while a run of the tenant is live or awaiting review (but for `taking`, the held run taken). */
  const claim = (tenant: string, taking?: string): void => {
    if (closed) throw new Error('This memory store is closed');
    const holding = data.holders.get(tenant);
    if (holding !== undefined) throw new SyncInProgressError({ tenant, runId: holding.runId });
    const review = awaitingReview(tenant);
    if (review !== undefined && review.id !== taking)
      throw new SyncInProgressError({ tenant, runId: review.id, awaitingReview: true });
  };
  const endRun = (run: MemoryRunState, status: MemoryRunState['status']): void => {
    run.status = status;
    run.finishedAt = toIsoString(now());
    run.hold = undefined;
    data.staged.delete(run.id);
    if (data.checkpoints.get(run.tenant)?.runId === run.id) data.checkpoints.delete(run.tenant);
    if (data.holders.get(run.tenant)?.runId === run.id) data.holders.delete(run.tenant);
  };
  const saveCheckpoint = (run: MemoryRunState, checkpoint: JsonValue): void => {
    // A dry run is never resumed; the tenant's checkpoint may be a crashed run's resume point.
    if (run.dryRun) return;
    const copy = JSON.parse(JSON.stringify(checkpoint)) as JsonValue;
    data.checkpoints.set(run.tenant, { runId: run.id, data: copy, savedAt: toIsoString(now()) });
  };
  const setWatermark = (tenant: string, collection: string, watermark: string | undefined): void => {
    const collections = data.watermarks.get(tenant) ?? new Map<string, string>();
    data.watermarks.set(tenant, collections);
    if (watermark === undefined) collections.delete(collection);
    else collections.set(collection, watermark);
  };
  const moveBaseline = (
    run: MemoryRunState,
    collection: string,
    diff: CollectionDiff,
    policy: CommitPolicy,
  ) => {
    const collections = data.baselines.get(run.tenant) ?? new Map();
    data.baselines.set(run.tenant, collections);
    const current = collections.get(collection);
    if (policy.baseline === 'accumulate') {
      if (current !== undefined)
        collections.set(collection, {
          ...current,
          retiredSince: current.retiredSince + retiredBy(diff, policy),
        });
      return;
    }
    let active = 0;
    for (const row of liveOf(run.tenant, collection).values()) if (row.status === 'active') active++;
    collections.set(collection, { runId: run.id, setAt: toIsoString(now()), active, retiredSince: 0 });
  };
  // A held run holds the tenant as a live one does: approving it would write the district back.
  const refuseLiveRun = (tenant: string): void => {
    if (closed) throw new Error('This memory store is closed');
    const holding = data.holders.get(tenant);
    if (holding !== undefined)
      throw new EraseRefusedError({ reason: 'run-live', tenant, runId: holding.runId });
    const at = toIsoString(now());
    for (const run of data.runs.values()) {
      if (
        run.tenant === tenant &&
        run.status === 'awaiting-review' &&
        run.hold !== undefined &&
        run.hold.expiresAt > at
      )
        throw new EraseRefusedError({ reason: 'run-held', tenant, runId: run.id });
    }
  };
  // The change log is the difference between the collection before and after the commit, by sourcedId.
  const logChanges = (
    run: MemoryRunState,
    collection: string,
    before: ReadonlyMap<string, string>,
    after: MemoryCollection,
    policy: CommitPolicy,
  ) => {
    const changeLog = policy.changeLog;
    if (changeLog === undefined) return;
    const at = toIsoString(now());
    const log = data.changes.get(run.tenant) ?? [];
    data.changes.set(run.tenant, log);
    let seq = data.changeSeqs.get(run.tenant) ?? 0;
    const ids = new Set([...before.keys(), ...after.keys()]);
    for (const sourcedId of [...ids].sort(compareCodePoints)) {
      const row = describeChange(
        sourcedId,
        before.get(sourcedId),
        after.get(sourcedId)?.json,
        changeLog.values,
      );
      if (row === undefined) continue;
      seq++;
      log.push({ ...row, seq, runId: run.id, collection, at });
    }
    data.changeSeqs.set(run.tenant, seq);
    const cutoff = pruneBefore(changeLog, now());
    if (cutoff !== undefined) pruneChanges(run.tenant, cutoff);
  };
  const pruneChanges = (tenant: string, olderThan: string): number => {
    const log = data.changes.get(tenant) ?? [];
    const kept = log.filter((change) => change.at >= olderThan);
    data.changes.set(tenant, kept);
    return log.length - kept.length;
  };
  const toChangeRecord = (tenant: string, change: MemoryChange) => ({
    seq: change.seq,
    tenant,
    runId: change.runId,
    collection: change.collection,
    sourcedId: change.sourcedId,
    op: change.op,
    changedFields: [...change.changedFields],
    ...(change.before === undefined ? {} : { before: parseJsonObject(change.before) }),
    ...(change.after === undefined ? {} : { after: parseJsonObject(change.after) }),
    at: change.at,
  });
  const matches = (status: string, wanted: string | undefined): boolean =>
    wanted === undefined || status === wanted;

  return {
    async beginRun(tenant, { mode, dryRun = false, version = '1.1' }) {
      claim(tenant);
      for (const run of data.runs.values()) {
        // A dry run leaves a crashed real run resumable: it is a preview, not a replacement.
        const crashed = run.tenant === tenant && run.status === 'running';
        if (crashed && (!dryRun || run.dryRun)) endRun(run, 'abandoned');
      }
      const run: MemoryRunState = {
        id: randomUUID(),
        tenant,
        mode,
        dryRun,
        version,
        status: 'running',
        startedAt: toIsoString(now()),
        finishedAt: undefined,
        committed: [],
      };
      data.runs.set(run.id, run);
      data.holders.set(tenant, { runId: run.id, holder });
      return snapshot(run);
    },
    async resumeRun(tenant, runId) {
      claim(tenant);
      const run = data.runs.get(runId);
      if (run?.tenant !== tenant || run.status !== 'running') return undefined;
      data.holders.set(tenant, { runId, holder });
      return snapshot(run);
    },
    async getRun(tenant, runId) {
      const run = data.runs.get(runId);
      return run?.tenant === tenant ? snapshot(run) : undefined;
    },
    async finishRun(ref, { status }) {
      const run = held(ref);
      endRun(run, status);
      return snapshot(run);
    },
    async releaseRun(ref) {
      const run = held(ref);
      data.holders.delete(run.tenant);
      return snapshot(run);
    },
    async lastFullSync(tenant) {
      let last: MemoryRunState | undefined;
      for (const run of data.runs.values()) {
        const counts =
          run.tenant === tenant && run.mode === 'full' && !run.dryRun && run.status === 'succeeded';
        if (counts && (last === undefined || run.startedAt >= last.startedAt)) last = run;
      }
      return last === undefined ? undefined : snapshot(last);
    },
    async holdRun(ref, { expiresAt, plan }) {
      const run = held(ref);
      if (run.dryRun) throw new TypeError(`Run ${run.id} is a dry run: it cannot be held for review`);
      run.status = 'awaiting-review';
      run.hold = { heldAt: toIsoString(now()), expiresAt, plan: structuredClone(plan) };
      if (data.checkpoints.get(run.tenant)?.runId === run.id) data.checkpoints.delete(run.tenant);
      data.holders.delete(run.tenant);
      const record = heldRecord(run);
      if (record === undefined) throw new Error(`Run ${run.id} lost its hold`);
      return record;
    },
    async getHeldRun(tenant) {
      const run = awaitingReview(tenant);
      return run === undefined ? undefined : heldRecord(run);
    },
    async takeHeldRun(tenant, runId) {
      claim(tenant, runId);
      const run = data.runs.get(runId);
      if (run?.tenant !== tenant || run.status !== 'awaiting-review') return undefined;
      run.status = 'running';
      run.hold = undefined;
      data.holders.set(tenant, { runId, holder });
      return snapshot(run);
    },
    async *iterateStaged(tenant, runId, collection, iterateOptions = {}) {
      const pageSize = resolvePageSize(iterateOptions.pageSize);
      if (data.runs.get(runId)?.tenant !== tenant) return;
      const staged = data.staged.get(runId)?.get(collection) ?? new Map<string, PreparedRecord>();
      const after = iterateOptions.after;
      const keys = [...staged.keys()].filter(
        (key) => after === undefined || compareCodePoints(key, after) > 0,
      );
      keys.sort(compareCodePoints);
      for (let start = 0; start < keys.length; start += pageSize) {
        const page: RosterRecord[] = [];
        for (const key of keys.slice(start, start + pageSize)) {
          const record = staged.get(key);
          // JSON.parse gives `any`: the staged JSON is a record prepareBatch checked.
          const parsed: RosterRecord | undefined = record === undefined ? undefined : JSON.parse(record.json);
          if (parsed !== undefined) page.push(parsed);
        }
        yield* page;
      }
    },
    async stage(ref, collection, records, stageOptions = {}) {
      const run = held(ref);
      if (run.committed.includes(collection)) throw alreadyCommittedError(run, collection);
      const prepared = prepareBatch(collection, records);
      const staged = stagedOf(run.id, collection);
      for (const record of prepared) staged.set(record.sourcedId, record);
      if (stageOptions.checkpoint !== undefined) saveCheckpoint(run, stageOptions.checkpoint);
    },
    async discard(ref, collection) {
      const run = held(ref);
      data.staged.get(run.id)?.delete(collection);
    },
    async diff(ref, collection) {
      const run = held(ref);
      const staged = data.staged.get(run.id)?.get(collection) ?? new Map<string, PreparedRecord>();
      return diffMemoryCollection(liveOf(run.tenant, collection), staged, run.mode);
    },
    async commit(ref, collection, commitOptions) {
      const run = held(ref);
      const policy = resolveCommitPolicy(run, collection, commitOptions);
      if (run.committed.includes(collection)) throw alreadyCommittedError(run, collection);
      const live = writableLiveOf(run.tenant, collection);
      const staged = stagedOf(run.id, collection);
      const before =
        policy.changeLog === undefined
          ? new Map<string, string>()
          : new Map([...live].map(([sourcedId, row]) => [sourcedId, row.json]));
      renameMemoryRows(live, staged, policy.rekey);
      const diff = diffMemoryCollection(live, staged, run.mode);
      const deleted = applyMemoryCommit(live, staged, policy);
      moveBaseline(run, collection, diff, policy);
      logChanges(run, collection, before, live, policy);
      data.staged.get(run.id)?.delete(collection);
      run.committed.push(collection);
      const counts = data.runCounts.get(run.id) ?? new Map();
      data.runCounts.set(run.id, counts.set(collection, { ...diff, deleted }));
      if (policy.watermark !== undefined) setWatermark(run.tenant, collection, policy.watermark);
      if (policy.checkpoint !== undefined) saveCheckpoint(run, policy.checkpoint);
      return { ...diff, deleted };
    },
    async readChanges(tenant, { after = 0, collections, limit }) {
      const wanted = collections === undefined ? undefined : new Set(collections);
      const page: ReturnType<typeof toChangeRecord>[] = [];
      for (const change of data.changes.get(tenant) ?? []) {
        if (page.length >= limit) break;
        if (change.seq <= after || (wanted !== undefined && !wanted.has(change.collection))) continue;
        page.push(toChangeRecord(tenant, change));
      }
      return page;
    },
    async listRuns(tenant, listOptions = {}) {
      const runs = [...data.runs.values()].filter((run) => run.tenant === tenant).reverse();
      runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
      return runs.slice(0, listOptions.limit ?? runs.length).map((run) => ({
        ...snapshot(run),
        counts: Object.fromEntries(
          [...(data.runCounts.get(run.id) ?? new Map())].map(([collection, result]) => [
            collection,
            { ...result },
          ]),
        ),
      }));
    },
    async pruneChanges(tenant, olderThan) {
      return pruneChanges(tenant, olderThan);
    },
    async saveCheckpoint(ref, checkpoint) {
      saveCheckpoint(held(ref), checkpoint);
    },
    async getCheckpoint(tenant) {
      const checkpoint = data.checkpoints.get(tenant);
      return checkpoint === undefined ? undefined : { ...checkpoint, data: structuredClone(checkpoint.data) };
    },
    async getWatermark(tenant, collection) {
      return data.watermarks.get(tenant)?.get(collection);
    },
    async setWatermark(tenant, collection, watermark) {
      setWatermark(tenant, collection, watermark);
    },
    async getBaseline(tenant, collection) {
      const baseline = data.baselines.get(tenant)?.get(collection);
      return baseline === undefined ? undefined : { ...baseline };
    },
    async count(tenant, collection, readOptions = {}) {
      let total = 0;
      for (const row of liveOf(tenant, collection).values())
        if (matches(row.status, readOptions.status)) total++;
      return total;
    },
    async get(tenant, collection, sourcedId) {
      const row = liveOf(tenant, collection).get(sourcedId);
      return row === undefined ? undefined : (JSON.parse(row.json) as RosterRecord);
    },
    async *iterate(tenant, collection, iterateOptions = {}) {
      const pageSize = resolvePageSize(iterateOptions.pageSize);
      const live = liveOf(tenant, collection);
      const after = iterateOptions.after;
      const keys = [...live.keys()].filter((key) => after === undefined || compareCodePoints(key, after) > 0);
      keys.sort(compareCodePoints);
      for (let start = 0; start < keys.length; start += pageSize) {
        const page: RosterRecord[] = [];
        for (const key of keys.slice(start, start + pageSize)) {
          const row = live.get(key);
          if (row !== undefined && matches(row.status, iterateOptions.status)) {
            page.push(JSON.parse(row.json) as RosterRecord);
          }
        }
        yield* page;
      }
    },
    async eraseTenant(tenant) {
      refuseLiveRun(tenant);
      return { tenant, erasedAt: toIsoString(now()), tables: eraseMemoryTenant(data, tenant) };
    },
    async eraseRecords(tenant, collection, sourcedIds) {
      refuseLiveRun(tenant);
      const ids = new Set(sourcedIds);
      const tables = eraseMemoryRecords(data, tenant, collection, ids);
      return { tenant, erasedAt: toIsoString(now()), tables, collection, requested: ids.size };
    },
    async close() {
      closed = true;
      for (const [tenant, holding] of data.holders)
        if (holding.holder === holder) data.holders.delete(tenant);
    },
  };
}
