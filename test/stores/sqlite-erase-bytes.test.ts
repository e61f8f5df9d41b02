import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { eraseRecords, eraseTenant, type RosterStore, syncRoster } from '../../src/sync/index.js';
import { generateDistrict } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { mockClient, useMsw } from '../sync/sync-helpers.js';

const TENANT = 'district-erase';
/** The student's name as first synced, after an update, and in the staging of a crashed run. */
const SENTINELS = ['Quillonbrae-first', 'Quillonbrae-updated', 'Quillonbrae-staged'] as const;

const server = useMsw();
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** Which of `names` appear anywhere in the bytes of the database file and its WAL. */
function namesInFiles(path: string, names: readonly string[]): string[] {
  const bytes = [path, `${path}-wal`].map((file) =>
    existsSync(file) ? readFileSync(file) : Buffer.alloc(0),
  );
  return names.filter((name) => bytes.some((content) => content.includes(Buffer.from(name, 'utf8'))));
}

/** A store whose process dies right after it staged the batch holding `sourcedId`, as SIGKILL would. */
function dyingAfterStaging(store: RosterStore, sourcedId: string): RosterStore {
  return {
    ...store,
    async stage(run, collection, records, options) {
      await store.stage(run, collection, records, options);
      if (records.some((record) => record.sourcedId === sourcedId)) throw new Error('process killed');
    },
    finishRun: () => Promise.reject(new Error('process killed')),
  };
}

/**
 * A district synced into a fresh file: the student is synced under the first sentinel, updated to
 * the second, then a third run crashes with the third one staged. Returns the path, the student and
 * another student whose name must survive an erasure of single records.
 */
async function syncStudentThreeTimes() {
  const directory = mkdtempSync(join(tmpdir(), 'oneroster-erase-'));
  directories.push(directory);
  const path = join(directory, 'roster.db');
  const district = generateDistrict({ preset: 'tiny' });
  const students = [...district.records('users')].filter((record) => record['role'] === 'student');
  const [student, other] = students;
  if (student === undefined || other === undefined) throw new Error('the tiny district has no two students');
  const otherName = String(other['givenName']);
  const mock = createMockProvider({ district, auth: { type: 'none' } });
  server.use(...mock.handlers);
  const client = mockClient(mock.baseUrl);
  const store = createSqliteStore({ path });
  district.mutate.update('users', student.sourcedId, { givenName: SENTINELS[0] });
  await syncRoster({ client, store, tenant: TENANT, mode: 'full' });
  district.mutate.update('users', student.sourcedId, { givenName: SENTINELS[1] });
  await syncRoster({ client, store, tenant: TENANT, mode: 'full' });
  district.mutate.update('users', student.sourcedId, { givenName: SENTINELS[2] });
  const crashing = dyingAfterStaging(store, student.sourcedId);
  await expect(syncRoster({ client, store: crashing, tenant: TENANT, mode: 'full' })).rejects.toThrow(
    'process killed',
  );
  await store.close();
  return { path, studentId: student.sourcedId, otherName };
}

describe('the SQLite store leaves no trace of erased data in its files', () => {
  it('erases a tenant: no version of the student is in the .db or -wal bytes, staging included', async () => {
    const { path, studentId, otherName } = await syncStudentThreeTimes();
    const store = createSqliteStore({ path });
    try {
      // The scan sees what the store holds: the stored and the staged version, the first one in the
      // change log (the insert's values, the update's before), and everyone else.
      expect(namesInFiles(path, [...SENTINELS, otherName])).toEqual([...SENTINELS, otherName]);
      expect((await store.get(TENANT, 'users', studentId))?.['givenName']).toBe(SENTINELS[1]);
      const receipt = await eraseTenant(store, TENANT, { confirm: TENANT });
      expect(receipt.tables['records']).toBeGreaterThan(0);
      expect(receipt.tables['staged']).toBeGreaterThan(0);
      expect(namesInFiles(path, [...SENTINELS, otherName])).toEqual([]);
    } finally {
      await store.close();
    }
    expect(namesInFiles(path, [...SENTINELS, otherName])).toEqual([]);
  });

  it('erases one student: neither the stored nor the staged copy is in the bytes, the others are', async () => {
    const { path, studentId, otherName } = await syncStudentThreeTimes();
    const store = createSqliteStore({ path });
    try {
      const receipt = await eraseRecords(store, TENANT, 'users', [studentId]);
      expect([receipt.tables['records'], receipt.tables['staged'], receipt.tables['changes']]).toEqual([
        1, 1, 2,
      ]);
      expect(namesInFiles(path, [...SENTINELS, otherName])).toEqual([otherName]);
      expect(await store.get(TENANT, 'users', studentId)).toBeUndefined();
    } finally {
      await store.close();
    }
    expect(namesInFiles(path, [...SENTINELS, otherName])).toEqual([otherName]);
  });
});
