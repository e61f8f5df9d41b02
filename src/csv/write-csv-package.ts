import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Zip, ZipDeflate } from 'fflate';
import {
  type ChangeRecord,
  compareCodePoints,
  type RosterStore,
  type SyncCollectionName,
} from '../sync/index.js';
import { readChangedRecords } from './changed-records.js';
import { CsvPackageError } from './csv-package-error.js';
import { CSV_TABLES, type CsvTable } from './csv-tables.js';
import { headerOf, recordToRow } from './record-to-row.js';

/** Options of {@link writeCsvPackage}. */
export interface WriteCsvPackageOptions {
  /** A new or empty directory, or a path ending in `.zip`. */
  to: string;
  /**
   * `bulk` writes a snapshot of the tenant's active records. `delta` writes, from the store's change
   * log, each record changed after `since` as it is now: active ones with their values, retired ones
   * as `tobedeleted` rows.
   */
  mode: 'bulk' | 'delta';
  /**
   * For `delta`: the change log's seq after which changes are written (exclusive), e.g. the
   * `lastSeq` of the previous delta.
   * @default 0, every change the log holds
   */
  since?: number;
  /**
   * Collections to write; each gets its file, the others are `absent` in the manifest.
   * @default every collection but demographics
   */
  collections?: readonly SyncCollectionName[];
  /**
   * Rows held in memory at a time, per write.
   * @default 1000
   */
  batchSize?: number;
}

/** What {@link writeCsvPackage} wrote. */
export interface CsvWriteResult {
  readonly path: string;
  /** Rows written per collection. */
  readonly rows: Partial<Record<SyncCollectionName, number>>;
  /** For a delta: the highest change-log seq it holds, the `since` of the next one. */
  readonly lastSeq?: number;
}

const DEFAULT_COLLECTIONS: readonly SyncCollectionName[] = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
];

/** Where the files of a package go: one writer for a directory, entries of a zip otherwise. */
interface PackageSink {
  file(name: string): Promise<FileSink>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

interface FileSink {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

async function writeWithBackpressure(stream: WriteStream, chunk: string | Uint8Array): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function closeStream(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'close');
}

async function directorySink(dir: string): Promise<PackageSink> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new CsvPackageError({ file: dir, reason: 'the directory is not empty; give a new or empty one' });
  }
  return {
    async file(name) {
      const stream = createWriteStream(join(dir, name));
      return { write: (text) => writeWithBackpressure(stream, text), end: () => closeStream(stream) };
    },
    finish: async () => undefined,
    abort: async () => {
      for (const name of await readdir(dir)) await rm(join(dir, name), { force: true });
    },
  };
}

/** A zip written as it is filled (fflate's streaming `Zip`), to a temporary name renamed at the end. */
function zipSink(path: string): PackageSink {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  let failure: Error | null = null;
  let pending: Promise<void> = Promise.resolve();
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else {
      const wrote = out.write(chunk);
      if (!wrote) pending = once(out, 'drain').then(() => undefined);
    }
  });
  const flushed = async () => {
    await pending;
    if (failure !== null) throw failure;
  };
  const encoder = new TextEncoder();
  return {
    async file(name) {
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      return {
        async write(text) {
          entry.push(encoder.encode(text));
          await flushed();
        },
        async end() {
          entry.push(new Uint8Array(0), true);
          await flushed();
        },
      };
    },
    async finish() {
      zip.end();
      await flushed();
      await closeStream(out);
      await rename(partial, path);
    },
    async abort() {
      zip.terminate();
      out.destroy();
      await rm(partial, { force: true });
    },
  };
}

function manifestText(written: ReadonlySet<SyncCollectionName>, mode: 'bulk' | 'delta'): string {
  const rows = [
    ['propertyName', 'value'],
    ['manifest.version', '1.0'],
    ['oneroster.version', '1.1'],
    ...CSV_TABLES.map((table) => [table.manifestKey, written.has(table.collection) ? mode : 'absent']),
    ...['categories', 'classResources', 'courseResources', 'lineItems', 'resources', 'results'].map(
      (name) => [`file.${name}`, 'absent'],
    ),
    ['source.systemName', 'oneroster'],
  ];
  return stringify(rows);
}

