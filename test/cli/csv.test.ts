import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BULK_DISTRICT, cleanup, tempDir, writeDir } from '../csv/package-fixtures.js';
import { runMain } from './run-main.js';

afterAll(cleanup);

describe('oneroster csv and sync --csv', () => {
  it('validate lists every problem with file, line and column, and exits 1', async () => {
    const broken = {
      ...BULK_DISTRICT,
      'orgs.csv': (BULK_DISTRICT['orgs.csv'] ?? '').replace('parentSourcedId', 'ParentSourcedId'),
      'users.csv': `${BULK_DISTRICT['users.csv']}\nu9,,,maybe,s1,student,z,,Zed,Zee,,,,,,,,`,
    };
    const result = await runMain(['csv', 'validate', await writeDir(broken)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('orgs.csv:line 1 [ParentSourcedId]');
    expect(result.stdout).toContain('(file refused)');
    expect(result.stdout).toContain('users.csv:line 5 [enabledUser]: invalid_type');
    expect(result.stdout).toContain('2 problems');
  });

  it('syncs a package into SQLite, exports the tenant as a zip, and the export validates', async () => {
    const dir = await tempDir();
    const store = `sqlite:${join(dir, 'roster.db')}`;
    const synced = await runMain([
      'sync',
      '--csv',
      await writeDir(BULK_DISTRICT),
      '--store',
      store,
      '--tenant',
      'd7',
      '--json',
      '--quiet',
    ]);
    expect(synced.stderr).toBe('');
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({
      mode: 'full',
      collections: { users: { inserted: 3 } },
    });
    const out = join(dir, 'export.zip');
    const exported = await runMain(['csv', 'export', '--store', store, '--tenant', 'd7', '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('users 3');
    const validated = await runMain(['csv', 'validate', out]);
    expect(validated.stdout).toContain('Valid');
    expect(validated.code).toBe(0);

    // --since: a delta package of what the change log holds after the seq, valid as a delta package.
    const deltaOut = join(dir, 'delta.zip');
    const delta = await runMain([
      'csv',
      'export',
      '--store',
      store,
      '--tenant',
      'd7',
      '--out',
      deltaOut,
      '--since',
      '0',
      '--json',
    ]);
    expect(delta.code).toBe(0);
    const summary = JSON.parse(delta.stdout);
    expect(summary.rows).toMatchObject({ users: 3, orgs: 3 });
    expect(summary.lastSeq).toBeGreaterThan(0);
    const validDelta = await runMain(['csv', 'validate', deltaOut]);
    expect(validDelta.stdout).toContain('Valid');
    const none = await runMain([
      'csv',
      'export',
      '--store',
      store,
      '--tenant',
      'd7',
      '--out',
      join(dir, 'none'),
      '--since',
      String(summary.lastSeq),
    ]);
    expect(none.stdout).toContain('users 0');
    expect(none.stdout).toContain(`next time --since ${summary.lastSeq}`);
    const wrong = await runMain([
      'csv',
      'export',
      '--store',
      store,
      '--out',
      join(dir, 'x'),
      '--since',
      'yesterday',
    ]);
    expect(wrong.code).toBe(2);
  });

  it('reconcile compares a tenant with a package: a changed school code and a missing student', async () => {
    const dir = await tempDir();
    const store = `sqlite:${join(dir, 'roster.db')}`;
    await runMain([
      'sync',
      '--csv',
      await writeDir(BULK_DISTRICT),
      '--store',
      store,
      '--tenant',
      'd7',
      '--quiet',
      '--fields',
      'all',
    ]);
    const vendor = {
      ...BULK_DISTRICT,
      'orgs.csv': (BULK_DISTRICT['orgs.csv'] ?? '').replace(',0123,', ',123,'),
      'users.csv': (BULK_DISTRICT['users.csv'] ?? '').split('\n').slice(0, 3).join('\n'),
    };
    const result = await runMain([
      'reconcile',
      'tenant:d7',
      await writeDir(vendor),
      '--store',
      store,
      '--format',
      'csv',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'collection,finding,leftSourcedId,rightSourcedId,detail',
      'orgs,school-code-format,s1,s1,0123 / 123',
      'orgs,mismatch,s1,s1,identifier',
      'users,only-left,u3,,',
    ]);
    const html = await runMain([
      'reconcile',
      'tenant:d7',
      await writeDir(vendor),
      '--store',
      store,
      '--format',
      'html',
    ]);
    expect(html.stdout).toContain('<td>0123</td><td>123</td>');
  });

  it('sync --csv refuses a mistyped header before opening the store', async () => {
    const typo = {
      ...BULK_DISTRICT,
      'users.csv': (BULK_DISTRICT['users.csv'] ?? '').replace('givenName', 'givenname'),
    };
    const dir = await tempDir();
    const result = await runMain([
      'sync',
      '--csv',
      await writeDir(typo),
      '--store',
      `sqlite:${join(dir, 'r.db')}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('users.csv');
    expect(result.stderr).toContain('givenname');
  });
});
