import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { type SyncProgressEvent, syncRoster } from '../../src/sync/index.js';
import { generateDistrict, startMockServer } from '../../src/testing/index.js';
import { DIST, requireBuilt } from '../helpers/built-package.js';
import { reachedKillPoint } from '../helpers/kill-child.js';
import { providerRoster } from '../helpers/provider-roster.js';
import { dumpAll, mockClient } from './sync-helpers.js';

const CHILD = fileURLToPath(new URL('./child-sync.mjs', import.meta.url));

function progressOf(path: string): (SyncProgressEvent | { type: 'done' })[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as SyncProgressEvent);
}

describe('a sync killed with SIGKILL', () => {
  // The child runs the built package: test/setup/build.ts rebuilds a stale dist/, ONEROSTER_DIST names another.
  beforeAll(() => requireBuilt('index.js', 'sync.js', 'sqlite.js'));
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes from its checkpoint in another process and ends with what the provider holds', async () => {
    const district = generateDistrict({ preset: 'tiny', studentsPerSchool: 100 });
    const server = await startMockServer({ district, auth: { type: 'none' } });
    const dbPath = join(dir, 'roster.db');
    const progressPath = join(dir, 'progress.ndjson');
    const child = spawn(process.execPath, [CHILD, DIST, server.baseUrl, dbPath, progressPath, 'district-7'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Mid-collection: the third users page is staged, the rest of the collection is not.
      env: { ...process.env, ONEROSTER_KILL_AT: JSON.stringify({ collection: 'users', pages: 3 }) },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await reachedKillPoint(child);
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

        expect(await dumpAll(store)).toEqual(providerRoster(district));
        expect(await store.getCheckpoint('district-7')).toBeUndefined();
      } finally {
        await store.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await server.close();
    }
  });
});
