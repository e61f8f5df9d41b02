import { describe, expect, it } from 'vitest';
import { createSqliteConnectionStorage } from '../../src/sqlite/index.js';
import { keysOf, newKey, sqliteBackend } from './backends.js';
import { oauth2Connection, registryScenarios, SECRETS } from './registry-scenarios.js';

describe('the connection registry on SQLite', () => {
  registryScenarios((name, body) =>
    it(name, async () => {
      const backend = sqliteBackend();
      try {
        await body(backend);
      } finally {
        await backend.destroy();
      }
    }),
  );

  it('shares the roster store file, and a storage on a handle you opened leaves it open', async () => {
    const backend = sqliteBackend();
    try {
      const registry = backend.open(keysOf({ k1: newKey() }, 'k1'));
      await registry.addConnection(oauth2Connection('d1', SECRETS.d1));
      const run = await registry.store.beginRun('d1', { mode: 'full' });
      await registry.store.finishRun(run, { status: 'succeeded' });
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(backend.path);
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((row) => row.name);
      expect(tables).toEqual(expect.arrayContaining(['roster_connections', 'roster_runs', 'roster_records']));
      const storage = createSqliteConnectionStorage({ database: db });
      expect((await storage.list()).map((row) => row.tenant)).toEqual(['d1']);
      await storage.close();
      expect(db.prepare('SELECT count(*) AS n FROM roster_connections').get()).toEqual({ n: 1 });
      db.close();
    } finally {
      await backend.destroy();
    }
  });
});
