import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Zip, ZipDeflate } from 'fflate';
import type { RosterStore, SyncCollectionName } from '../sync/index.js';
import { CsvPackageError } from './csv-package-error.js';
import { CSV_TABLES, type CsvTable } from './csv-tables.js';
import { headerOf, recordToRow } from './record-to-row.js';

/** Options of {@link writeCsvPackage}. */
export interface WriteCsvPackageOptions {
  /** A new or empty directory, or a path ending in `.zip`. */
  to: string;
  /**
   * `bulk` writes a snapshot of the tenant's active records. `delta` (changes since `since`) needs the
   * store's change log, which stores do not keep yet: it is refused.
   */
  mode: 'bulk' | 'delta';
  /** For `delta`: the point to write changes from. */
  since?: string;
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

function manifestText(written: ReadonlySet<SyncCollectionName>): string {
  const rows = [
    ['propertyName', 'value'],
    ['manifest.version', '1.0'],
    ['oneroster.version', '1.1'],
    ...CSV_TABLES.map((table) => [table.manifestKey, written.has(table.collection) ? 'bulk' : 'absent']),
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
 * Writes a tenant's roster as a OneRoster 1.1 CSV package: a directory or a `.zip`, streamed from the
 * store in sourcedId order (memory holds one batch of rows). A bulk package holds the active records,
 * with their `status` and `dateLastModified` as stored, so importing it into a fresh tenant gives the
 * same records.
 * @throws CsvPackageError for `mode: 'delta'` (stores keep no change log yet) or a directory that is not empty
 * @example
 * await writeCsvPackage(store, 'district-7', { to: 'out/roster.zip', mode: 'bulk' });
 */
export async function writeCsvPackage(
  store: RosterStore,
  tenant: string,
  options: WriteCsvPackageOptions,
): Promise<CsvWriteResult> {
  const { to, mode } = options;
  if (mode === 'delta') {
    // MERGE(issue16): write the changes since `options.since` from the store's change log once it has one.
    throw new CsvPackageError({
      file: to,
      reason:
        'a delta package is written from the store change log, which this store does not keep yet; write a bulk package',
    });
  }
  if (mode !== 'bulk') throw new TypeError("writeCsvPackage: `mode` must be 'bulk' or 'delta'");
  const batchSize = options.batchSize ?? 1_000;
  const wanted = options.collections ?? DEFAULT_COLLECTIONS;
  const tables = CSV_TABLES.filter((table) => wanted.includes(table.collection));
  const sink = to.toLowerCase().endsWith('.zip') ? zipSink(to) : await directorySink(to);
  const rows: Partial<Record<SyncCollectionName, number>> = {};
  try {
    const file = await sink.file('manifest.csv');
    await file.write(manifestText(new Set(tables.map((table) => table.collection))));
    await file.end();
    for (const table of tables)
      rows[table.collection] = await writeTable(sink, store, tenant, table, batchSize);
    await sink.finish();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return { path: to, rows };
}
