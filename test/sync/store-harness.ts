import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { createPostgresStore } from '../../src/postgres/index.js';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { createMemoryStore, createMemoryStoreData, type RosterStore } from '../../src/sync/index.js';

/** One kind of store, opened as often as a test needs: each `open` is a new handle on the same data. */
export interface StoreHarness {
  readonly name: string;
  open(options?: { now?: () => number }): RosterStore;
  /** Closes every handle and removes files. */
  cleanup(): Promise<void>;
}

/** A factory per store kind; the postgres store plugs in here with the same scenarios. */
export type StoreHarnessFactory = () => StoreHarness;

function tracking(
  name: string,
  create: (now?: () => number) => RosterStore,
  remove: () => void,
): StoreHarness {
  const handles: RosterStore[] = [];
  return {
    name,
    open(options = {}) {
      const store = create(options.now);
      handles.push(store);
      return store;
    },
    async cleanup() {
      for (const handle of handles) await handle.close().catch(() => undefined);
      remove();
    },
  };
}

export const memoryHarness: StoreHarnessFactory = () => {
  const data = createMemoryStoreData();
  return tracking(
    'memory',
    (now) => createMemoryStore({ data, ...(now ? { now } : {}) }),
    () => undefined,
  );
};

export const sqliteHarness: StoreHarnessFactory = () => {
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-sync-'));
  const path = join(dir, 'roster.db');
  return tracking(
    'sqlite',
    (now) => createSqliteStore({ path, ...(now ? { now } : {}) }),
    () => rmSync(dir, { recursive: true, force: true }),
  );
};

/**
 * The PostgreSQL store as a harness: a schema per harness (named `<prefix>_<random>`, so parallel
 * test files never see each other's tenants), dropped on cleanup through `admin`.
 */
export function postgresHarness(url: string, admin: pg.Pool, prefix: string): StoreHarnessFactory {
  return () => {
    const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
    const handles: ReturnType<typeof createPostgresStore>[] = [];
    return {
      name: 'postgres',
      open(options = {}) {
        const store = createPostgresStore(
          { connectionString: url },
          { schema, ...(options.now ? { now: options.now } : {}) },
        );
        handles.push(store);
        return store;
      },
      async cleanup() {
        for (const handle of handles) await handle.close().catch(() => undefined);
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
    };
  };
}
