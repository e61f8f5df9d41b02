import type Database from 'better-sqlite3';
import type { EraseReceipt, RecordsEraseReceipt } from '../sync/roster-store.js';
import { toIsoString } from '../sync/store/commit-policy.js';
import { EraseRefusedError } from '../sync/store/erase-refused-error.js';
import { isLockLive, type LockRow } from './run-lock.js';

/** The tenant's runs, for the tables keyed by run rather than by tenant. */
const RUNS_OF_TENANT = 'SELECT seq FROM roster_runs WHERE tenant = ?';

/**
 * Every table that holds a tenant's rows, with the condition that selects them (one `?`: the
 * tenant), in deletion order: `roster_runs` comes last, the tables keyed by run find the tenant's
 * rows through it. A table added to the schema is added here, or an erasure leaves it behind.
 */
export const SQLITE_TENANT_TABLES: readonly { readonly table: string; readonly where: string }[] = [
  { table: 'roster_staged', where: `run_seq IN (${RUNS_OF_TENANT})` },
  { table: 'roster_run_collections', where: `run_seq IN (${RUNS_OF_TENANT})` },
  { table: 'roster_records', where: 'tenant = ?' },
  { table: 'roster_checkpoints', where: 'tenant = ?' },
  { table: 'roster_watermarks', where: 'tenant = ?' },
  { table: 'roster_baselines', where: 'tenant = ?' },
  { table: 'roster_changes', where: 'tenant = ?' },
  { table: 'roster_change_seq', where: 'tenant = ?' },
  // Only a lock left by a dead process: a live one refuses the erasure first.
  { table: 'roster_locks', where: 'tenant = ?' },
  { table: 'roster_runs', where: 'tenant = ?' },
];

/** Parameters per `IN (...)` of an erasure of records, far under SQLite's 32,766. */
const IDS_PER_STATEMENT = 500;

/** Free pages one zero-fill row takes: 800 MB at 4 KiB pages, under SQLite's 1 GB limit on a blob. */
const ZERO_FILL_PAGES_PER_ROW = 200_000;

/** Receipts name tables without the `roster_` prefix, as the other stores do. */
function receiptName(table: string): string {
  return table.replace(/^roster_/, '');
}

