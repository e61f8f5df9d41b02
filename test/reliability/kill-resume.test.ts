import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import type { SyncProgressEvent } from '../../src/sync/index.js';
import { changeSomeUsers, hashStore, TENANT, useReliabilityHarness } from './harness.js';

// The same approach as test/sync/kill-resume.test.ts, on a provider that fails while the child runs.
// `npm test` builds first; ONEROSTER_DIST points at another build.
const dist = process.env['ONEROSTER_DIST'] ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const built = ['index', 'sync', 'sqlite'].every((entry) => existsSync(join(dist, `${entry}.js`)));
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

async function waitFor(condition: () => boolean, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (child.exitCode !== null) throw new Error(`the child exited early with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('timed out waiting for the child');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.runIf(built)('a process killed mid-sync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-reliability-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes after SIGKILL during a 503 burst, and ends as a clean run does', async () => {
    const dbPath = join(dir, 'roster.db');
    const progressPath = join(dir, 'progress.ndjson');
    const s = await scenario({
      transport: 'http',
      district: { studentsPerSchool: 40 },
      latencyMs: 10,
      faults: [{ type: 'serverError', status: 503, path: '/users', nth: 2, times: 2 }],
    });
    const child = spawn(
      process.execPath,
      [CHILD, dist, s.provider.baseUrl, s.provider.tokenUrl as string, dbPath, progressPath, TENANT],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          ONEROSTER_CLIENT_ID: s.provider.clientId,
          ONEROSTER_CLIENT_SECRET: s.provider.clientSecret,
        },
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(
        () =>
          progressOf(progressPath).some((e) => e.type === 'page' && e.collection === 'users' && e.pages >= 4),
        child,
      );
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
