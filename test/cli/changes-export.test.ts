import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { runMain } from './run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'oneroster-cli-changes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const user = (sourcedId: string, username: string) => ({
  sourcedId,
  status: 'active' as const,
  dateLastModified: '2026-01-05T10:00:00.000Z',
  username,
});

/** A SQLite store with two runs of users: three inserts, then one update and one tombstone. */
async function seededStore(): Promise<string> {
  const path = join(dir, `roster-${Math.random().toString(36).slice(2)}.db`);
  const store = createSqliteStore({ path });
  const first = await store.beginRun('d7', { mode: 'full' });
  await store.stage(first, 'users', [user('u1', 'ada'), user('u2', 'bo'), user('u3', 'cy')]);
  await store.commit(first, 'users');
  await store.finishRun(first, { status: 'succeeded' });
  const second = await store.beginRun('d7', { mode: 'full' });
  await store.stage(second, 'users', [user('u1', 'ada'), user('u2', 'bob, jr')]);
  await store.commit(second, 'users');
  await store.finishRun(second, { status: 'succeeded' });
  await store.close();
  return `sqlite:${path}`;
}

describe('oneroster changes', () => {
  it('prints the change log as NDJSON after a seq, and as CSV', async () => {
    const store = await seededStore();
    const all = await runMain(['changes', '--store', store, '--tenant', 'd7']);
    expect(all.code).toBe(0);
    const lines = all.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line['seq'], line['sourcedId'], line['op']])).toEqual([
      [1, 'u1', 'insert'],
      [2, 'u2', 'insert'],
      [3, 'u3', 'insert'],
      [4, 'u2', 'update'],
      [5, 'u3', 'tombstone'],
    ]);
    const after = await runMain([
      'changes',
      '--store',
      store,
      '--tenant',
      'd7',
      '--after',
      '3',
      '--limit',
      '1',
    ]);
    expect(
      after.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).seq),
    ).toEqual([4]);
    const csv = await runMain([
      'changes',
      '--store',
      store,
      '--tenant',
      'd7',
      '--after',
      '3',
      '--format',
      'csv',
    ]);
    expect(csv.code).toBe(0);
    const [header, update] = csv.stdout.split('\n');
    expect(header).toBe('seq,runId,collection,sourcedId,op,changedFields,at,before,after');
    expect(update).toMatch(
      /^4,[0-9a-f-]+,users,u2,update,username,[^,]+,"{""username"":""bo""}","{""username"":""bob, jr""}"$/,
    );
    const none = await runMain(['changes', '--store', store, '--tenant', 'd7', '--collections', 'orgs']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });

  it('refuses a bad --format or --after with a usage error', async () => {
    const store = await seededStore();
    const format = await runMain(['changes', '--store', store, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be ndjson or csv');
    const after = await runMain(['changes', '--store', store, '--after', '-1']);
    expect(after.code).toBe(2);
  });
});

describe('oneroster export', () => {
  it('writes every record, tombstones included, the runs and the change log, each line tagged', async () => {
    const store = await seededStore();
    const out = join(dir, 'export.ndjson');
    const result = await runMain(['export', '--store', store, '--tenant', 'd7', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Exported tenant "d7"');
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ kind: 'export', tenant: 'd7', format: 1 });
    const kinds = lines.map((line) => line['kind']);
    expect(kinds.filter((kind) => kind === 'record')).toHaveLength(3);
    expect(kinds.filter((kind) => kind === 'run')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'change')).toHaveLength(5);
    expect(lines).toContainEqual({
      kind: 'record',
      collection: 'users',
      record: { ...user('u3', 'cy'), status: 'tobedeleted' },
    });
    const toStdout = await runMain(['export', '--store', store, '--tenant', 'd7']);
    expect(toStdout.stdout.trim().split('\n')).toHaveLength(lines.length);
  });
});
