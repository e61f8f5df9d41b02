import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { SQLITE_TENANT_TABLES } from '../../src/sqlite/sqlite-erase.js';
import { eraseTenant } from '../../src/sync/index.js';
import { fillEveryTable } from './erase-fixtures.js';

const ERASED = 'district-erased';
const KEPT = 'district-kept';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function newPath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'oneroster-erase-tables-'));
  directories.push(directory);
  return join(directory, 'roster.db');
}

/** The roster tables of the file that hold a tenant's rows, by a `tenant` or a `run_seq` column. */
function tenantTables(db: Database.Database) {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'roster\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all()
    .map((row) => {
      const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${row.name})`).all();
      const names = columns.map((column) => column.name);
      return { table: row.name, byTenant: names.includes('tenant'), byRun: names.includes('run_seq') };
    });
  return tables.filter((table) => table.byTenant || table.byRun);
}

function rowsOf(db: Database.Database, tenant: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { table, byTenant } of tenantTables(db)) {
    const where = byTenant ? 'tenant = ?' : 'run_seq IN (SELECT seq FROM roster_runs WHERE tenant = ?)';
    counts[table] =
      db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(tenant)
        ?.n ?? 0;
  }
  return counts;
}

describe('eraseTenant on SQLite, table by table', () => {
  it('lists every table that holds a tenant in the one list an erasure deletes from', () => {
    const path = newPath();
    createSqliteStore({ path }).close();
    const db = new Database(path);
    const holding = tenantTables(db).map((table) => table.table);
    db.close();
    // The connection registry's table is the registry's: removeConnection deletes its row.
    expect(holding.filter((table) => table !== 'roster_connections').sort()).toEqual(
      SQLITE_TENANT_TABLES.map((entry) => entry.table).sort(),
    );
  });

  it('leaves no row of the tenant in any table, and every row of the others', async () => {
    const path = newPath();
    await fillEveryTable(createSqliteStore({ path }), [ERASED, KEPT]);
    const db = new Database(path, { readonly: true });
    try {
      const before = rowsOf(db, ERASED);
      const keptBefore = rowsOf(db, KEPT);
      // A crash leaves no live lock: the lock table is empty once the store closed.
      expect(
        Object.entries(before)
          .filter(([, rows]) => rows === 0)
          .map(([table]) => table),
      ).toEqual(['roster_locks']);
      const store = createSqliteStore({ path });
      const receipt = await eraseTenant(store, ERASED, { confirm: ERASED }).finally(() => store.close());
      expect(receipt.tables).toEqual(
        Object.fromEntries(
          Object.entries(before).map(([table, rows]) => [table.replace(/^roster_/, ''), rows]),
        ),
      );
      expect(Object.values(rowsOf(db, ERASED)).every((rows) => rows === 0)).toBe(true);
      expect(rowsOf(db, KEPT)).toEqual(keptBefore);
    } finally {
      db.close();
    }
  });
});
