import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { startWalCheckpointer } from '../../src/sqlite/wal-checkpointer.js';
import { DIST, requireBuilt } from '../helpers/built-package.js';

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/** The WAL header's first salt, which SQLite changes each time a writer starts the WAL over. */
function walSalt(path: string): string {
  return readFileSync(`${path}-wal`).subarray(16, 20).toString('hex');
}

describe('the checkpointing thread of the SQLite store', () => {
  let directory: string;
  let path: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'oneroster-checkpointer-'));
    path = join(directory, 'roster.db');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('copies the WAL into the database file and makes the writer start the WAL over past its limit', async () => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // Only the thread checkpoints: without it the WAL would grow for as long as the writes go on.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const insert = db.prepare<[Buffer]>('INSERT INTO rows (body) VALUES (?)');
    const insertBatch = db.transaction(() => {
      for (let row = 0; row < 50; row++) insert.run(Buffer.alloc(1_000, row));
    });
    const failures: unknown[] = [];
    const checkpointer = startWalCheckpointer({
      path,
      driverPath,
      restartPages: 64,
      onFailure: (error) => failures.push(error),
    });
    const fileBefore = statSync(path).size;
    insertBatch();
    const firstSalt = walSalt(path);
    let batches = 1;
    // The writes go on until the WAL starts over; the deadline only bounds a failing test.
    for (const deadline = Date.now() + 20_000; walSalt(path) === firstSalt && Date.now() < deadline; ) {
      insertBatch();
      batches++;
      await sleep(5);
    }
    await checkpointer.stop();

    expect(walSalt(path)).not.toBe(firstSalt);
    expect(statSync(path).size).toBeGreaterThan(fileBefore);
    expect(failures).toEqual([]);
    db.close();
    const reopened = new Database(path, { readonly: true });
    expect(reopened.prepare('SELECT count(*) AS rows FROM rows').get()).toEqual({ rows: batches * 50 });
    reopened.close();
  });

  it('reports a thread that cannot start, and stops all the same', async () => {
    const failures: unknown[] = [];
    let reportFailure = () => {};
    const failed = new Promise<void>((resolve) => {
      reportFailure = resolve;
    });
    const checkpointer = startWalCheckpointer({
      path,
      driverPath: join(directory, 'no-such-driver.js'),
      restartPages: 64,
      onFailure: (error) => {
        failures.push(error);
        reportFailure();
      },
    });
    await failed;
    await checkpointer.stop();
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toContain('no-such-driver.js');
  });

  it('leaves no WAL behind when the store closes, and keeps every committed record', async () => {
    const store = createSqliteStore({ path });
    const run = await store.beginRun('district-a', { mode: 'full' });
    const users = Array.from({ length: 2_000 }, (_, index) => ({
      sourcedId: `u${String(index).padStart(5, '0')}`,
      status: 'active' as const,
      dateLastModified: '2026-01-01T00:00:00.000Z',
      givenName: 'x'.repeat(200),
    }));
    await store.stage(run, 'users', users);
    await store.commit(run, 'users');
    await store.finishRun(run, { status: 'succeeded' });
    await store.close();

    // SQLite deletes the WAL when its last connection closes: the thread's closed first.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = createSqliteStore({ path });
    expect(await reopened.count('district-a', 'users')).toBe(2_000);
    expect(await reopened.get('district-a', 'users', 'u01999')).toEqual(users[1_999]);
    await reopened.close();
  });

  it('does not keep a process alive when a store is left open', () => {
    requireBuilt('sqlite.js');
    const script = [
      `import { createSqliteStore } from ${JSON.stringify(join(DIST, 'sqlite.js'))};`,
      `const store = createSqliteStore({ path: ${JSON.stringify(path)} });`,
      "await store.count('district-a', 'users');",
      "console.log('left open');",
    ].join('\n');
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(output.trim()).toBe('left open');
  });
});
