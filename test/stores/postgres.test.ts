import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createPostgresStore } from '../../src/postgres/index.js';
import { POSTGRES_SCHEMA_VERSION } from '../../src/postgres/postgres-schema.js';
import { seed, user } from '../../src/testing/store-contract/contract-kit.js';
import { describeRosterStoreContract } from '../../src/testing/store-contract/roster-store-contract.js';
import type {} from '../setup/postgres.js';
import { expectCopiedAndReferencedInserts } from './migrated-change-log.js';

// Provided by test/setup/postgres.ts (vitest globalSetup); the variable serves runs without it.
const url = inject('postgresUrl') ?? process.env['ONEROSTER_TEST_POSTGRES_URL'];

if (url === undefined) {
  describe('RosterStore contract: postgres', () => {
    // CI must test PostgreSQL; a developer without a server was warned by the global setup.
    it.skipIf(!process.env['CI'])('needs a PostgreSQL server (see test/setup/postgres.ts)', () => {
      throw new Error(
        'No PostgreSQL server: add test/setup/postgres.ts to globalSetup or set ONEROSTER_TEST_POSTGRES_URL',
      );
    });
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  afterAll(() => admin.end());

  describeRosterStoreContract(
    'postgres',
    () => {
      // A schema per test: tests run in parallel files and must not see each other's tenants.
      const schema = `contract_${randomBytes(6).toString('hex')}`;
      return {
        store: createPostgresStore({ connectionString: url }, { schema }),
        open: () => createPostgresStore({ connectionString: url }, { schema }),
        destroy: async () => {
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        },
      };
    },
    { describe, it, beforeEach, afterEach },
  );

  describe('the PostgreSQL store with several workers', () => {
    const schemas: string[] = [];
    const newSchema = () => {
      const schema = `workers_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return schema;
    };
    afterAll(async () => {
      for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });

    it('creates its tables once when several workers start at the same time', async () => {
      const schema = newSchema();
      const workers = Array.from({ length: 6 }, () =>
        createPostgresStore({ connectionString: url }, { schema }),
      );
      try {
        expect(await Promise.all(workers.map((store) => store.count('district-a', 'users')))).toEqual([
          0, 0, 0, 0, 0, 0,
        ]);
        const versions = await admin.query(`SELECT version FROM "${schema}".schema_version`);
        expect(versions.rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      } finally {
        await Promise.all(workers.map((store) => store.close()));
      }
    });

    it('frees the tenant of a worker whose connection died, and lets another resume its run', async () => {
      const schema = newSchema();
      const worker = createPostgresStore({ connectionString: url }, { schema });
      const other = createPostgresStore({ connectionString: url }, { schema });
      try {
        const run = await worker.beginRun('district-a', { mode: 'full' });
        const record = { sourcedId: 'u1', status: 'active' as const, dateLastModified: '2026-01-01' };
        await worker.stage(run, 'users', [record], { checkpoint: { offset: 1 } });
        await expect(other.resumeRun('district-a', run.id)).rejects.toMatchObject({
          name: 'SyncInProgressError',
        });
        // What a SIGKILL or a network cut does to the worker's session.
        await admin.query(
          `SELECT pg_terminate_backend(pid, 5000) FROM pg_locks WHERE locktype = 'advisory' AND granted
           AND objid = (hashtextextended($1, 0) & 4294967295)::oid
           AND classid = ((hashtextextended($1, 0) >> 32) & 4294967295)::oid`,
          [`oneroster:run:${schema}:district-a`],
        );
        const resumed = await other.resumeRun('district-a', run.id);
        expect(resumed?.id).toBe(run.id);
        if (resumed === undefined) return;
        expect((await other.diff(resumed, 'users')).staged).toBe(1);
        await expect(worker.stage(run, 'users', [record])).rejects.toBeInstanceOf(Error);
        await other.finishRun(resumed, { status: 'succeeded' });
      } finally {
        await worker.close();
        await other.close();
      }
    });

    it('migrates a schema of version 3 (before the change log): the next commit logs from seq 1', async () => {
      const schema = newSchema();
      const old = createPostgresStore({ connectionString: url }, { schema });
      const record = { sourcedId: 'u1', status: 'active' as const, dateLastModified: '2026-01-01' };
      const seeded = await old.beginRun('district-a', { mode: 'full' });
      await old.stage(seeded, 'users', [record]);
      await old.commit(seeded, 'users');
      await old.finishRun(seeded, { status: 'succeeded' });
      await old.close();
      await admin.query(
        `DROP TABLE "${schema}".changes; DROP TABLE "${schema}".change_seq;
         ALTER TABLE "${schema}".run_collections DROP COLUMN counts;
         ALTER TABLE "${schema}".runs DROP COLUMN held_at, DROP COLUMN expires_at, DROP COLUMN review_plan;
         ALTER TABLE "${schema}".records DROP COLUMN logged_insert;
         UPDATE "${schema}".schema_version SET version = 3`,
      );

      const store = createPostgresStore({ connectionString: url }, { schema });
      try {
        expect(await store.get('district-a', 'users', 'u1')).toEqual(record);
        expect(await store.readChanges('district-a', { limit: 10 })).toEqual([]);
        const [earlier] = await store.listRuns('district-a');
        expect(earlier).toMatchObject({ id: seeded.id, committed: ['users'] });
        expect(earlier?.counts['users']).toMatchObject({ inserted: 0, staged: 0 });
        const run = await store.beginRun('district-a', { mode: 'full' });
        await store.stage(run, 'users', [{ ...record, username: 'ada' }]);
        await store.commit(run, 'users');
        await store.finishRun(run, { status: 'succeeded' });
        expect(await store.readChanges('district-a', { limit: 10 })).toMatchObject([
          { seq: 1, runId: run.id, op: 'update', changedFields: ['username'], after: { username: 'ada' } },
        ]);
        const versions = await admin.query(`SELECT version FROM "${schema}".schema_version`);
        expect(versions.rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      } finally {
        await store.close();
      }
    });

    it('migrates a schema of version 6 (inserts logged with a copy of their record), reading the copies', async () => {
      const schema = newSchema();
      const old = createPostgresStore({ connectionString: url }, { schema });
      await seed(old, 'users', [user('u1', { username: 'ada' })]);
      await old.close();
      // What the previous release wrote: the insert's record copied into the change record.
      await admin.query(
        `UPDATE "${schema}".changes SET after = (SELECT record FROM "${schema}".records WHERE sourced_id = 'u1');
         ALTER TABLE "${schema}".records DROP COLUMN logged_insert;
         UPDATE "${schema}".schema_version SET version = 6`,
      );

      const store = createPostgresStore({ connectionString: url }, { schema });
      try {
        await expectCopiedAndReferencedInserts(store);
        // u2's insert kept its values when the next commit changed u2; u1's copy is as it was.
        const kept = await admin.query(
          `SELECT seq::int AS seq, after->>'username' AS username FROM "${schema}".changes WHERE op = 'insert' ORDER BY seq`,
        );
        expect(kept.rows).toEqual([
          { seq: 1, username: 'ada' },
          { seq: 2, username: 'cy' },
        ]);
        const versions = await admin.query(`SELECT version FROM "${schema}".schema_version`);
        expect(versions.rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      } finally {
        await store.close();
      }
    });

    it('migrates a schema of version 1, keeping its roster, and keeps deletion baselines after', async () => {
      const schema = newSchema();
      const old = createPostgresStore({ connectionString: url }, { schema });
      const record = { sourcedId: 'u1', status: 'active' as const, dateLastModified: '2026-01-01' };
      const seeded = await old.beginRun('district-a', { mode: 'full' });
      await old.stage(seeded, 'users', [record]);
      await old.commit(seeded, 'users');
      await old.finishRun(seeded, { status: 'succeeded' });
      await old.close();
      // What a database created by the previous release holds: no baselines table, version 1.
      await admin.query(
        `DROP TABLE "${schema}".baselines; ALTER TABLE "${schema}".runs DROP COLUMN version,
         DROP COLUMN held_at, DROP COLUMN expires_at, DROP COLUMN review_plan;
         DROP TABLE "${schema}".changes; DROP TABLE "${schema}".change_seq;
         ALTER TABLE "${schema}".run_collections DROP COLUMN counts;
         ALTER TABLE "${schema}".records DROP COLUMN logged_insert;
         UPDATE "${schema}".schema_version SET version = 1`,
      );

      const store = createPostgresStore({ connectionString: url }, { schema });
      try {
        expect(await store.getBaseline('district-a', 'users')).toBeUndefined();
        expect(await store.get('district-a', 'users', 'u1')).toEqual(record);
        const run = await store.beginRun('district-a', { mode: 'full' });
        await store.stage(run, 'users', [record]);
        await store.commit(run, 'users', { baseline: 'set' });
        expect(await store.getBaseline('district-a', 'users')).toMatchObject({ runId: run.id, active: 1 });
        const versions = await admin.query(`SELECT version FROM "${schema}".schema_version`);
        expect(versions.rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      } finally {
        await store.close();
      }
    });

    it('migrates a schema of version 3, keeping its runs, and holds runs for review after', async () => {
      const schema = newSchema();
      const old = createPostgresStore({ connectionString: url }, { schema });
      const record = { sourcedId: 'u1', status: 'active' as const, dateLastModified: '2026-01-01' };
      const seeded = await old.beginRun('district-a', { mode: 'full' });
      await old.stage(seeded, 'users', [record]);
      await old.commit(seeded, 'users');
      await old.finishRun(seeded, { status: 'succeeded' });
      await old.close();
      // What a schema of the release before review holds: version 3, no review columns, no change log.
      await admin.query(
        `ALTER TABLE "${schema}".runs DROP COLUMN held_at, DROP COLUMN expires_at, DROP COLUMN review_plan;
         DROP TABLE "${schema}".changes; DROP TABLE "${schema}".change_seq;
         ALTER TABLE "${schema}".run_collections DROP COLUMN counts;
         ALTER TABLE "${schema}".records DROP COLUMN logged_insert;
         UPDATE "${schema}".schema_version SET version = 3`,
      );

      const store = createPostgresStore({ connectionString: url }, { schema });
      try {
        expect((await store.lastFullSync('district-a'))?.id).toBe(seeded.id);
        expect(await store.getHeldRun('district-a')).toBeUndefined();
        const run = await store.beginRun('district-a', { mode: 'full' });
        await store.stage(run, 'users', [{ ...record, dateLastModified: '2026-02-01' }]);
        const held = await store.holdRun(run, { expiresAt: '2999-01-01T00:00:00.000Z', plan: { v: 1 } });
        expect(held.run.status).toBe('awaiting-review');
        const rows = await admin.query(`SELECT status, review_plan FROM "${schema}".runs WHERE id = $1`, [
          run.id,
        ]);
        expect(rows.rows).toEqual([{ status: 'awaiting-review', review_plan: { v: 1 } }]);
        const versions = await admin.query(`SELECT version FROM "${schema}".schema_version`);
        expect(versions.rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      } finally {
        await store.close();
      }
    });

    it('uses a pool it is given, and leaves it open', async () => {
      const pool = new pg.Pool({ connectionString: url, max: 3 });
      const store = createPostgresStore({ pool }, { schema: newSchema() });
      await store.setWatermark('district-a', 'users', '2026-01-01T00:00:00Z');
      await store.close();
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await pool.end();
    });
  });
}
