import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from './cli-process.js';
import { runMain } from './run-main.js';

beforeAll(requireBuiltCli);

const HIDE_OPTIONAL_DEPS = fileURLToPath(new URL('./fixtures/hide-optional-deps.mjs', import.meta.url));

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'oneroster-cli-demo-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

describe('oneroster demo', () => {
  it('syncs a synthetic district into ./roster.db and reports it per collection and per school', async () => {
    const result = await runCli(['demo', '--size', 'tiny', '--json'], { cwd });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'roster.db'))).toBe(true);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ size: 'tiny', replaced: false, records: 3 + 7 + 6 + 12 + 30 + 60 });
    expect(summary.recordsPerSecond).toBeGreaterThan(0);
    expect(summary.schools).toHaveLength(2);
    expect(summary.schools[0]).toMatchObject({ students: 12, teachers: 3, classes: 6, enrollments: 30 });
    expect(summary.sampleQuery.rows.length).toBeGreaterThan(0);
    expect(summary.sampleQuery.sql).toContain('FROM roster_records');
  });

  it('prints a summary for people and can run again over its own database', async () => {
    expect((await runCli(['demo', '--size', 'tiny', '--quiet'], { cwd })).code).toBe(0);
    const again = await runCli(['demo', '--size', 'tiny'], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('into roster.db (replacing the database of an earlier demo)');
    expect(again.stdout).toMatch(/records per second/);
    expect(again.stdout).toContain('Per school (2):');
    expect(again.stdout).toContain('A sample query');
    expect(again.stderr).toMatch(/^users\s+30 records in/m);
  });

  it('suggests next commands that run as written from a clone or a project: npx oneroster ...', async () => {
    const result = await runCli(['demo', '--size', 'tiny', '--quiet'], { cwd });
    const next = result.stdout
      .slice(result.stdout.indexOf('\nNext:\n') + 7)
      .trim()
      .split('\n');
    expect(next.length).toBeGreaterThan(0);
    for (const line of next) {
      const [npx, bin, command, ...args] = line
        .trim()
        .split(/\s{2,}/)[0]!
        .split(' ');
      expect([npx, bin]).toEqual(['npx', 'oneroster']);
      expect((await runMain([command!, ...args, '--help'])).code, line).toBe(0);
    }
  });

  it('keeps a file that is not a demo database unless --force', async () => {
    const path = join(cwd, 'mine.db');
    writeFileSync(path, 'not a roster');
    const refused = await runCli(['demo', '--size', 'tiny', '--db', 'mine.db'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    const forced = await runCli(['demo', '--size', 'tiny', '--db', 'mine.db', '--force', '--quiet'], { cwd });
    expect(forced.code).toBe(0);
  });

  it('names better-sqlite3 when it is missing (exit code 6)', async () => {
    const result = await runCli(['demo', '--size', 'tiny'], {
      cwd,
      nodeArgs: ['--import', HIDE_OPTIONAL_DEPS],
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('npm install better-sqlite3');
  });

  it('refuses unknown sizes', async () => {
    expect((await runCli(['demo', '--size', 'huge'], { cwd })).code).toBe(2);
  });
});
