import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function databasePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'oneroster-sqlite-locks-'));
  directories.push(directory);
  return join(directory, 'roster.db');
}

/** Marks the tenant's run as held by another process, as a worker that is mid-run leaves it. */
function lockAs(path: string, tenant: string, runId: string, pid: number, host = hostname()): void {
  const db = new Database(path);
  db.prepare(
    `INSERT OR REPLACE INTO roster_locks (tenant, run_id, token, pid, host, acquired_at) VALUES (?, ?, 'other', ?, ?, '')`,
  ).run(tenant, runId, pid, host);
  db.close();
}

async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

describe('the SQLite store across processes', () => {
  it('takes over the run of a worker that was killed mid-run, with its checkpoint', async () => {
    const path = databasePath();
    const worker = createSqliteStore({ path });
    const run = await worker.beginRun('district-a', { mode: 'full' });
    await worker.stage(
      run,
      'users',
      [{ sourcedId: 'u1', status: 'active', dateLastModified: '2026-01-01' }],
      {
        checkpoint: { offset: 1 },
      },
    );
    lockAs(path, 'district-a', run.id, await exitedPid());
    await worker.close();

    const restarted = createSqliteStore({ path });
    expect((await restarted.getCheckpoint('district-a'))?.data).toEqual({ offset: 1 });
    const resumed = await restarted.resumeRun('district-a', run.id);
    expect(resumed?.id).toBe(run.id);
    if (resumed === undefined) return;
    expect((await restarted.diff(resumed, 'users')).staged).toBe(1);
    await restarted.close();
  });

  it('refuses a run while the worker holding the tenant is alive, even in another process', async () => {
    const path = databasePath();
    const store = createSqliteStore({ path });
    // Alive until killed below (or until this process dies and closes its stdin), however long the test takes.
    const sleeper = spawn(process.execPath, ['-e', 'process.stdin.resume()'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    try {
      lockAs(path, 'district-a', 'run-elsewhere', sleeper.pid ?? 0);
      await expect(store.beginRun('district-a', { mode: 'full' })).rejects.toMatchObject({
        name: 'SyncInProgressError',
        runId: 'run-elsewhere',
      });
      lockAs(path, 'district-a', 'run-elsewhere', 1, 'another-host');
      await expect(store.beginRun('district-a', { mode: 'full' })).rejects.toMatchObject({
        name: 'SyncInProgressError',
      });
    } finally {
      sleeper.kill();
      await store.close();
    }
  });

  it('treats a lock left by an earlier life of its own pid as free, as after a container restart', async () => {
    const path = databasePath();
    const store = createSqliteStore({ path });
    lockAs(path, 'district-a', 'run-before-restart', process.pid);
    const run = await store.beginRun('district-a', { mode: 'delta' });
    expect(run.status).toBe('running');
    await store.close();
  });

  it('refuses the writes of a run another process took over', async () => {
    const path = databasePath();
    const store = createSqliteStore({ path });
    const run = await store.beginRun('district-a', { mode: 'full' });
    lockAs(path, 'district-a', run.id, await exitedPid());
    await expect(
      store.stage(run, 'users', [{ sourcedId: 'u1', status: 'active', dateLastModified: '2026-01-01' }]),
    ).rejects.toMatchObject({ name: 'SyncRunInactiveError' });
    await store.close();
  });
});
