import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import type { SyncProgressEvent } from '../../src/sync/index.js';
import { DIST, requireBuilt } from '../helpers/built-package.js';
import { reachedKillPoint } from '../helpers/kill-child.js';
import { changeSomeUsers, hashStore, TENANT, useReliabilityHarness } from './harness.js';

// The same approach as test/sync/kill-resume.test.ts, on a provider that fails while the child runs.
const CHILD = fileURLToPath(new URL('./child-sync.mjs', import.meta.url));

const { scenario } = useReliabilityHarness();

type Logged = SyncProgressEvent | { type: 'done' };

function progressOf(path: string): Logged[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Logged);
}

describe('a process killed mid-sync', () => {
  // The child runs the built package: test/setup/build.ts rebuilds a stale dist/, ONEROSTER_DIST names another.
  beforeAll(() => requireBuilt('index.js', 'sync.js', 'sqlite.js'));
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-reliability-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes after SIGKILL in a pull that met a 503 burst, and ends with what the provider holds', async () => {
    const dbPath = join(dir, 'roster.db');
    const progressPath = join(dir, 'progress.ndjson');
    const s = await scenario({
      transport: 'http',
      district: { studentsPerSchool: 40 },
      faults: [{ type: 'serverError', status: 503, path: '/users', nth: 2, times: 2 }],
    });
    const child = spawn(
      process.execPath,
      [CHILD, DIST, s.provider.baseUrl, s.provider.tokenUrl as string, dbPath, progressPath, TENANT],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          ONEROSTER_CLIENT_ID: s.provider.clientId,
          ONEROSTER_CLIENT_SECRET: s.provider.clientSecret,
          // Past the 503 burst on users requests 2 and 3, before the collection is whole.
          ONEROSTER_KILL_AT: JSON.stringify({ collection: 'users', pages: 4 }),
        },
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await reachedKillPoint(child);
      child.kill('SIGKILL');
      await exited;
      const logged = progressOf(progressPath);
      expect(logged.some((e) => e.type === 'done')).toBe(false);
      expect(s.provider.stats.faults['serverError']).toBe(2);

      // The district moves on while nobody syncs.
      changeSomeUsers(s.district);
      // Opened only now, as a restarted worker would: the child's build owns the file until it dies.
      const store = createSqliteStore({ path: dbPath });
      try {
        expect(await store.getCheckpoint(TENANT)).toMatchObject({
          data: { collection: 'users', phase: 'pulling' },
        });
        s.provider.stats.reset();
        const resumed = await s.sync({ store });
        expect(resumed).toMatchObject({ resumed: true, resumedFrom: { collection: 'users' } });
        expect(Object.keys(resumed.collections)).toEqual(['users', 'enrollments']);
        expect(Object.keys(s.provider.stats.byRoute).sort()).toEqual(['/enrollments', '/users']);
        expect(await hashStore(store)).toBe(await s.cleanHash());
        expect(await store.getCheckpoint(TENANT)).toBeUndefined();
      } finally {
        await store.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
