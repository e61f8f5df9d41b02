import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CLI as bin, requireBuiltCli } from './cli-process.js';

const BASE = 'https://sis.test/ims/oneroster/v1p1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const users = Array.from({ length: 5 }, (_, index) => ({
  sourcedId: `u${index}`,
  status: 'active',
  dateLastModified: '2026-09-01T00:00:00Z',
  username: `user${index}`,
  enabledUser: 'true',
  givenName: index === 0 ? 'Anne, "Nan"' : 'Bo',
  familyName: 'Lee',
  role: 'student',
  orgs: [{ href: '/orgs/s1', sourcedId: 's1', type: 'org' }],
}));

function serveUsers(log: URL[] = []) {
  server.use(
    http.post('https://sis.test/token', () =>
      HttpResponse.json({ access_token: 'tok-123', expires_in: 3600 }),
    ),
    http.get(`${BASE}/users`, ({ request }) => {
      const url = new URL(request.url);
      log.push(url);
      const offset = Number(url.searchParams.get('offset'));
      return HttpResponse.json({
        users: users.slice(offset, offset + Number(url.searchParams.get('limit'))),
      });
    }),
  );
  return log;
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await main(argv, { stdout, stderr, env, isTty: false, cwd: process.cwd() });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const connection = {
  ONEROSTER_BASE_URL: BASE,
  ONEROSTER_TOKEN_URL: 'https://sis.test/token',
  ONEROSTER_CLIENT_ID: 'cli-id',
  ONEROSTER_CLIENT_SECRET: 'cli-secret-value',
};

describe('oneroster pull', () => {
  it('streams NDJSON with the connection taken from the environment', async () => {
    serveUsers();
    const result = await run(['pull', 'users', '--fields', 'sourcedId,givenName'], connection);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[1]).toEqual({ sourcedId: 'u1', givenName: 'Bo' });
  });

  it('writes CSV with quoted cells and GUIDRefs by sourcedId, and stops at --max', async () => {
    serveUsers();
    const result = await run(
      ['pull', 'users', '--format', 'csv', '--fields', 'sourcedId,givenName,orgs', '--max', '2'],
      connection,
    );
    expect(result.stdout).toBe('sourcedId,givenName,orgs\nu0,"Anne, ""Nan""",s1\nu1,Bo,s1\n');
  });

  it('asks for pages of at most --max records', async () => {
    const log = serveUsers();
    const result = await run(['pull', 'users', '--max', '2'], connection);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(log.map((url) => url.searchParams.get('limit'))).toEqual(['2']);
    const smallerPages = serveUsers([]);
    await run(['pull', 'users', '--max', '3', '--page-size', '2'], connection);
    expect(smallerPages.map((url) => url.searchParams.get('limit'))).toEqual(['2', '2']);
  });

  it('asks for the minimal fields unless told --fields all', async () => {
    const log = serveUsers();
    await run(['pull', 'users'], connection);
    expect(log[0]?.searchParams.get('fields')).toBe(
      'sourcedId,status,dateLastModified,givenName,familyName,email,role,grades,orgs,identifier,username,enabledUser',
    );
    const all = serveUsers([]);
    await run(['pull', 'users', '--fields', 'all'], connection);
    expect(all[0]?.searchParams.has('fields')).toBe(false);
  });

  it('passes --filter through and lets flags win over the environment', async () => {
    const log = serveUsers();
    const result = await run(['pull', 'users', '--filter', "role='student'", '--page-size', '2'], {
      ...connection,
      ONEROSTER_PAGE_SIZE: '9',
    });
    expect(result.code).toBe(0);
    expect(log[0]?.searchParams.get('filter')).toBe("role='student'");
    expect(log[0]?.searchParams.get('limit')).toBe('2');
  });

  it('explains bad credentials with exit code 3 and never echoes the secret', async () => {
    server.use(
      http.post('https://sis.test/token', () =>
        HttpResponse.json(
          { error: 'invalid_client', error_description: 'bad secret cli-secret-value' },
          { status: 401 },
        ),
      ),
    );
    const result = await run(['pull', 'users'], connection);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('invalid_client');
    expect(result.stderr).not.toContain('cli-secret-value');
  });

  it('answers usage mistakes with exit code 2', async () => {
    expect((await run(['pull'], connection)).code).toBe(2);
    expect((await run(['pull', 'pupils'], connection)).code).toBe(2);
    expect((await run(['pull', 'users', '--format', 'xml'], connection)).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    const missing = await run(['pull', 'users'], { ONEROSTER_BASE_URL: BASE });
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('--token-url');
  });
});

describe('the oneroster executable', () => {
  beforeAll(requireBuiltCli);

  it('prints its version and help', () => {
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.stdout).toContain('pull <collection>');
  });

  it('exits non-zero without a stack trace when the provider is unreachable', () => {
    const result = spawnSync(
      process.execPath,
      [bin, 'pull', 'users', '--auth', 'bearer', '--token', 't', '--retries', '0'],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          ONEROSTER_BASE_URL: 'http://127.0.0.1:9/ims/oneroster/v1p1',
          ONEROSTER_CONCURRENCY: '1',
        },
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('Cannot reach the provider');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
