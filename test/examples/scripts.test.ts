// Each example run as its header says, `npx tsx examples/<name>.ts`, with `--no` so that npx fails
// rather than download anything: tsx must come from this repository's dev dependencies.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionEnv } from '../../src/cli/mock/connection-env.js';
import { generateDistrict, type MockServer, startMockServer } from '../../src/testing/index.js';
import { itWithPostgres } from '../helpers/postgres-url.js';

const root = new URL('../../', import.meta.url).pathname;
const servers: MockServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function mock(auth: 'oauth2' | 'oauth1' = 'oauth2') {
  const server = await startMockServer({
    district: generateDistrict({ preset: 'tiny' }),
    auth: { type: auth },
  });
  servers.push(server);
  return { server, env: connectionEnv(server, auth) };
}

/** Runs `npx --no tsx examples/<script>` in the repository with the given environment. */
async function run(script: string, env: Record<string, string>) {
  return promisify(execFile)('npx', ['--no', 'tsx', `examples/${script}`], {
    cwd: root,
    // npm_config_offline: npx must not even ask the registry.
    env: { ...process.env, ...env, npm_config_offline: 'true' },
    timeout: 60_000,
  });
}

describe('the examples, run as scripts with the tsx of the dev dependencies', () => {
  it('every script names its command in its header', () => {
    const scripts = readdirSync(join(root, 'examples')).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    for (const script of scripts) {
      expect(readFileSync(join(root, 'examples', script), 'utf8'), script).toContain(
        `npx tsx examples/${script}`,
      );
    }
  });

  it('pull-students.ts prints one line per student', async () => {
    const { server, env } = await mock();
    const { stdout } = await run('pull-students.ts', env);
    expect(stdout.trim().split('\n')).toHaveLength(server.provider.district.shape.students);
  });

  it('log-events.ts writes the events to stderr and the count to stdout', async () => {
    const { server, env } = await mock();
    const { stdout, stderr } = await run('log-events.ts', env);
    expect(stdout.trim()).toBe(`${server.provider.district.shape.counts.users} users`);
    expect(stderr).toMatch(/^oneroster: token \(initial\)/m);
    expect(stderr).toMatch(/^oneroster: #1 attempt 1: 200 in \d+ ms$/m);
  });

  it('oauth1-provider.ts prints the teachers', async () => {
    const { server, env } = await mock('oauth1');
    const { stdout } = await run('oauth1-provider.ts', env);
    expect(stdout.trim().split('\n')).toHaveLength(server.provider.district.shape.teachers);
  });

  it('nightly-delta-sync.ts syncs in full, then in delta', async () => {
    const { env } = await mock();
    const dir = mkdtempSync(join(tmpdir(), 'oneroster-example-'));
    dirs.push(dir);
    const settings = { ...env, ROSTER_DB: join(dir, 'roster.db'), TENANT: 'district-7' };
    expect((await run('nightly-delta-sync.ts', settings)).stdout).toMatch(/^full users: \+30 /m);
    expect((await run('nightly-delta-sync.ts', settings)).stdout).toMatch(/^delta users: \+0 ~0 -0$/m);
    expect((await run('apply-changes.ts', settings)).stdout).toMatch(/^applied 30 changes, up to seq \d+$/m);
  });

  itWithPostgres('postgres-districts.ts syncs each district it is given', async (postgresUrl) => {
    const { env } = await mock();
    const tenant = `script-${randomUUID()}`;
    const districts = [
      {
        tenant,
        baseUrl: env['ONEROSTER_BASE_URL'],
        tokenUrl: env['ONEROSTER_TOKEN_URL'],
        clientId: env['ONEROSTER_CLIENT_ID'],
        clientSecretVariable: 'DISTRICT_SECRET',
      },
    ];
    const schema = `examples_${randomUUID().replaceAll('-', '')}`;
    try {
      const { stdout } = await run('postgres-districts.ts', {
        DATABASE_URL: postgresUrl,
        ROSTER_SCHEMA: schema,
        ONEROSTER_DISTRICTS: JSON.stringify(districts),
        DISTRICT_SECRET: env['ONEROSTER_CLIENT_SECRET'] ?? '',
      });
      expect(stdout.trim()).toBe(`${tenant}: full sync done`);
    } finally {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
