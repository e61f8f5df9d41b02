import type { ConnectionRow, ConnectionStorage } from './connection-storage.js';
import { compareCodePoints } from './store/compare-code-points.js';
import { createMemoryStoreData, type MemoryStoreData } from './store/memory-data.js';
import type { JsonValue } from './store/store-types.js';

/** The registry's tables of one memory store's data. */
interface MemoryConnectionTables {
  readonly rows: Map<string, ConnectionRow>;
  readonly settings: Map<string, JsonValue>;
}

/**
 * Keyed by the store's data, so every storage over the same data (two "workers", a "restart") sees
 * the same rows, and the rows go when the data does.
 */
const tablesOfData = new WeakMap<MemoryStoreData, MemoryConnectionTables>();

function tablesOf(data: MemoryStoreData): MemoryConnectionTables {
  const known = tablesOfData.get(data);
  if (known !== undefined) return known;
  const tables = { rows: new Map<string, ConnectionRow>(), settings: new Map<string, JsonValue>() };
  tablesOfData.set(data, tables);
  return tables;
}

/** Options of {@link createMemoryConnectionStorage}. */
export interface MemoryConnectionStorageOptions {
  /**
   * The memory store's data (the `data` given to `createMemoryStore`), so the registry lives beside
   * that roster as it would in the same database.
   * @default fresh, empty data
   */
  data?: MemoryStoreData;
}

/**
 * The connection registry's storage in memory, for tests and small scripts. Rows are copied in and
 * out, as a database would.
 * @example
 * const data = createMemoryStoreData();
 * const registry = createConnectionRegistry({
 *   store: createMemoryStore({ data }),
 *   storage: createMemoryConnectionStorage({ data }),
 *   keys,
 * });
 */
export function createMemoryConnectionStorage(
  options: MemoryConnectionStorageOptions = {},
): ConnectionStorage {
  const { rows, settings } = tablesOf(options.data ?? createMemoryStoreData());
  let closed = false;
  const open = (): void => {
    if (closed) throw new Error('This memory connection storage is closed');
  };
  return {
    async insert(row) {
      open();
      if (rows.has(row.tenant)) return false;
      rows.set(row.tenant, structuredClone({ ...row, revision: 1 }));
      return true;
    },
    async get(tenant) {
      open();
      const row = rows.get(tenant);
      return row === undefined ? undefined : structuredClone(row);
    },
    async list() {
      open();
      return [...rows.values()]
        .sort((a, b) => compareCodePoints(a.tenant, b.tenant))
        .map((row) => structuredClone(row));
    },
    async replace(row) {
      open();
      if (rows.get(row.tenant)?.revision !== row.revision) return false;
      rows.set(row.tenant, structuredClone({ ...row, revision: row.revision + 1 }));
      return true;
    },
    async delete(tenant) {
      open();
      return rows.delete(tenant);
    },
    async readSetting(name) {
      open();
      const value = settings.get(name);
      return value === undefined ? undefined : structuredClone(value);
    },
    async writeSetting(name, value) {
      open();
      if (value === undefined) settings.delete(name);
      else settings.set(name, structuredClone(value));
    },
    async close() {
      closed = true;
    },
  };
}
