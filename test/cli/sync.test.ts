import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { MockServer } from '../../src/testing/index.js';
import { itWithPostgres } from '../helpers/postgres-url.js';
import { CLI, cleanEnv, requireBuiltCli, runCli } from './cli-process.js';
import { startMock } from './mock-env.js';

beforeAll(requireBuiltCli);

const HIDE_OPTIONAL_DEPS = fileURLToPath(new URL('./fixtures/hide-optional-deps.mjs', import.meta.url));

let server: MockServer;
let env: Record<string, string>;
let dir: string;
beforeEach(async () => {
  ({ server, env } = await startMock());
  dir = mkdtempSync(join(tmpdir(), 'oneroster-cli-sync-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const store = () => `sqlite:${join(dir, 'roster.db')}`;
const sync = (...args: string[]) => runCli(['sync', '--store', store(), '--tenant', 'd7', ...args], { env });

describe('oneroster sync', () => {
  it('syncs in full, then a delta, with minimal fields and no secret in the output', async () => {
    const first = await sync('--fields', 'minimal', '--json');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ tenant: 'd7', mode: 'full', modeReason: 'no-full-sync', dryRun: false });
    expect(result.collections.users).toMatchObject({ received: 30, inserted: 30 });
    expect(result.collections.enrollments).toMatchObject({ received: 60, inserted: 60 });
    expect(server.stats.fieldsRequested['users']).not.toContain('*');
    expect(server.stats.fieldsRequested['users']).not.toContain('password');
    expect(server.stats.byPath['/demographics']).toBeUndefined();
    for (const output of [first.stdout, first.stderr]) expect(output).not.toContain(server.clientSecret);

    const user = server.provider.district.generate('users', 4);
    server.provider.district.mutate.update('users', user.sourcedId, { familyName: 'Okafor' });
    const second = await sync('--fields', 'minimal', '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      mode: 'delta',
      modeReason: 'watermarks',
      collections: { users: { updated: 1 } },
    });
  });

  it('prints a table and one progress line per collection', async () => {
    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Finished a full sync (no-full-sync) of tenant "d7"');
    expect(result.stdout).toMatch(/users\s+30\s+30\s+0\s+0\s+0/);
    expect(result.stderr).toMatch(/^enrollments\s+60 records in .+: 60 new, 0 updated, 0 retired$/m);
    expect(result.stderr).not.toContain(server.clientSecret);
    const quiet = await sync('--quiet');
    expect(quiet.stderr).toBe('');
  });

  it('stops a mass deletion with exit code 5 until --force-deletions, and previews it in a dry run', async () => {
    expect((await sync('--quiet')).code).toBe(0);
    for (let index = 0; index < 12; index++) {
      server.provider.district.mutate.delete(
        'users',
        server.provider.district.generate('users', index).sourcedId,
      );
    }
    const preview = await sync('--mode', 'full', '--dry-run');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Nothing was written');
    expect(preview.stdout).toContain('users: a real run would stop here');

    const refused = await sync('--mode', 'full');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('--force-deletions');
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const forced = await sync('--mode', 'full', '--force-deletions', '--json');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).collections.users).toMatchObject({ tombstoned: 12 });
  });

  it('explains refused credentials with exit code 3, without echoing the secret', async () => {
    const result = await runCli(['sync', '--store', store(), '--client-secret', 'wrong-secret-value'], {
      env,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('refused the credentials');
    expect(result.stderr).not.toContain('wrong-secret-value');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const verbose = await runCli(['sync', '--store', store(), '--client-secret', 'wrong', '--verbose'], {
      env,
    });
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('names a missing optional dependency with exit code 6', async () => {
    const result = await runCli(['sync', '--store', store()], {
      env,
      nodeArgs: ['--import', HIDE_OPTIONAL_DEPS],
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('npm install better-sqlite3');
  });

  it('names pg when a postgres:// store is asked for without it (exit code 6)', async () => {
    const result = await runCli(['sync', '--store', 'postgres://roster@127.0.0.1:1/roster'], {
      env,
      nodeArgs: ['--import', HIDE_OPTIONAL_DEPS],
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('npm install pg');
  });

  itWithPostgres(
    'syncs into PostgreSQL, in the schema ?schema= names, and never prints its password',
    async (postgresUrl) => {
      const url = new URL(postgresUrl);
      // A schema of its own: the default `oneroster` schema outlives the run and may hold another
      // version's tables on a reused server.
      const schema = `cli_${randomUUID().replaceAll('-', '')}`;
      url.searchParams.set('schema', schema);
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      try {
        const result = await runCli(['sync', '--store', url.toString(), '--tenant', 'd7', '--json'], { env });
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout).collections.users).toMatchObject({ received: 30 });
        if (url.password !== '') expect(result.stdout + result.stderr).not.toContain(url.password);
        const stored = await admin.query(
          `SELECT count(*)::int AS n FROM "${schema}".records WHERE tenant = 'd7'`,
        );
        expect(stored.rows[0].n).toBeGreaterThan(30);
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      }
    },
  );

  it('refuses a ?schema= that is not a schema name, with exit code 2', async () => {
    const result = await runCli(
      ['sync', '--store', 'postgres://roster@127.0.0.1:1/roster?schema=a;drop', '--quiet'],
      {
        env,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('?schema=a;drop is not a schema name');
  });

  it('stops cleanly on Ctrl-C with exit code 130, keeping the store consistent', async () => {
    await server.close();
    // The users pull stalls until the CLI gives up on it: SIGINT surely lands mid-sync, whatever the load.
    ({ server, env } = await startMock({ faults: [{ type: 'stallHeaders', path: '/users' }] }));
    const child = spawn(process.execPath, [CLI, 'sync', '--store', store(), '--quiet'], {
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // A failed wait must not leave the CLI running against the next test's provider.
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    // Orgs, sessions, courses and classes are committed; the first users page is held by the stall.
    // Generous: on a busy machine the CLI's start and four collections take a while. No timing is asserted.
    await expect.poll(() => server.provider.pendingWaits, { timeout: 90_000 }).toBe(1);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted');
    // The same district from a provider without the stall: the next sync completes from the store as
    // the interrupted one left it.
    await server.close();
    ({ server, env } = await startMock());
    const resumed = await sync('--json', '--quiet');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).collections.enrollments).toMatchObject({ received: 60 });
  }, 180_000);

  it('answers usage mistakes with exit code 2 before touching the provider', async () => {
    for (const args of [
      ['--store', 'mysql://x'],
      ['--mode', 'sometimes'],
      ['--collections', 'pupils'],
      ['--fields', 'some'],
    ]) {
      expect((await runCli(['sync', ...args], { env })).code).toBe(2);
    }
    expect(server.stats.requests).toBe(0);
  });
});
