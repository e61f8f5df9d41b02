import type { RosterRecord, RosterStore } from '../roster-store.js';
import { type StoreCall, type StoreKind, toStoreError } from './store-error.js';

/**
 * The store with every driver error turned into a `StoreError` at its boundary, so no method lets a
 * database message that quotes a record reach the caller. The store's own errors pass unchanged.
 */
export function guardStoreErrors(store: StoreKind, inner: RosterStore): RosterStore {
  const guard = async <T>(
    operation: string,
    where: Omit<StoreCall, 'store' | 'operation'>,
    work: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error, { store, operation, ...where });
    }
  };
  return {
    beginRun: (tenant, options) => guard('beginRun', { tenant }, () => inner.beginRun(tenant, options)),
    resumeRun: (tenant, runId) => guard('resumeRun', { tenant }, () => inner.resumeRun(tenant, runId)),
    getRun: (tenant, runId) => guard('getRun', { tenant }, () => inner.getRun(tenant, runId)),
    finishRun: (run, options) =>
      guard('finishRun', { tenant: run.tenant }, () => inner.finishRun(run, options)),
    releaseRun: (run) => guard('releaseRun', { tenant: run.tenant }, () => inner.releaseRun(run)),
    lastFullSync: (tenant) => guard('lastFullSync', { tenant }, () => inner.lastFullSync(tenant)),
    holdRun: (run, options) => guard('holdRun', { tenant: run.tenant }, () => inner.holdRun(run, options)),
    getHeldRun: (tenant) => guard('getHeldRun', { tenant }, () => inner.getHeldRun(tenant)),
    takeHeldRun: (tenant, runId) => guard('takeHeldRun', { tenant }, () => inner.takeHeldRun(tenant, runId)),
    async *iterateStaged(tenant, runId, collection, options): AsyncGenerator<RosterRecord> {
      try {
        yield* inner.iterateStaged(tenant, runId, collection, options);
      } catch (error) {
        throw toStoreError(error, { store, operation: 'iterateStaged', tenant, collection });
      }
    },
    stage: (run, collection, records, options) =>
      guard('stage', { tenant: run.tenant, collection }, () =>
        inner.stage(run, collection, records, options),
      ),
    discard: (run, collection) =>
      guard('discard', { tenant: run.tenant, collection }, () => inner.discard(run, collection)),
    diff: (run, collection) =>
      guard('diff', { tenant: run.tenant, collection }, () => inner.diff(run, collection)),
    commit: (run, collection, options) =>
      guard('commit', { tenant: run.tenant, collection }, () => inner.commit(run, collection, options)),
    readChanges: (tenant, options) =>
      guard('readChanges', { tenant }, () => inner.readChanges(tenant, options)),
    listRuns: (tenant, options) => guard('listRuns', { tenant }, () => inner.listRuns(tenant, options)),
    pruneChanges: (tenant, olderThan) =>
      guard('pruneChanges', { tenant }, () => inner.pruneChanges(tenant, olderThan)),
    saveCheckpoint: (run, data) =>
      guard('saveCheckpoint', { tenant: run.tenant }, () => inner.saveCheckpoint(run, data)),
    getCheckpoint: (tenant) => guard('getCheckpoint', { tenant }, () => inner.getCheckpoint(tenant)),
    getWatermark: (tenant, collection) =>
      guard('getWatermark', { tenant, collection }, () => inner.getWatermark(tenant, collection)),
    setWatermark: (tenant, collection, watermark) =>
      guard('setWatermark', { tenant, collection }, () => inner.setWatermark(tenant, collection, watermark)),
    getBaseline: (tenant, collection) =>
      guard('getBaseline', { tenant, collection }, () => inner.getBaseline(tenant, collection)),
    count: (tenant, collection, options) =>
      guard('count', { tenant, collection }, () => inner.count(tenant, collection, options)),
    get: (tenant, collection, sourcedId) =>
      guard('get', { tenant, collection }, () => inner.get(tenant, collection, sourcedId)),
    async *iterate(tenant, collection, options): AsyncGenerator<RosterRecord> {
      try {
        yield* inner.iterate(tenant, collection, options);
      } catch (error) {
        throw toStoreError(error, { store, operation: 'iterate', tenant, collection });
      }
    },
    eraseTenant: (tenant) => guard('eraseTenant', { tenant }, () => inner.eraseTenant(tenant)),
    eraseRecords: (tenant, collection, sourcedIds) =>
      guard('eraseRecords', { tenant, collection }, () => inner.eraseRecords(tenant, collection, sourcedIds)),
    close: () => guard('close', {}, () => inner.close()),
  };
}