async function writeTable(
  sink: PackageSink,
  store: RosterStore,
  tenant: string,
  table: CsvTable,
  batchSize: number,
): Promise<number> {
  const file = await sink.file(table.file);
  await file.write(stringify([headerOf(table)]));
  let batch: string[][] = [];
  let rows = 0;
  for await (const record of store.iterate(tenant, table.collection, {
    status: 'active',
    pageSize: batchSize,
  })) {
    batch.push(recordToRow(table, record));
    if (batch.length >= batchSize) {
      await file.write(stringify(batch));
      rows += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await file.write(stringify(batch));
  rows += batch.length;
  await file.end();
  return rows;
}

/**
 * A delta file: each changed record as the store holds it now, in sourcedId order. A delta file needs
 * `status` and `dateLastModified` on every row: a record stored without a date takes its change's
 * time. A record the commit deleted (`unseen: 'delete'`, `tombstones: 'delete'`) is a `tobedeleted`
 * row with the values its change record kept (`changeLog.values`), often only its sourcedId.
 */
async function writeDeltaTable(
  sink: PackageSink,
  store: RosterStore,
  tenant: string,
  table: CsvTable,
  changed: ReadonlyMap<string, ChangeRecord>,
  batchSize: number,
): Promise<number> {
  const file = await sink.file(table.file);
  await file.write(stringify([headerOf(table)]));
  let batch: string[][] = [];
  for (const sourcedId of [...changed.keys()].sort(compareCodePoints)) {
    const change = changed.get(sourcedId);
    if (change === undefined) continue;
    const record = await store.get(tenant, table.collection, sourcedId);
    const row =
      record === undefined
        ? { ...change.before, sourcedId, status: 'tobedeleted', dateLastModified: change.at }
        : { ...record, dateLastModified: record.dateLastModified ?? change.at };
    batch.push(recordToRow(table, row));
    if (batch.length >= batchSize) {
      await file.write(stringify(batch));
      batch = [];
    }
  }
  if (batch.length > 0) await file.write(stringify(batch));
  await file.end();
  return changed.size;
}

/**
 * Writes a tenant's roster as a OneRoster 1.1 CSV package: a directory or a `.zip`, streamed from the
 * store in sourcedId order (memory holds one batch of rows). A bulk package holds the active records,
 * with their `status` and `dateLastModified` as stored, so importing it into a fresh tenant gives the
 * same records. A delta package holds the records the change log says changed after `since`, as they
 * are now, so importing it as a delta into a tenant synced up to `since` gives the same records.
 * @throws CsvPackageError for a directory that is not empty
 * @throws TypeError for a wrong `mode` or `since`
 * @example
 * await writeCsvPackage(store, 'district-7', { to: 'out/roster.zip', mode: 'bulk' });
 */
export async function writeCsvPackage(
  store: RosterStore,
  tenant: string,
  options: WriteCsvPackageOptions,
): Promise<CsvWriteResult> {
  const { to, mode } = options;
  if (mode !== 'bulk' && mode !== 'delta') {
    throw new TypeError("writeCsvPackage: `mode` must be 'bulk' or 'delta'");
  }
  const since = options.since ?? 0;
  if (!Number.isInteger(since) || since < 0) {
    throw new TypeError('writeCsvPackage: `since` must be a change-log seq (a whole number, 0 or more)');
  }
  const batchSize = options.batchSize ?? 1_000;
  const wanted = options.collections ?? DEFAULT_COLLECTIONS;
  const tables = CSV_TABLES.filter((table) => wanted.includes(table.collection));
  // Read before anything is written, so a failing store leaves no half package behind.
  const changed =
    mode === 'delta'
      ? await readChangedRecords(
          store,
          tenant,
          since,
          tables.map((table) => table.collection),
        )
      : undefined;
  const sink = to.toLowerCase().endsWith('.zip') ? zipSink(to) : await directorySink(to);
  const rows: Partial<Record<SyncCollectionName, number>> = {};
  try {
    const file = await sink.file('manifest.csv');
    await file.write(manifestText(new Set(tables.map((table) => table.collection)), mode));
    await file.end();
    for (const table of tables) {
      rows[table.collection] =
        changed === undefined
          ? await writeTable(sink, store, tenant, table, batchSize)
          : await writeDeltaTable(
              sink,
              store,
              tenant,
              table,
              changed.byCollection.get(table.collection) ?? new Map(),
              batchSize,
            );
    }
    await sink.finish();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return changed === undefined ? { path: to, rows } : { path: to, rows, lastSeq: changed.lastSeq };
}
