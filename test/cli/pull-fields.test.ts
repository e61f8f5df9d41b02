import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINIMAL_FIELDS } from '../../src/index.js';
import type { MockServer } from '../../src/testing/index.js';
import { startMock } from './mock-env.js';
import { runMain } from './run-main.js';

let server: MockServer;
let env: Record<string, string>;
beforeEach(async () => {
  ({ server, env } = await startMock());
});
afterEach(() => server.close());

const records = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('oneroster pull: the fields it asks for', () => {
  it('asks for the minimal preset by default, so no password leaves the provider', async () => {
    const result = await runMain(['pull', 'users', '--max', '1'], env);
    expect(result.code).toBe(0);
    expect(server.stats.fieldsRequested['users']).toEqual([...MINIMAL_FIELDS.user]);
    expect(records(result.stdout)[0]).not.toHaveProperty('password');
  });

  it('asks for every field only with --fields all', async () => {
    const result = await runMain(['pull', 'users', '--max', '1', '--fields', 'all'], env);
    expect(result.code).toBe(0);
    expect(server.stats.fieldsRequested['users']).toEqual(['*']);
  });

  it('asks for the fields named, and for the preset with --fields minimal', async () => {
    await runMain(['pull', 'classes', '--fields', 'sourcedId,title'], env);
    expect(server.stats.fieldsRequested['classes']).toEqual(['sourcedId', 'title']);
    await runMain(['pull', 'orgs', '--fields', 'minimal'], env);
    expect(server.stats.fieldsRequested['orgs']).toEqual([...MINIMAL_FIELDS.org]);
  });

  it('writes the preset as the CSV columns, whatever the first record holds', async () => {
    const result = await runMain(['pull', 'teachers', '--format', 'csv', '--max', '2'], env);
    expect(result.stdout.split('\n')[0]).toBe(MINIMAL_FIELDS.user.join(','));
  });

  it('asks for demographics only by the fields named: they have no minimal preset', async () => {
    const refused = await runMain(['pull', 'demographics'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--fields all');
    expect(server.stats.requests).toBe(0);
    const named = await runMain(
      ['pull', 'demographics', '--fields', 'sourcedId,birthDate', '--max', '1'],
      env,
    );
    expect(named.code).toBe(0);
    expect(server.stats.fieldsRequested['demographics']).toEqual(['sourcedId', 'birthDate']);
  });
});

describe('oneroster pull --stable-sort', () => {
  const requestLines = (stderr: string) => stderr.split('\n').filter((line) => line.includes(' GET '));

  it('asks for sort=sourcedId by default, and not with auto on a provider whose own order is sourcedId order', async () => {
    const sorted = await runMain(['pull', 'orgs', '--debug'], env);
    expect(sorted.code).toBe(0);
    expect(requestLines(sorted.stderr).length).toBeGreaterThan(0);
    expect(requestLines(sorted.stderr).every((line) => line.includes('sort=sourcedId'))).toBe(true);

    const learned = await runMain(['pull', 'orgs', '--debug', '--stable-sort', 'auto'], env);
    expect(learned.code).toBe(0);
    expect(learned.stdout).toBe(sorted.stdout);
    expect(requestLines(learned.stderr).some((line) => line.includes('sort='))).toBe(false);
    expect(learned.stderr).toContain('orgs arrives in sourcedId order without sort=sourcedId');
  });

  it('refuses a value other than true, false or auto (exit code 2)', async () => {
    const result = await runMain(['pull', 'orgs', '--stable-sort', 'sometimes'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--stable-sort must be true, false or auto, not sometimes');
    expect(server.stats.requests).toBe(0);
  });
});
