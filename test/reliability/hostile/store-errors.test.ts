import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../../src/postgres/index.js';
import { createSqliteStore } from '../../../src/sqlite/index.js';
import {
  isStoreError,
  type RosterRecord,
  type RosterStore,
  type StoreError,
} from '../../../src/sync/index.js';
import { rejection } from '../../sync/sync-helpers.js';
import { freshSchema, postgresUrl, useAdminPool } from './store-kinds.js';

const SENTINEL = 'Sentinel-Family-Name-91c2';

/** A student record whose values must never reach an error. */
const student = (familyName = SENTINEL): RosterRecord => ({
  sourcedId: 'student-1',
  status: 'active',
  dateLastModified: '2026-01-05T10:00:00.000Z',
  givenName: 'Ada',
  familyName,
});

/** Every way an app could log the error. */
function loggedForms(error: unknown): string[] {
  const { message, stack, cause } = error as Error;
  return [JSON.stringify(error), message, String(stack), String(cause)];
}

/** Stages the record in a new run: the store must refuse it with a clean StoreError. */
async function stageRefused(store: RosterStore, record: RosterRecord): Promise<StoreError> {
  const run = await store.beginRun('district-a', { mode: 'full' });
  const error = await rejection(store.stage(run, 'users', [record], { checkpoint: { offset: 1 } }));
  expect(isStoreError(error)).toBe(true);
  for (const form of loggedForms(error)) expect(form).not.toContain(SENTINEL);
  return error as StoreError;
}

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe.skipIf(postgresUrl === undefined)('a PostgreSQL error that quotes a staged record', () => {
  const url = postgresUrl ?? '';
  const admin = useAdminPool(url);
  const open = async (): Promise<{ store: RosterStore; schema: string }> => {
    const schema = freshSchema('errors');
    const store = createPostgresStore({ connectionString: url }, { schema });
    closers.push(() => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).then(() => undefined));
    closers.push(() => store.close());
    await store.count('district-a', 'users');
    return { store, schema };
  };

  it('reaches the caller as a StoreError with the SQLSTATE, quoting none of the record', async () => {
    const { store } = await open();
    // jsonb refuses \u0000; PostgreSQL's context then quotes the JSON text up to it, record and all.
    const record = student(`${SENTINEL}\u0000`);
    const raw = await rejection(admin.query('SELECT $1::jsonb', [JSON.stringify(record)]));
    expect(raw).toBeInstanceOf(pg.DatabaseError);
    expect(`${(raw as pg.DatabaseError).where}`).toContain(SENTINEL);

    const error = await stageRefused(store, record);
    expect(error).toMatchObject({
      name: 'StoreError',
      store: 'postgres',
      operation: 'stage',
      code: '22P05',
      tenant: 'district-a',
      collection: 'users',
    });
    expect(error.cause).toBeUndefined();
    expect(error.message).toBe('The PostgreSQL store could not stage users for tenant district-a (22P05)');
  });

  it('keeps the code and constraint of an error raised with the row in its message and detail', async () => {
    const { store, schema } = await open();
    await admin.query(`
      CREATE FUNCTION "${schema}".refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'refused %', NEW.record USING ERRCODE = '23514', DETAIL = NEW.record::text,
          HINT = NEW.record::text, CONSTRAINT = 'staged_record_check';
      END $$;
      CREATE TRIGGER refuse_row BEFORE INSERT ON "${schema}".staged FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse_row();
    `);
    const error = await stageRefused(store, student());
    expect(error).toMatchObject({ code: '23514', constraint: 'staged_record_check', operation: 'stage' });
  });
});

describe('a SQLite error that quotes a staged record', () => {
  it('reaches the caller as a StoreError with the SQLite code, quoting none of the record', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'oneroster-store-errors-'));
    closers.push(() => rmSync(directory, { recursive: true, force: true }));
    const path = join(directory, 'roster.db');
    const store = createSqliteStore({ path });
    closers.push(() => store.close());
    const db = new Database(path);
    db.exec(`CREATE TRIGGER refuse_row BEFORE INSERT ON roster_staged
      BEGIN SELECT RAISE(ABORT, 'refused ' || NEW.record); END`);
    db.close();
    const raw = await rejection(
      (async () => {
        const check = new Database(path);
        try {
          check
            .prepare(
              "INSERT INTO roster_staged (run_seq, collection, sourced_id, status, hash, record) VALUES (0, 'users', 'x', 'active', 'h', ?)",
            )
            .run(JSON.stringify(student()));
        } finally {
          check.close();
        }
      })(),
    );
    expect((raw as Error).message).toContain(SENTINEL);

    const error = await stageRefused(store, student());
    expect(error).toMatchObject({
      name: 'StoreError',
      store: 'sqlite',
      operation: 'stage',
      code: 'SQLITE_CONSTRAINT_TRIGGER',
      collection: 'users',
    });
  });
});
