import {
  assertFieldSelection,
  type EntityName,
  emptyPullSummary,
  type FieldSelection,
  type Page,
} from '../index.js';
import type { PullRequest, RosterSource, RosterSourcePull, SyncCollectionName } from '../sync/index.js';
import { checkHeader, type HeaderSlot } from './check-header.js';
import { CsvPackageError } from './csv-package-error.js';
import { CSV_TABLES, type CsvTable, tableOf, UNSYNCED_FILES } from './csv-tables.js';
import { openPackageFiles, type PackageFiles } from './package-files.js';
import { readCsvBatches, readCsvRows } from './read-csv-rows.js';
import { type CsvManifest, readManifest } from './read-manifest.js';
import { type QuarantinedRow, rowToRecord } from './row-to-record.js';

/** Options of {@link openCsvPackage}. */
export interface OpenCsvPackageOptions {
  /** Called for each row quarantined by a read (a sync, `records`, `validate`). */
  onQuarantine?: (row: QuarantinedRow) => void;
  /**
   * Records per page handed to a sync: the memory a read holds at a time.
   * @default 1000
   */
  pageSize?: number;
}

/**
 * A OneRoster 1.1 CSV package, opened and checked (manifest, headers), read file by file only when a
 * sync or a walk asks. A sync source: `syncRoster({ source: pkg, store, tenant })`.
 */
export interface CsvPackage extends RosterSource {
  /** The directory or zip, as given. */
  readonly path: string;
  readonly manifest: CsvManifest;
  /** The collections with a bulk or delta file, in sync order. */
  readonly collections: readonly SyncCollectionName[];
  /** Files of the binding present and not synced (gradebook, resources), as `lineItems.csv`. */
  readonly notSynced: readonly string[];
  /** `bulk` when every file supplied is bulk, `delta` when any is (a delta run retires nothing unseen). */
  readonly packageMode: 'bulk' | 'delta';
  /**
   * A collection's rows as records (every field), in file order, streamed; bad rows are quarantined
   * (`onQuarantine`) and skipped.
   */
  records(collection: SyncCollectionName): AsyncIterable<Record<string, unknown>>;
  /** Releases the zip file, if any. */
  close(): Promise<void>;
}

const DEFAULT_PAGE_SIZE = 1_000;

/** Reads one header line of a file. */
export async function readHeader(files: PackageFiles, table: CsvTable): Promise<HeaderSlot[]> {
  for await (const row of readCsvRows(table.file, await files.open(table.file))) {
    return checkHeader(table, row.values);
  }
  throw new CsvPackageError({ file: table.file, line: 1, reason: 'the file is empty: it has no header' });
}

/**
 * Opens a OneRoster 1.1 CSV package, a directory or a `.zip` (read entry by entry, never inflated
 * whole), and checks what can refuse it before any row is read: the manifest (`oneroster.version`
 * 1.1, a mode per file, every file it names present) and the header of every file it supplies.
 *
 * @throws CsvPackageError (`file`, `line`, `column`, `reason`) for a package that cannot be read as
 *   one; nothing of it reaches a store
 * @example
 * import { openCsvPackage } from 'oneroster/csv';
 * import { syncRoster } from 'oneroster/sync';
 *
 * const source = await openCsvPackage('nightly/roster.zip');
 * try {
 *   await syncRoster({ source, store, tenant: 'district-7', fields: 'minimal' });
 * } finally {
 *   await source.close();
 * }
 */
