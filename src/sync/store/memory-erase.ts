import type { MemoryStoreData } from './memory-data.js';

/** Removes what one part of the memory store holds for a tenant; returns the rows removed. */
type TenantEraser = (data: MemoryStoreData, tenant: string) => number;

/** The run ids of a tenant, for the parts keyed by run. */
function runIdsOf(data: MemoryStoreData, tenant: string): string[] {
  return [...data.runs.values()].filter((run) => run.tenant === tenant).map((run) => run.id);
}

/** Deletes a tenant's entry of a map keyed by tenant, counting what it held with `size`. */
function eraseKeyed<V>(map: Map<string, V>, tenant: string, size: (value: V) => number): number {
  const value = map.get(tenant);
  if (value === undefined) return 0;
  map.delete(tenant);
  return size(value);
}

/**
 * Every part of the memory store that holds a tenant's data, by the table it stands for in the SQL
 * stores. Erasing a tenant empties each of them; a part added to `MemoryStoreData` is added here.
 * `runs` comes last: the parts before it find the tenant's staging through its runs. A held run's
 * review state lives on its run, and goes with it.
 */
export const MEMORY_TENANT_TABLES: Readonly<Record<string, TenantEraser>> = {
  records: (data, tenant) =>
    eraseKeyed(data.records, tenant, (collections) =>
      [...collections.values()].reduce((sum, collection) => sum + collection.size, 0),
    ),
  staged: (data, tenant) => {
    let rows = 0;
    for (const runId of runIdsOf(data, tenant)) {
      for (const staged of data.staged.get(runId)?.values() ?? []) rows += staged.size;
      data.staged.delete(runId);
    }
    return rows;
  },
  checkpoints: (data, tenant) => eraseKeyed(data.checkpoints, tenant, () => 1),
  watermarks: (data, tenant) => eraseKeyed(data.watermarks, tenant, (collections) => collections.size),
  baselines: (data, tenant) => eraseKeyed(data.baselines, tenant, (collections) => collections.size),
  changes: (data, tenant) => eraseKeyed(data.changes, tenant, (changes) => changes.length),
  change_seq: (data, tenant) => eraseKeyed(data.changeSeqs, tenant, () => 1),
  runs: (data, tenant) => {
    const ids = runIdsOf(data, tenant);
    for (const id of ids) data.runCounts.delete(id);
    for (const id of ids) data.runs.delete(id);
    return ids.length;
  },
};

/** Empties every part of the memory store of the tenant; the rows removed per table. */
export function eraseMemoryTenant(data: MemoryStoreData, tenant: string): Record<string, number> {
  const tables: Record<string, number> = {};
  for (const [table, erase] of Object.entries(MEMORY_TENANT_TABLES)) tables[table] = erase(data, tenant);
  return tables;
}

/**
 * Deletes single records of a collection, their staged copies and their change records (which hold
 * their values); the rows removed per table.
 */
export function eraseMemoryRecords(
  data: MemoryStoreData,
  tenant: string,
  collection: string,
  sourcedIds: ReadonlySet<string>,
): Record<string, number> {
  let records = 0;
  const live = data.records.get(tenant)?.get(collection);
  for (const id of sourcedIds) if (live?.delete(id) === true) records++;
  let staged = 0;
  for (const runId of runIdsOf(data, tenant)) {
    const rows = data.staged.get(runId)?.get(collection);
    for (const id of sourcedIds) if (rows?.delete(id) === true) staged++;
  }
  const log = data.changes.get(tenant) ?? [];
  const kept = log.filter((change) => change.collection !== collection || !sourcedIds.has(change.sourcedId));
  if (log.length !== kept.length) data.changes.set(tenant, kept);
  return { records, staged, changes: log.length - kept.length };
}
