import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect } from 'vitest';
import { createPostgresStore } from '../../src/postgres/index.js';
import { POSTGRES_TENANT_TABLES } from '../../src/postgres/postgres-erase.js';
import { eraseTenant } from '../../src/sync/index.js';
import { itWithPostgres, postgresUrl } from '../helpers/postgres-url.js';
import { fillEveryTable } from './erase-fixtures.js';

const ERASED = 'district-erased';
const KEPT = 'district-kept';

const admin = postgresUrl === undefined ? undefined : new pg.Pool({ connectionString: postgresUrl, max: 2 });
afterAll(() => admin?.end());

/** The tables of the schema, with whether each has a `tenant` or a `run_seq` column. */
async function tablesOf(pool: pg.Pool, schema: string) {
  const { rows } = await pool.query<{ table_name: string; columns: string[] }>(
    `SELECT table_name, array_agg(column_name::text) AS columns FROM information_schema.columns
     WHERE table_schema = $1 GROUP BY table_name ORDER BY table_name`,
    [schema],
  );
  return rows.map((row) => ({
    table: row.table_name,
    byTenant: row.columns.includes('tenant'),
    byRun: row.columns.includes('run_seq'),
  }));
}

/** Rows of each table that belong to `tenant`, directly or through its runs. */
async function rowsOf(pool: pg.Pool, schema: string, tenant: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, byTenant, byRun } of await tablesOf(pool, schema)) {
    if (!byTenant && !byRun) continue;
    const where = byTenant
      ? 'tenant = $1'
      : `run_seq IN (SELECT seq FROM "${schema}".runs WHERE tenant = $1)`;
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}"."${table}" WHERE ${where}`,
      [tenant],
    );
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

describe('eraseTenant on a real PostgreSQL', () => {
  itWithPostgres('leaves no row of the tenant in any table, and every row of the others', async (url) => {
    if (admin === undefined) throw new Error('no admin pool');
    const schema = `erase_${randomBytes(6).toString('hex')}`;
    try {
      await fillEveryTable(createPostgresStore({ connectionString: url }, { schema }), [ERASED, KEPT]);
      const before = await rowsOf(admin, schema, ERASED);
      const keptBefore = await rowsOf(admin, schema, KEPT);
      // Every table of the tenant holds a row, so the check below proves each one is emptied.
      expect(Object.values(before).every((rows) => rows > 0)).toBe(true);

      const store = createPostgresStore({ connectionString: url }, { schema });
      const receipt = await eraseTenant(store, ERASED, { confirm: ERASED }).finally(() => store.close());

      expect(receipt.tables).toEqual(before);
      expect(Object.values(await rowsOf(admin, schema, ERASED)).every((rows) => rows === 0)).toBe(true);
      expect(await rowsOf(admin, schema, KEPT)).toEqual(keptBefore);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  itWithPostgres(
    'lists every table that holds a tenant in the one list an erasure deletes from',
    async (url) => {
      if (admin === undefined) throw new Error('no admin pool');
      const schema = `erase_${randomBytes(6).toString('hex')}`;
      try {
        const store = createPostgresStore({ connectionString: url }, { schema });
        await store.count(ERASED, 'users').finally(() => store.close());
        const holding = (await tablesOf(admin, schema)).filter((table) => table.byTenant || table.byRun);
        expect(holding.map((table) => table.table).sort()).toEqual(
          POSTGRES_TENANT_TABLES.map((entry) => entry.table).sort(),
        );
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    },
  );
});