export async function openCsvPackage(path: string, options: OpenCsvPackageOptions = {}): Promise<CsvPackage> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new TypeError('openCsvPackage: `pageSize` must be a positive integer');
  }
  const files = await openPackageFiles(path);
  try {
    const manifest = await readManifest(files);
    const headers = new Map<SyncCollectionName, HeaderSlot[]>();
    const modes = new Map<SyncCollectionName, 'bulk' | 'delta'>();
    for (const table of CSV_TABLES) {
      const mode = manifest.files[table.collection];
      if (mode === undefined || mode === 'absent') continue;
      headers.set(table.collection, await readHeader(files, table));
      modes.set(table.collection, mode);
    }
    const notSynced = UNSYNCED_FILES.map((name) => `${name}.csv`).filter((file) => files.names.has(file));
    const packageMode = [...modes.values()].includes('delta') ? 'delta' : 'bulk';

    /** A collection's records in file order, a batch (a chunk's rows) at a time; bad rows quarantined. */
    async function* batchesOf(
      collection: SyncCollectionName,
      fields: FieldSelection<EntityName> | undefined,
      onQuarantine: (row: QuarantinedRow) => void,
    ): AsyncGenerator<Record<string, unknown>[]> {
      const table = tableOf(collection);
      const slots = headers.get(collection);
      const mode = modes.get(collection);
      if (slots === undefined || mode === undefined) return;
      const context = { table, slots, mode, fields };
      let header = true;
      for await (const rows of readCsvBatches(table.file, await files.open(table.file))) {
        const records: Record<string, unknown>[] = [];
        for (const row of rows) {
          if (header) {
            header = false;
            continue;
          }
          const outcome = rowToRecord(context, row.values, row.line);
          if (outcome.ok) records.push(outcome.record);
          else onQuarantine(outcome.quarantined);
        }
        yield records;
      }
    }

    async function* rowsOf(collection: SyncCollectionName): AsyncGenerator<Record<string, unknown>> {
      for await (const records of batchesOf(collection, undefined, (row) => options.onQuarantine?.(row))) {
        yield* records;
      }
    }

    function pull(
      collection: SyncCollectionName,
      fields: 'minimal' | readonly string[] | undefined,
      request: PullRequest,
    ): RosterSourcePull {
      const entity: EntityName = tableOf(collection).entity;
      let checked: FieldSelection<EntityName> | undefined;
      if (fields !== undefined) {
        assertFieldSelection(entity, fields, '1.1');
        checked = fields;
      }
      let summary = emptyPullSummary(collection, pageSize);
      async function* pages(): AsyncGenerator<Page<unknown>> {
        const current = emptyPullSummary(collection, pageSize);
        summary = current;
        const reasons = new Set<string>();
        let quarantinedInPage = 0;
        const quarantine = (row: QuarantinedRow) => {
          quarantinedInPage++;
          current.quarantined++;
          current.received++;
          const reason = `${row.field}: ${row.reason}`;
          if (reasons.size < 3 && !reasons.has(reason)) {
            reasons.add(reason);
            current.quarantineReasons.push(reason);
          }
          options.onQuarantine?.(row);
        };
        let items: unknown[] = [];
        let offset = 0;
        const page = (): Page<unknown> => {
          const result = { items, offset, total: undefined, quarantined: quarantinedInPage, duplicates: 0 };
          offset += items.length + quarantinedInPage;
          current.requests++;
          current.yielded += items.length;
          items = [];
          quarantinedInPage = 0;
          return result;
        };
        for await (const records of batchesOf(collection, checked, quarantine)) {
          current.received += records.length;
          for (const record of records) {
            items.push(record);
            if (items.length >= pageSize) {
              request.signal?.throwIfAborted();
              yield page();
            }
          }
        }
        if (items.length > 0 || quarantinedInPage > 0) yield page();
        current.complete = true;
      }
      return {
        pages: () => ({ [Symbol.asyncIterator]: () => pages() }),
        get summary() {
          return summary;
        },
      };
    }

    return {
      path,
      manifest,
      version: '1.1',
      mode: packageMode === 'bulk' ? 'full' : 'delta',
      packageMode,
      collections: CSV_TABLES.map((table) => table.collection).filter((name) => headers.has(name)),
      notSynced,
      pull,
      records: (collection) => ({ [Symbol.asyncIterator]: () => rowsOf(collection) }),
      close: () => files.close(),
    };
  } catch (error) {
    await files.close();
    throw error;
  }
}
