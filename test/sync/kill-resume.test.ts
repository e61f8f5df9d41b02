import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { type SyncProgressEvent, syncRoster } from '../../src/sync/index.js';
import { generateDistrict, startMockServer } from '../../src/testing/index.js';
import { dumpAll, mockClient } from './sync-helpers.js';

// `npm test` builds first; ONEROSTER_DIST points at another build (e.g. one made for a local run).
const dist = process.env['ONEROSTER_DIST'] ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const built = ['index', 'sync', 'sqlite'].every((entry) => existsSync(join(dist, `${entry}.js`)));
const CHILD = fileURLToPath(new URL('./child-sync.mjs', import.meta.url));
/** Real time a page takes, so the child is surely mid-collection when it is killed. */
const PAGE_DELAY_MS = 15;
const POLL_MS = 5;

function progressOf(path: string): (SyncProgressEvent | { type: 'done' })[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as SyncProgressEvent);
}

async function waitFor(condition: () => boolean, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (child.exitCode !== null) throw new Error(`the child exited early with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('timed out waiting for the child');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

describe.runIf(built)('a sync killed with SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes from its checkpoint in another process and ends as a clean run does', async () => {
    const district = generateDistrict({ preset: 'tiny', studentsPerSchool: 100 });
    const server = await startMockServer({ district, auth: { type: 'none' }, latencyMs: PAGE_DELAY_MS });
    const dbPath = join(dir, 'roster.db');
    const progressPath = join(dir, 'progress.ndjson');
    const child = spawn(process.execPath, [CHILD, dist, server.baseUrl, dbPath, progressPath, 'district-7'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(
        () =>
          progressOf(progressPath).some((e) => e.type === 'page' && e.collection === 'users' && e.pages >= 3),
        child,
      );
      child.kill('SIGKILL');
      // The exit event comes after the child is reaped, so the store's liveness probe sees it dead.
      await exited;
      const seen = progressOf(progressPath);
      expect(seen.some((e) => e.type === 'done')).toBe(false);
      expect(seen.some((e) => e.type === 'collection-finished' && e.collection === 'users')).toBe(false);

      // The district moves on while nobody syncs: the resumed run must end with what is there now.
      const ids = [...district.records('users')].map((user) => user.sourcedId);
      district.mutate.delete('users', ids[2]!);
      district.mutate.update('users', ids[150]!, { givenName: 'Later' });

      const store = createSqliteStore({ path: dbPath });
      const clean = createSqliteStore({ path: join(dir, 'clean.db') });
      try {
        const checkpoint = await store.getCheckpoint('district-7');
        expect(checkpoint?.data).toMatchObject({ collection: 'users', phase: 'pulling' });
        const client = mockClient(server.baseUrl);
        server.stats.reset();
        const resumed = await syncRoster({ client, store, tenant: 'district-7', mode: 'full' });
        expect(resumed).toMatchObject({
          resumed: true,
          resumedFrom: { collection: 'users', phase: 'pulling' },
        });
        expect(Object.keys(resumed.collections)).toEqual(['users', 'enrollments']);
        // Committed collections are not pulled again; the interrupted one is pulled from its start.
        expect(Object.keys(server.stats.byRoute).sort()).toEqual(['/enrollments', '/users']);

        await syncRoster({ client, store: clean, tenant: 'district-7', mode: 'full' });
        expect(await dumpAll(store)).toEqual(await dumpAll(clean));
        expect(await store.getCheckpoint('district-7')).toBeUndefined();
      } finally {
        await store.close();
        await clean.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await server.close();
    }
  });
});
