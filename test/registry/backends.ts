import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresConnectionStorage, createPostgresStore } from '../../src/postgres/index.js';
import {
  type ConnectionRegistry,
  createConnectionRegistry,
  type KeyProvider,
  localKeyProvider,
} from '../../src/registry/index.js';
import { createSqliteConnectionStorage, createSqliteStore } from '../../src/sqlite/index.js';
import {
  type ConnectionStorage,
  createMemoryConnectionStorage,
  createMemoryStore,
  createMemoryStoreData,
  type RosterStore,
} from '../../src/sync/index.js';

/** A fresh base64 key-encryption key. */
export const newKey = (): string => randomBytes(32).toString('base64');

/** A key provider holding `ids` (fresh keys unless given), `current` the last. */
export function keysOf(keys: Record<string, string>, current: string): KeyProvider {
  return localKeyProvider({ keys, current });
}

/** A settable clock, in milliseconds since the epoch. */
export interface TestClock {
  now: () => number;
  set(at: string | number): void;
}

export function testClock(start = '2026-03-02T12:00:00Z'): TestClock {
  let now = Date.parse(start);
  return {
    now: () => now,
    set(at) {
      now = typeof at === 'number' ? at : Date.parse(at);
    },
  };
}

/** One database holding a roster store and the registry's rows. */
export interface Backend {
  readonly name: string;
  /** A registry over the database, with these keys: call it again for a second process, or a restart. */
  open(keys: KeyProvider, clock?: TestClock): ConnectionRegistry;
  /** Every byte the database keeps of the registry (the SQLite file and its WAL; PostgreSQL's rows). */
  rawContents(): Promise<string>;
  destroy(): Promise<void>;
}

type Handle = { store: RosterStore; storage: ConnectionStorage };

function backendOf(
  name: string,
  handle: () => Handle,
  rawContents: () => Promise<string>,
  cleanup: () => Promise<void>,
): Backend {
  const opened: Handle[] = [];
  return {
    name,
    open(keys, clock) {
      const next = handle();
      opened.push(next);
      return createConnectionRegistry({ ...next, keys, ...(clock ? { now: clock.now } : {}) });
    },
    rawContents,
    async destroy() {
      for (const { store, storage } of opened) {
        await storage.close();
        await store.close();
      }
      await cleanup();
    },
  };
}

export function memoryBackend(): Backend {
  const data = createMemoryStoreData();
  const storages: ConnectionStorage[] = [];
  return backendOf(
    'memory',
    () => {
      const storage = createMemoryConnectionStorage({ data });
      storages.push(storage);
      return { store: createMemoryStore({ data }), storage };
    },
    async () => {
      const reader = createMemoryConnectionStorage({ data });
      return JSON.stringify([await reader.list(), await reader.readSetting('host-caps')]);
    },
    async () => undefined,
  );
}

export function sqliteBackend(): Backend & { path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-registry-'));
  const path = join(dir, 'roster.db');
  const backend = backendOf(
    'sqlite',
    () => ({ store: createSqliteStore({ path }), storage: createSqliteConnectionStorage({ path }) }),
    async () =>
      ['', '-wal', '-shm', '-journal']
        .map((suffix) => `${path}${suffix}`)
        .filter(existsSync)
        .map((file) => readFileSync(file).toString('latin1'))
        .join('\n'),
    async () => rmSync(dir, { recursive: true, force: true }),
  );
  return { ...backend, path };
}

export function postgresBackend(url: string): Backend & { schema: string } {
  const schema = `registry_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const backend = backendOf(
    'postgres',
    () => ({
      store: createPostgresStore({ connectionString: url }, { schema }),
      storage: createPostgresConnectionStorage({ connectionString: url }, { schema }),
    }),
    async () => {
      const tables = ['connections', 'registry_settings', 'registry_schema_version'];
      const dumps = await Promise.all(
        tables.map((table) => admin.query(`SELECT row_to_json(t)::text AS row FROM "${schema}".${table} t`)),
      );
      return dumps.flatMap((result) => result.rows.map((row: { row: string }) => row.row)).join('\n');
    },
    async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  );
  return { ...backend, schema };
}