/** Erasure of a tenant's data, or of single records, each in one immediate transaction. */
export function createSqliteErase(db: Database.Database, now: () => number) {
  const lockOf = db.prepare<[string], LockRow>(
    'SELECT run_id, token, pid, host FROM roster_locks WHERE tenant = ?',
  );
  const tenantDeletes = SQLITE_TENANT_TABLES.map(({ table, where }) => ({
    table,
    statement: db.prepare<[string]>(`DELETE FROM ${table} WHERE ${where}`),
  }));
  const idList = (count: number) => Array.from({ length: count }, () => '?').join(', ');
  const recordDeletes = (count: number) => ({
    records: db.prepare<(string | number)[]>(
      `DELETE FROM roster_records WHERE tenant = ? AND collection = ? AND sourced_id IN (${idList(count)})`,
    ),
    staged: db.prepare<(string | number)[]>(
      `DELETE FROM roster_staged WHERE run_seq IN (${RUNS_OF_TENANT}) AND collection = ?
       AND sourced_id IN (${idList(count)})`,
    ),
  });
  const fullChunk = recordDeletes(IDS_PER_STATEMENT);
  const changesOf = (count: number) =>
    db.prepare<(string | number)[]>(
      `DELETE FROM roster_changes WHERE tenant = ? AND collection = ? AND sourced_id IN (${idList(count)})`,
    );
  const fullChangesChunk = changesOf(IDS_PER_STATEMENT);
  // Expiry is checked here as the stores check it elsewhere: an expired held run holds nothing.
  const heldRunOf = db.prepare<[string, string], { id: string }>(
    `SELECT id FROM roster_runs WHERE tenant = ? AND status = 'awaiting-review' AND expires_at > ?
     ORDER BY seq DESC LIMIT 1`,
  );

  // A held run holds the tenant as a live one does: approving it would write the district back.
  const refuseLiveRun = (tenant: string): void => {
    const lock = lockOf.get(tenant);
    if (lock !== undefined && isLockLive(lock)) {
      throw new EraseRefusedError({ reason: 'run-live', tenant, runId: lock.run_id });
    }
    const held = heldRunOf.get(tenant, toIsoString(now()));
    if (held !== undefined) throw new EraseRefusedError({ reason: 'run-held', tenant, runId: held.id });
  };

  const eraseTenant = db.transaction((tenant: string): Record<string, number> => {
    refuseLiveRun(tenant);
    const tables: Record<string, number> = {};
    for (const { table, statement } of tenantDeletes)
      tables[receiptName(table)] = statement.run(tenant).changes;
    zeroFreePages();
    return tables;
  });

  const eraseRecords = db.transaction(
    (tenant: string, collection: string, ids: readonly string[]): Record<string, number> => {
      refuseLiveRun(tenant);
      let records = 0;
      let staged = 0;
      let changes = 0;
      for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
        const chunk = ids.slice(start, start + IDS_PER_STATEMENT);
        const full = chunk.length === IDS_PER_STATEMENT;
        const deletes = full ? fullChunk : recordDeletes(chunk.length);
        records += deletes.records.run(tenant, collection, ...chunk).changes;
        staged += deletes.staged.run(tenant, collection, ...chunk).changes;
        // The change records of a record hold its values too.
        changes += (full ? fullChangesChunk : changesOf(chunk.length)).run(
          tenant,
          collection,
          ...chunk,
        ).changes;
      }
      zeroFreePages();
      return { records, staged, changes };
    },
  );

  /**
   * Zeroes every free page of the file: the store frees whole pages without zeroing them (the
   * staging of past runs, `secure_delete = FAST`), so the erased tenant's records may still sit
   * there. Filling the free list with a zero blob takes each free page once and overwrites it; the
   * filler's pages go back to the free list holding zeros. Call inside the erasure's transaction.
   */
  const freePages = db.prepare<[], number>('PRAGMA freelist_count').pluck();
  const pageSize = db.prepare<[], number>('PRAGMA page_size').pluck();
  const zeroFreePages = (): void => {
    db.exec('CREATE TABLE roster_zero_fill (filler BLOB NOT NULL)');
    const fill = db.prepare<[number]>('INSERT INTO roster_zero_fill (filler) VALUES (zeroblob(?))');
    // An overflow page carries its page size less a 4-byte link.
    const bytesPerPage = (pageSize.get() ?? 4096) - 4;
    for (let free = freePages.get() ?? 0; free > 0; free = freePages.get() ?? 0) {
      fill.run(Math.min(free, ZERO_FILL_PAGES_PER_ROW) * bytesPerPage);
    }
    db.exec('DROP TABLE roster_zero_fill');
  };

  /**
   * Copies the WAL into the database file and truncates it to zero bytes, so erased rows are in
   * neither file. A reader holding an older snapshot keeps its frames until the next checkpoint; the
   * store's own handle holds none here.
   */
  const truncateWal = () => db.pragma('wal_checkpoint(TRUNCATE)');

  return {
    eraseTenant(tenant: string): EraseReceipt {
      const tables = eraseTenant.immediate(tenant);
      truncateWal();
      return { tenant, erasedAt: toIsoString(now()), tables };
    },
    eraseRecords(tenant: string, collection: string, sourcedIds: readonly string[]): RecordsEraseReceipt {
      const ids = [...new Set(sourcedIds)];
      const tables = eraseRecords.immediate(tenant, collection, ids);
      truncateWal();
      return { tenant, erasedAt: toIsoString(now()), tables, collection, requested: ids.length };
    },
  };
}
