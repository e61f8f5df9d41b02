import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { createSqliteStore } from '../../src/sqlite/index.js';
import type { RosterRecord } from '../../src/sync/index.js';
import { runMain } from './run-main.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oneroster-erase-cli-'));
  path = join(dir, 'roster.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const user = (sourcedId: string): RosterRecord => ({
  sourcedId,
  status: 'active',
  dateLastModified: '2026-01-05T10:00:00.000Z',
  givenName: 'Quillonbrae',
});

async function seed(tenants: string[]): Promise<void> {
  const store = createSqliteStore({ path });
  for (const tenant of tenants) {
    const run = await store.beginRun(tenant, { mode: 'full' });
    await store.stage(run, 'users', [user('u1'), user('u2'), user('u3')]);
    await store.commit(run, 'users');
    await store.finishRun(run, { status: 'succeeded' });
  }
  await store.close();
}

async function countOf(tenant: string): Promise<number> {
  const store = createSqliteStore({ path });
  try {
    return await store.count(tenant, 'users');
  } finally {
    await store.close();
  }
}

const erase = (...flags: string[]) => runMain(['erase', '--store', `sqlite:${path}`, ...flags]);

describe('oneroster erase', () => {
  it('erases a tenant and prints a receipt without personal data; other tenants stay', async () => {
    await seed(['district-7', 'district-8']);
    const result = await erase('--tenant', 'district-7', '--confirm', 'district-7', '--json');
    expect(result.code).toBe(EXIT.ok);
    const receipt: unknown = JSON.parse(result.stdout);
    expect(receipt).toMatchObject({ tenant: 'district-7', tables: { records: 3, runs: 1 } });
    expect(result.stdout).not.toContain('Quillonbrae');
    expect([await countOf('district-7'), await countOf('district-8')]).toEqual([0, 3]);

    const again = await erase('--tenant', 'district-8', '--confirm', 'district-8');
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toMatch(
      /^Erased tenant "district-8" from SQLite .* at \S+\. Rows deleted: .*records 3/,
    );
  });

  it('erases single records with --records', async () => {
    await seed(['district-7']);
    const result = await erase(
      '--tenant',
      'district-7',
      '--confirm',
      'district-7',
      '--records',
      'users:u1,u9',
    );
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('Erased 2 users ids of tenant "district-7"');
    expect(result.stdout).toContain('records 1');
    expect(await countOf('district-7')).toBe(2);
  });

  it('refuses without a matching --confirm, or with malformed --records, erasing nothing', async () => {
    await seed(['district-7']);
    const cases = [
      ['--tenant', 'district-7', '--confirm', 'district-8'],
      ['--tenant', 'district-7'],
      ['--confirm', 'district-7'],
      ['--tenant', 'district-7', '--confirm', 'district-7', '--records', 'u1,u2'],
      ['--tenant', 'district-7', '--confirm', 'district-7', '--records', 'users:'],
    ];
    for (const flags of cases) {
      const result = await erase(...flags);
      expect(result.code, flags.join(' ')).toBe(EXIT.usage);
      expect(result.stderr).toMatch(
        /^oneroster erase: .*(--confirm|--tenant|--records).*\(see oneroster erase --help\)/,
      );
    }
    expect(await countOf('district-7')).toBe(3);
  });

  it('refuses while a run of the tenant is in progress (exit code 1), erasing nothing', async () => {
    await seed(['district-7']);
    const store = createSqliteStore({ path });
    try {
      const run = await store.beginRun('district-7', { mode: 'full' });
      const result = await erase('--tenant', 'district-7', '--confirm', 'district-7');
      expect(result.code).toBe(EXIT.failure);
      expect(result.stderr).toContain(`run ${run.id} of it is in progress; nothing was erased`);
      expect(result.stderr).toContain('then erase again');
      expect(await store.count('district-7', 'users')).toBe(3);
    } finally {
      await store.close();
    }
  });
});
