import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/testing/index.js';
import { itWithPostgres } from '../helpers/postgres-url.js';
import { startMock } from './mock-env.js';
import { runMain } from './run-main.js';

let server: MockServer;
let env: Record<string, string>;
let dir: string;
beforeEach(async () => {
  ({ server, env } = await startMock());
  dir = mkdtempSync(join(tmpdir(), 'oneroster-cli-usage-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Names of the SDK's insides that a person at a terminal cannot act on. */
const INTERNAL_NAMES =
  /getCheckpoint|beginRun|oauth2ClientCredentials|createOneRosterClient|parseArgs|`baseUrl`|ERR_PARSE_ARGS/;

/** The stderr of a failure: exactly one line, with one `oneroster` prefix and no internal name. */
function expectOneLine(stderr: string): void {
  expect(stderr).toMatch(/^oneroster[^\n]*\n$/);
  expect(stderr).not.toContain('oneroster: oneroster:');
  expect(stderr).not.toMatch(INTERNAL_NAMES);
}

describe('usage mistakes: exit code 2 and one clear line', () => {
  it('a base URL that is not a URL', async () => {
    const result = await runMain(['pull', 'users', '--base-url', 'not-a-url'], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('--base-url must be an absolute http(s) URL');
    const fromEnv = await runMain(['pull', 'users'], { ...env, ONEROSTER_BASE_URL: 'sis.example.org' });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('ONEROSTER_BASE_URL must be an absolute http(s) URL');
  });

  it('a SQLite store in a directory that does not exist, naming the path', async () => {
    const path = join(dir, 'missing', 'x.db');
    const result = await runMain(['sync', '--store', `sqlite:${path}`], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain(`the directory ${join(dir, 'missing')} does not exist`);
    expect(result.stderr).toContain(path);
  });

  it('a SQLite store that is not a database, naming the path', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'not a database, but somebody’s notes\n'.repeat(100));
    const result = await runMain(['sync', '--store', `sqlite:${path}`], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain(`${path} is not a SQLite database`);
    const directory = await runMain(['sync', '--store', `sqlite:${dir}`], env);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain(`${dir} is a directory`);
  });

  it('a field the collection does not have', async () => {
    const result = await runMain(['pull', 'users', '--fields', 'sourcedId,shoeSize'], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('--fields: users have no field shoeSize');
    expect(server.stats.requests).toBe(0);
  });

  it('a collection that does not exist, listing the ones that do', async () => {
    const result = await runMain(['pull', 'studnets'], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('unknown collection studnets (did you mean students?)');
    expect(result.stderr).toContain(
      'orgs, schools, academicSessions, terms, gradingPeriods, courses, classes, users, students, teachers, enrollments, demographics',
    );
    const none = await runMain(['pull'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('pull needs a collection');
  });

  it('an unknown flag, without parseArgs’ own text', async () => {
    const result = await runMain(['pull', 'users', '--bogus'], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toBe('oneroster pull: unknown option --bogus (see oneroster pull --help)\n');
    const typo = await runMain(['sync', '--dryrun'], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown option --dryrun (did you mean --dry-run?)');
  });

  it('a negative number, read as the value it is and refused as one', async () => {
    const result = await runMain(['pull', 'users', '--concurrency', '-1'], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('--concurrency must be a positive whole number, not -1');
    expect(result.stderr).not.toContain('ambiguous');
    const max = await runMain(['pull', 'users', '--max', '-5'], env);
    expect(max.code).toBe(2);
    expect(max.stderr).toContain('--max must be a whole number, not -5');
  });

  it('a flag without its value, and an unknown command', async () => {
    const missing = await runMain(['pull', 'users', '--max'], env);
    expect(missing.code).toBe(2);
    expectOneLine(missing.stderr);
    expect(missing.stderr).toContain('--max needs a value');
    const command = await runMain(['pul', 'users'], env);
    expect(command.code).toBe(2);
    expectOneLine(command.stderr);
    expect(command.stderr).toContain('unknown command pul (did you mean pull?)');
  });
});

describe('refusals and an unreachable store: their own exit codes, one line each', () => {
  it('a refused --token names the token, not client credentials (exit code 3)', async () => {
    await server.close();
    ({ server, env } = await startMock({ auth: { type: 'bearer' } }));
    const result = await runMain(['pull', 'users', '--token', 'expired-token-value'], env);
    expect(result.code).toBe(3);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('The provider refused the bearer token');
    expect(result.stderr).toContain('Check --token (or ONEROSTER_TOKEN)');
    expect(result.stderr).not.toContain('--client-id');
    expect(result.stderr).not.toContain('expired-token-value');
  });

  it('refused client credentials name the OAuth 2.0 settings (exit code 3)', async () => {
    const result = await runMain(['pull', 'users', '--client-secret', 'wrong-secret-value'], env);
    expect(result.code).toBe(3);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('Check --client-id, --client-secret, --token-url');
  });

  it('an unreachable PostgreSQL store says it is the store (exit code 7)', async () => {
    const result = await runMain(
      ['sync', '--store', 'postgres://roster:store-password-value@127.0.0.1:1/roster', '--quiet'],
      env,
    );
    expect(result.code).toBe(7);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain(
      'Cannot reach the store (PostgreSQL postgres://roster:***@127.0.0.1:1/roster)',
    );
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr).not.toContain('store-password-value');
    expect(result.stderr).not.toContain('provider');
  });

  itWithPostgres('a PostgreSQL store whose database does not exist (exit code 7)', async (postgresUrl) => {
    const url = new URL(postgresUrl);
    url.pathname = '/oneroster_cli_no_such_database';
    const result = await runMain(['sync', '--store', url.toString(), '--quiet'], env);
    expect(result.code).toBe(7);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain("The store's database does not exist");
    expect(result.stderr).toContain('3D000');
  });
});
