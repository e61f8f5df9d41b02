import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createConnectionRegistry, localKeyProvider } from '../../src/registry/index.js';
import { createSqliteConnectionStorage, createSqliteStore } from '../../src/sqlite/index.js';
import { CLI, type CliResult, cleanEnv, requireBuiltCli } from '../cli/cli-process.js';
import { newKey } from './backends.js';

const SECRET = 'cli-client-secret-Hq27-never-printed';

let dir: string;
let store: string;
let k1: string;
let keysEnv: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oneroster-connections-'));
  store = `sqlite:${join(dir, 'roster.db')}`;
  k1 = newKey();
  keysEnv = { ONEROSTER_KEYS: JSON.stringify({ current: 'k1', keys: { k1 } }) };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The command line in this process, with `input` piped to its stdin. */
async function run(argv: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await main(['connections', ...argv, '--store', store], {
    stdout,
    stderr,
    env,
    isTty: false,
    cwd: dir,
    ...(input === undefined ? {} : { stdin: Readable.from([Buffer.from(input)]) }),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const ADD = [
  'add',
  'd7',
  '--base-url',
  'https://sis.example.org/ims/oneroster/v1p1',
  '--token-url',
  'https://sis.example.org/oauth/token',
  '--client-id',
  'd7-client',
  '--time-zone',
  'America/Chicago',
  '--schedule',
  'full: 0 2 * * 0',
  '--schedule',
  'delta: 0 2 * * 1-6',
  '--window',
  'daily 01:00-05:00',
  '--blackout',
  '2026-12-21..2027-01-03',
  '--limit-window',
  'mon-fri 18:00-06:00 concurrency=5',
  '--concurrency',
  '1',
];

function databaseBytes(): string {
  const path = join(dir, 'roster.db');
  return ['', '-wal']
    .filter((suffix) => existsSync(`${path}${suffix}`))
    .map((suffix) => readFileSync(`${path}${suffix}`).toString('latin1'))
    .join('');
}

describe('oneroster connections', () => {
  it('adds a connection with its secret from stdin, lists it and shows it, never printing the secret', async () => {
    const added = await run([...ADD, '--secret-stdin'], keysEnv, `${SECRET}\n`);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(
      /^Added connection d7 \(oauth2-client-credentials, sis\.example\.org\); its secret is sealed under key k1\. Next slot: \S+ (full|delta)\.\n$/,
    );

    // Listing and showing need no keys: they open no secret.
    const listed = await run(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^TENANT\s+STATUS\s+HOST\s+NEXT SLOT\s+LAST OUTCOME\nd7\s+active\s+sis\.example\.org\s+\S+Z (full|delta)\s+-\n$/,
    );
    const shown = await run(['show', 'd7']);
    expect(shown.stdout).toContain(
      'auth:                oauth2-client-credentials, token URL https://sis.example.org/oauth/token, client id d7-client, clientSecret (sealed, key k1)',
    );
    expect(shown.stdout).toContain(
      'schedule:            full: 0 2 * * 0 (America/Chicago); delta: 0 2 * * 1-6 (America/Chicago)',
    );
    expect(shown.stdout).toContain(
      'windows:             mon,tue,wed,thu,fri,sat,sun 01:00-05:00 America/Chicago',
    );
    expect(shown.stdout).toContain('blackouts:           2026-12-21..2027-01-03');
    expect(shown.stdout).toContain(
      'limits:              concurrency 1; mon,tue,wed,thu,fri 18:00-06:00 America/Chicago: concurrency 5',
    );
    const json = JSON.parse((await run(['show', 'd7', '--json'])).stdout);
    expect(json).toMatchObject({ tenant: 'd7', auth: { secrets: { clientSecret: { keyId: 'k1' } } } });

    for (const output of [added, listed, shown].flatMap((result) => [result.stdout, result.stderr])) {
      expect(output).not.toContain(SECRET);
    }
    expect(databaseBytes()).toContain('d7-client');
    expect(databaseBytes()).not.toContain(SECRET);
    expect(databaseBytes()).not.toContain(Buffer.from(SECRET).toString('base64'));
  });

  it('takes the secret from the environment, and refuses one on the command line', async () => {
    const fromEnv = await run(ADD, { ...keysEnv, ONEROSTER_CLIENT_SECRET: SECRET });
    expect(fromEnv.code).toBe(0);
    for (const flag of [['--client-secret', SECRET], [`--client-secret=${SECRET}`], ['--token', SECRET]]) {
      const refused = await run([...ADD.map((arg) => arg.replace('d7', 'd8')), ...flag], keysEnv);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('secrets are never read from the command line');
      expect(refused.stdout + refused.stderr).not.toContain(SECRET);
    }
    const missing = await run([...ADD.map((arg) => arg.replace('d7', 'd9'))], keysEnv);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain(
      'missing the secret: pipe it in with --secret-stdin, or set ONEROSTER_CLIENT_SECRET',
    );
    expect((await run(['list'])).stdout).not.toMatch(/d8|d9/);
  });

  it('needs the keys to add, says what is wrong with them, and never quotes them', async () => {
    const noKeys = await run(ADD, { ONEROSTER_CLIENT_SECRET: SECRET });
    expect(noKeys.code).toBe(2);
    expect(noKeys.stderr).toContain('needs the key-encryption keys: set ONEROSTER_KEYS');
    const short = Buffer.alloc(16, 7).toString('base64');
    const badKeys = await run(ADD, {
      ONEROSTER_KEYS: JSON.stringify({ current: 'k1', keys: { k1: short } }),
      ONEROSTER_CLIENT_SECRET: SECRET,
    });
    expect(badKeys.code).toBe(2);
    expect(badKeys.stderr).toContain('key "k1" must be base64 of 32 bytes');
    expect(badKeys.stderr).not.toContain(short);
    const badCron = await run([...ADD.slice(0, 10), '--schedule', 'daily at two'], {
      ...keysEnv,
      ONEROSTER_CLIENT_SECRET: SECRET,
    });
    expect(badCron.code).toBe(2);
    expect(badCron.stderr).toContain('schedule[0].cron');
  });

  it('pauses, resumes and removes, and lists the last outcome', async () => {
    await run(ADD, { ...keysEnv, ONEROSTER_CLIENT_SECRET: SECRET });
    expect((await run(['pause', 'd7'])).stdout).toBe(
      'Paused d7: no run starts until oneroster connections resume d7.\n',
    );
    expect((await run(['list'])).stdout).toMatch(/d7\s+paused\s+sis\.example\.org\s+- \(paused\)/);

    const path = join(dir, 'roster.db');
    const registry = createConnectionRegistry({
      store: createSqliteStore({ path }),
      storage: createSqliteConnectionStorage({ path }),
      keys: localKeyProvider({ keys: { k1 }, current: 'k1' }),
    });
    await registry.recordOutcome('d7', {
      slot: '2026-03-02T08:00:00.000Z',
      status: 'held',
      finishedAt: '2026-03-02T08:20:00.000Z',
    });
    await registry.resumeConnection('d7');
    await registry.recordOutcome('d7', {
      slot: '2026-03-03T08:00:00.000Z',
      status: 'failed',
      finishedAt: '2026-03-03T08:20:00.000Z',
      error: new TypeError('boom'),
    });
    await registry.storage.close();
    await registry.store.close();
    expect((await run(['list'])).stdout).toMatch(
      /d7\s+active\s+sis\.example\.org\s+.+\s+failed 2026-03-03T08:20Z: TypeError\n$/,
    );
    expect((await run(['resume', 'd7'])).stdout).toMatch(/^Resumed d7\. Next slot: /);
    const removed = await run(['remove', 'd7']);
    expect(removed.stdout).toContain(
      'Removed connection d7 and its sealed secret. Its roster stays in the store',
    );
    expect(await run(['remove', 'd7'])).toMatchObject({ code: 2 });
    expect((await run(['list'])).stdout).toContain('No connections yet');
  });

  it('rotates the keys, after which the old key can go', async () => {
    await run(ADD, { ...keysEnv, ONEROSTER_CLIENT_SECRET: SECRET });
    const k2 = newKey();
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, JSON.stringify({ current: 'k2', keys: { k1, k2 } }), { mode: 0o600 });
    const rotated = await run(['rotate-keys', '--keys-file', keysFile]);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/^Re-wrapped 1 data key of 1 connection under key k2 /);
    expect(rotated.stdout).toContain('the other keys can be removed');
    expect((await run(['show', 'd7'])).stdout).toContain('clientSecret (sealed, key k2)');

    const path = join(dir, 'roster.db');
    const registry = createConnectionRegistry({
      store: createSqliteStore({ path }),
      storage: createSqliteConnectionStorage({ path }),
      keys: localKeyProvider({ keys: { k2 }, current: 'k2' }),
    });
    const client = await registry.clientFor('d7');
    expect(client.options.concurrency).toBeGreaterThanOrEqual(1);
    await registry.storage.close();
    await registry.store.close();
  });

  it('documents its subcommands in --help', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      'Usage: oneroster connections <add|list|show|pause|resume|remove|rotate-keys>',
    );
    expect(await run(['frobnicate'])).toMatchObject({ code: 2 });
  });
});

describe('oneroster connections, the built executable', () => {
  it('reads the secret piped to its stdin', async () => {
    requireBuiltCli();
    const child = spawn(process.execPath, [CLI, 'connections', ...ADD, '--secret-stdin', '--store', store], {
      env: cleanEnv(keysEnv),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdin.end(`${SECRET}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('Added connection d7');
    expect(stdout).not.toContain(SECRET);
    expect(databaseBytes()).not.toContain(SECRET);
  });
});
