import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli, startCli } from './cli-process.js';

beforeAll(requireBuiltCli);

interface Connection {
  baseUrl: string;
  version: string;
  profile: string | null;
  quirks: Record<string, unknown>;
  tokenUrl?: string;
  clientId: string;
  clientSecret: string;
  env: Record<string, string>;
}

describe('oneroster serve-mock', () => {
  it('serves until SIGTERM, and pull reads it as a user would (OAuth 2.0, a clamping provider)', async () => {
    const running = await startCli(['serve-mock', '--size', 'tiny', '--json', '--quirk', 'maxPageSize=7']);
    const connection = JSON.parse(running.firstLine) as Connection;
    expect(connection.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ims\/oneroster\/v1p1$/);
    expect(connection).toMatchObject({ clientId: 'mock-client-id', clientSecret: 'mock-client-secret' });
    const pulled = await runCli(['pull', 'users', '--fields', 'sourcedId,familyName'], {
      env: connection.env,
    });
    expect(pulled.code).toBe(0);
    const lines = pulled.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(30);
    expect(Object.keys(lines[0])).toEqual(['sourcedId', 'familyName']);
    expect((await running.stop('SIGTERM')).code).toBe(0);
  });

  it('prints the base URL, token URL and mock credentials for people, and stops on Ctrl-C', async () => {
    const running = await startCli([
      'serve-mock',
      '--size',
      'tiny',
      '--quirk',
      'bareArray',
      '--prefix',
      '/district-7',
    ]);
    const stopped = await running.stop('SIGINT');
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(/Base URL\s+http:\/\/127\.0\.0\.1:\d+\/district-7\/ims\/oneroster\/v1p1/);
    expect(stopped.stdout).toMatch(/Token URL\s+http:\/\/127\.0\.0\.1:\d+\/district-7\/oauth2\/token/);
    expect(stopped.stdout).toMatch(/Client secret\s+mock-client-secret/);
    expect(stopped.stdout).toContain('Quirks: bareArray');
    expect(stopped.stdout).toContain('export ONEROSTER_BASE_URL=');
    expect(stopped.stderr).toContain('Stopped after');
  });

  it('speaks OAuth 1.0a: pull signs filtered requests the mock verifies', async () => {
    const running = await startCli(['serve-mock', '--size', 'tiny', '--auth', 'oauth1', '--json']);
    const { env } = JSON.parse(running.firstLine) as Connection;
    expect(env['ONEROSTER_AUTH']).toBe('oauth1');
    const pulled = await runCli(
      ['pull', 'users', '--filter', "role='teacher'", '--fields', 'sourcedId,role', '--format', 'csv'],
      { env },
    );
    // Nothing but the final progress line: no error, no warning.
    expect(pulled.stderr).toMatch(/^users\s+6 records in [^\n]+\n$/);
    expect(pulled.stdout.trim().split('\n')).toHaveLength(1 + 6);
    expect(pulled.stdout).toContain('sourcedId,role\n');
    await running.stop();
  });

  it('serves a static bearer token', async () => {
    const running = await startCli(['serve-mock', '--size', 'tiny', '--auth', 'bearer', '--json']);
    const { env } = JSON.parse(running.firstLine) as Connection;
    const pulled = await runCli(['pull', 'schools', '--max', '1'], { env });
    expect(pulled.code).toBe(0);
    expect(JSON.parse(pulled.stdout)).toMatchObject({ status: 'active' });
    await running.stop();
  });

  it('refuses an unknown quirk with exit code 2', async () => {
    const result = await runCli(['serve-mock', '--quirk', 'slowness=3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('maxPageSize');
  });

  it('--profile edfi: a 1.2 server like Ed-Fi, which the doctor recognises from the printed environment', async () => {
    const running = await startCli(['serve-mock', '--size', 'tiny', '--profile', 'edfi', '--json']);
    const connection = JSON.parse(running.firstLine) as Connection;
    expect(connection.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ims\/oneroster\/rostering\/v1p2$/);
    expect(connection).toMatchObject({ version: '1.2', profile: 'edfi' });
    expect(connection.quirks).toEqual({
      maxPageSize: 500,
      totalCount: 'omit',
      link: 'omit',
      rejectUnknownFields: true,
      noNestedEndpoints: true,
      singularEnvelopes: true,
      unstableTieOrder: true,
    });
    expect(connection.env['ONEROSTER_VERSION']).toBe('1.2');
    const doctor = await runCli(['doctor', '--json', '--quiet'], { env: connection.env });
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout) as {
      checks: { id: string; detected: Record<string, unknown> }[];
      cliFlags: string[];
    };
    expect(report.checks.find((entry) => entry.id === 'version')?.detected).toMatchObject({
      version: '1.2',
      configured: '1.2',
    });
    expect(report.checks.find((entry) => entry.id === 'single-envelope')?.detected).toMatchObject({
      unexpected: ['demographics'],
    });
    expect(report.cliFlags).not.toContain('--oneroster-version 1.2');
    expect((await running.stop()).code).toBe(0);
  });

  it('--oneroster-version 1.2 serves 1.2, and says so', async () => {
    const running = await startCli(['serve-mock', '--size', 'tiny', '--oneroster-version', '1.2']);
    expect(running.firstLine).toMatch(/^Mock OneRoster 1\.2 provider: /);
    const stopped = await running.stop('SIGINT');
    expect(stopped.stdout).toMatch(/Base URL\s+http:\/\/127\.0\.0\.1:\d+\/ims\/oneroster\/rostering\/v1p2\n/);
    expect(stopped.stdout).toContain('Quirks: none');
    expect(stopped.stdout).toMatch(/export ONEROSTER_BASE_URL=\S+ .*ONEROSTER_VERSION=1\.2/);
  });

  it('takes the quirks of 1.2 servers, and a profile with one quirk changed', async () => {
    const running = await startCli([
      'serve-mock',
      '--size',
      'tiny',
      '--json',
      '--profile',
      'edfi',
      '--quirk',
      'maxPageSize=50',
      '--quirk',
      'unstableTieOrder=false',
      '--quirk',
      'rekeySourcedIds=users,enrollments',
      '--quirk',
      'rekeyLink=omit',
    ]);
    const { quirks } = JSON.parse(running.firstLine) as Connection;
    expect(quirks).toMatchObject({
      maxPageSize: 50,
      rekeySourcedIds: ['users', 'enrollments'],
      rekeyLink: 'omit',
    });
    expect(quirks).not.toHaveProperty('unstableTieOrder');
    await running.stop();
  });

  it.each([
    [['--oneroster-version', '2'], '--oneroster-version must be 1.1 or 1.2, not 2'],
    [['--profile', 'oneroster'], '--profile must be edfi, not oneroster'],
    [
      ['--quirk', 'rekeySourcedIds=pupils'],
      '--quirk rekeySourcedIds= takes true, false or collections among',
    ],
  ])('refuses %j with exit code 2', async (args, message) => {
    const result = await runCli(['serve-mock', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
