import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { SQLITE_SCHEMA_VERSION } from '../../src/sqlite/sqlite-schema.js';
import { seed, user } from '../../src/testing/store-contract/contract-kit.js';
import { describeRosterStoreContract } from '../../src/testing/store-contract/roster-store-contract.js';
import { expectCopiedAndReferencedInserts } from './migrated-change-log.js';

describeRosterStoreContract(
  'sqlite',
  () => {
    const directory = mkdtempSync(join(tmpdir(), 'oneroster-sqlite-'));
    const path = join(directory, 'roster.db');
    return {
      store: createSqliteStore({ path }),
      open: () => createSqliteStore({ path }),
      destroy: () => rmSync(directory, { recursive: true, force: true }),
    };
  },
  { describe, it, beforeEach, afterEach },
);

describe('the SQLite store on a database of an earlier version', () => {
  it('migrates a database of version 1, keeping its roster, and keeps deletion baselines after', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'oneroster-sqlite-migrate-'));
    const path = join(directory, 'roster.db');
    try {
      const record = { sourcedId: 'u1', status: 'active' as const, dateLastModified: '2026-01-01' };
      const old = createSqliteStore({ path });
      const seeded = await old.beginRun('district-a', { mode: 'full' });
      await old.stage(seeded, 'users', [record]);
      await old.commit(seeded, 'users');
      await old.finishRun(seeded, { status: 'succeeded' });
      await old.close();
      // What a file created by the previous release holds: no baselines table, version 1.
      const raw = new Database(path);
      raw.exec(
        `DROP TABLE roster_baselines; ALTER TABLE roster_runs DROP COLUMN version; DROP TABLE roster_changes;
         DROP TABLE roster_change_seq; ALTER TABLE roster_run_collections DROP COLUMN counts;
         ALTER TABLE roster_runs DROP COLUMN held_at; ALTER TABLE roster_runs DROP COLUMN expires_at;
         ALTER TABLE roster_runs DROP COLUMN review_plan; ALTER TABLE roster_records DROP COLUMN logged_insert; UPDATE roster_schema SET version = 1`,
      );
      raw.close();

      const store = createSqliteStore({ path });
      expect(await store.getBaseline('district-a', 'users')).toBeUndefined();
      expect(await store.get('district-a', 'users', 'u1')).toEqual(record);
      const run = await store.beginRun('district-a', { mode: 'full' });
      await store.stage(run, 'users', [record]);
      await store.commit(run, 'users', { baseline: 'set' });
      expect(await store.getBaseline('district-a', 'users')).toMatchObject({ runId: run.id, active: 1 });
      await store.close();
      const check = new Database(path);
      expect(check.prepare('SELECT version FROM roster_schema').all()).toEqual([
        { version: SQLITE_SCHEMA_VERSION },
      ]);
      check.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('migrates a database of version 3, keeping its runs, and holds runs for review after', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'oneroster-sqlite-migrate-'));
    const path = join(directory, 'roster.db');
    try {
      const record = { sourcedId: 'u1', status: 'active' as const, dateLastModified: '2026-01-01' };
      const old = createSqliteStore({ path });
      const seeded = await old.beginRun('district-a', { mode: 'full' });
      await old.stage(seeded, 'users', [record]);
      await old.commit(seeded, 'users');
      await old.finishRun(seeded, { status: 'succeeded' });
      await old.close();
      // What a file of the release before review holds: version 3, no review columns.
      const raw = new Database(path);
      raw.exec(
        `ALTER TABLE roster_runs DROP COLUMN held_at; ALTER TABLE roster_runs DROP COLUMN expires_at;
         ALTER TABLE roster_runs DROP COLUMN review_plan; DROP TABLE roster_changes; DROP TABLE roster_change_seq;
         ALTER TABLE roster_run_collections DROP COLUMN counts; ALTER TABLE roster_records DROP COLUMN logged_insert; UPDATE roster_schema SET version = 3`,
      );
      raw.close();

      const store = createSqliteStore({ path });
      expect((await store.lastFullSync('district-a'))?.id).toBe(seeded.id);
      expect(await store.getHeldRun('district-a')).toBeUndefined();
      const run = await store.beginRun('district-a', { mode: 'full' });
      await store.stage(run, 'users', [{ ...record, dateLastModified: '2026-02-01' }]);
      const held = await store.holdRun(run, { expiresAt: '2999-01-01T00:00:00.000Z', plan: { v: 1 } });
      expect(held.run.status).toBe('awaiting-review');
      await store.close();
      const check = new Database(path);
      expect(check.prepare('SELECT version FROM roster_schema').all()).toEqual([
        { version: SQLITE_SCHEMA_VERSION },
      ]);
      expect(check.prepare('SELECT status, review_plan FROM roster_runs WHERE id = ?').get(run.id)).toEqual({
        status: 'awaiting-review',
        review_plan: '{"v":1}',
      });
      check.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('the SQLite store on a database of version 3 (before the change log)', () => {
  it('migrates it: the roster and runs stay, the next commit logs its changes from seq 1', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'oneroster-sqlite-migrate-'));
    const path = join(directory, 'roster.db');
    try {
      const record = { sourcedId: 'u1', status: 'active' as const, dateLastModified: '2026-01-01' };
      const old = createSqliteStore({ path });
      const seeded = await old.beginRun('district-a', { mode: 'full' });
      await old.stage(seeded, 'users', [record]);
      await old.commit(seeded, 'users');
      await old.finishRun(seeded, { status: 'succeeded' });
      await old.close();
      // What a file of version 3 holds: no change log, no counts per commit.
      const raw = new Database(path);
      raw.exec(
        `DROP TABLE roster_changes; DROP TABLE roster_change_seq;
         ALTER TABLE roster_run_collections DROP COLUMN counts; ALTER TABLE roster_runs DROP COLUMN held_at;
         ALTER TABLE roster_runs DROP COLUMN expires_at; ALTER TABLE roster_runs DROP COLUMN review_plan;
         ALTER TABLE roster_records DROP COLUMN logged_insert; UPDATE roster_schema SET version = 3`,
      );
      raw.close();

      const store = createSqliteStore({ path });
      expect(await store.get('district-a', 'users', 'u1')).toEqual(record);
      expect(await store.readChanges('district-a', { limit: 10 })).toEqual([]);
      const [earlier] = await store.listRuns('district-a');
      expect(earlier).toMatchObject({ id: seeded.id, committed: ['users'] });
      // A commit made before the migration kept no counts: they read as zeros.
      expect(earlier?.counts['users']).toMatchObject({ inserted: 0, staged: 0 });
      const run = await store.beginRun('district-a', { mode: 'full' });
      await store.stage(run, 'users', [{ ...record, username: 'ada' }]);
      await store.commit(run, 'users');
      await store.finishRun(run, { status: 'succeeded' });
      expect(await store.readChanges('district-a', { limit: 10 })).toMatchObject([
        { seq: 1, runId: run.id, op: 'update', changedFields: ['username'], after: { username: 'ada' } },
      ]);
      await store.close();
      const check = new Database(path);
      expect(check.prepare('SELECT version FROM roster_schema').all()).toEqual([
        { version: SQLITE_SCHEMA_VERSION },
      ]);
      check.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('the SQLite store on a database of version 5 (inserts logged with a copy of their record)', () => {
  it('reads the copies as before, and keeps the values of later inserts when their records change', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'oneroster-sqlite-migrate-'));
    const path = join(directory, 'roster.db');
    try {
      const old = createSqliteStore({ path });
      await seed(old, 'users', [user('u1', { username: 'ada' })]);
      await old.close();
      // What the previous release wrote: the insert's record copied into the change record.
      const raw = new Database(path);
      raw.exec(
        `UPDATE roster_changes SET after = (SELECT record FROM roster_records WHERE sourced_id = 'u1');
         ALTER TABLE roster_records DROP COLUMN logged_insert; UPDATE roster_schema SET version = 5`,
      );
      raw.close();

      const store = createSqliteStore({ path });
      await expectCopiedAndReferencedInserts(store);
      await store.close();
      const check = new Database(path);
      expect(check.prepare('SELECT version FROM roster_schema').all()).toEqual([
        { version: SQLITE_SCHEMA_VERSION },
      ]);
      // u2's insert kept its values when the next commit changed u2; u1's copy is as it was.
      expect(
        check
          .prepare(
            "SELECT seq, json_extract(after, '$.username') AS username FROM roster_changes WHERE op = 'insert' ORDER BY seq",
          )
          .all(),
      ).toEqual([
        { seq: 1, username: 'ada' },
        { seq: 2, username: 'cy' },
      ]);
      check.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
