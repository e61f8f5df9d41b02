import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareSections,
  openCsvPackage,
  reconcile,
  reconciliationToJson,
  writeCsvPackage,
} from '../../src/csv/index.js';
import { createOneRosterClient } from '../../src/index.js';
import { createMemoryStore, type RosterRecord, type RosterStore, syncRoster } from '../../src/sync/index.js';
import { generateDistrict, startMockServer } from '../../src/testing/index.js';
import { cleanup, tempDir } from './package-fixtures.js';

afterAll(cleanup);

const COLLECTIONS = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const;

/** Writes a tenant as one full run: the records of each collection as given. */
async function load(store: RosterStore, tenant: string, records: Record<string, RosterRecord[]>) {
  const run = await store.beginRun(tenant, { mode: 'full' });
  for (const [collection, list] of Object.entries(records)) {
    await store.stage(run, collection, list);
    await store.commit(run, collection);
  }
  await store.finishRun(run, { status: 'succeeded' });
}

async function all(store: RosterStore, tenant: string, collection: string): Promise<RosterRecord[]> {
  const records: RosterRecord[] = [];
  for await (const record of store.iterate(tenant, collection)) records.push(record);
  return records;
}

describe('reconcile', () => {
  it('reports exactly the school code, the missing school, the emails in another case and the absent students', async () => {
    const district = generateDistrict({ preset: 'small' });
    const server = await startMockServer({ district, auth: { type: 'none' } });
    const client = createOneRosterClient({
      baseUrl: server.baseUrl,
      auth: { kind: 'none', authorize: async () => ({}) },
      retry: { retries: 0 },
    });
    try {
      // The vendor's CSV export of the same district, drifted the way real exports drift.
      const pulled = createMemoryStore();
      await syncRoster({ client, store: pulled, tenant: 'api' });
      const copy: Record<string, RosterRecord[]> = {};
      for (const collection of COLLECTIONS) copy[collection] = await all(pulled, 'api', collection);
      const schools = (copy['orgs'] ?? []).filter((org) => org['type'] === 'school');
      const [recoded, dropped] = schools;
      if (recoded === undefined || dropped === undefined) throw new Error('the district has too few schools');
      const code = String(recoded['identifier']);
      expect(code.startsWith('0')).toBe(true);
      copy['orgs'] = (copy['orgs'] ?? [])
        .filter((org) => org.sourcedId !== dropped.sourcedId)
        .map((org) =>
          org.sourcedId === recoded.sourcedId ? { ...org, identifier: code.replace(/^0+/, '') } : org,
        );
      const users = copy['users'] ?? [];
      const absent = users
        .filter((user) => user['role'] === 'student')
        .slice(0, 3)
        .map((user) => user.sourcedId);
      const shouting = users
        .filter((user) => user['role'] === 'teacher')
        .slice(0, 4)
        .map((user) => user.sourcedId);
      copy['users'] = users
        .filter((user) => !absent.includes(user.sourcedId))
        .map((user) =>
          shouting.includes(user.sourcedId) ? { ...user, email: String(user['email']).toUpperCase() } : user,
        );
      const vendor = createMemoryStore();
      await load(vendor, 'vendor', copy);
      const zip = join(await tempDir(), 'vendor.zip');
      await writeCsvPackage(vendor, 'vendor', { to: zip, mode: 'bulk' });

      const report = await reconcile({ left: { client, label: 'api' }, right: await openCsvPackage(zip) });
      expect(report.schoolCodes).toEqual([
        {
          leftSourcedId: recoded.sourcedId,
          rightSourcedId: recoded.sourcedId,
          name: recoded['name'],
          leftCode: code,
          rightCode: code.replace(/^0+/, ''),
          kind: 'format',
        },
      ]);
      const { orgs, users: userReport } = report.collections;
      expect(orgs).toMatchObject({
        mismatches: [
          {
            leftSourcedId: recoded.sourcedId,
            rightSourcedId: recoded.sourcedId,
            matchedBy: 'sourcedId',
            fields: ['identifier'],
          },
        ],
        onlyLeft: [dropped.sourcedId],
        onlyRight: [],
      });
      expect(userReport?.onlyLeft).toEqual(absent);
      expect(userReport?.onlyRight).toEqual([]);
      expect(userReport?.mismatches).toEqual(
        shouting.map((id) => ({
          leftSourcedId: id,
          rightSourcedId: id,
          matchedBy: 'sourcedId',
          fields: ['email'],
        })),
      );
      for (const collection of ['academicSessions', 'courses', 'classes', 'enrollments'] as const) {
        expect(report.collections[collection]).toMatchObject({
          mismatchCount: 0,
          onlyLeftCount: 0,
          onlyRightCount: 0,
        });
        expect(report.collections[collection]?.matched).toBe(copy[collection]?.length);
      }
      // Compared case-insensitively, the emails are the same.
      const lenient = await reconcile({
        left: { client },
        right: await openCsvPackage(zip),
        collections: ['users'],
        normalize: { email: 'case-insensitive' },
      });
      expect(lenient.collections.users?.mismatchCount).toBe(0);
      expect(JSON.parse(reconciliationToJson(report))).toEqual(JSON.parse(JSON.stringify(report)));

      // One section, side by side, where the vendor dropped one student's enrollment.
      const enrollment = (copy['enrollments'] ?? []).find(
        (record) => (record['user'] as { sourcedId: string }).sourcedId === absent[0],
      );
      if (enrollment === undefined) throw new Error('the absent student has no enrollment');
      const classId = (enrollment['class'] as { sourcedId: string }).sourcedId;
      await load(vendor, 'vendor2', {
        ...copy,
        enrollments: (copy['enrollments'] ?? []).filter((record) => record !== enrollment),
      });
      const zip2 = join(await tempDir(), 'vendor2.zip');
      await writeCsvPackage(vendor, 'vendor2', { to: zip2, mode: 'bulk' });
      const section = await compareSections(classId, [
        { client, label: 'api' },
        await openCsvPackage(zip),
        await openCsvPackage(zip2),
      ]);
      expect(section.consistent).toBe(false);
      expect(section.sources).toEqual(['api', zip, zip2]);
      expect(section.students.find((student) => student.sourcedId === absent[0])?.in).toEqual([
        true,
        true,
        false,
      ]);
      expect(
        section.students.filter((student) => !student.in.every(Boolean)).map((student) => student.sourcedId),
      ).toEqual([absent[0]]);
    } finally {
      await server.close();
    }
  });

  it('matches a school re-keyed under a code written differently by its code, as a school-code finding', async () => {
    const store = createMemoryStore();
    const org = (sourcedId: string, identifier: string) => ({
      sourcedId,
      status: 'active' as const,
      dateLastModified: '2026-01-01T00:00:00.000Z',
      name: 'Lincoln Elementary',
      type: 'school',
      identifier,
    });
    await load(store, 'sis', { orgs: [org('s-1', '0123')] });
    await load(store, 'vendor', { orgs: [org('LINCOLN', ' 123')] });
    const report = await reconcile({
      left: { store, tenant: 'sis' },
      right: { store, tenant: 'vendor' },
      collections: ['orgs'],
    });
    expect(report.collections.orgs).toMatchObject({
      matchedByKey: 1,
      onlyLeftCount: 0,
      onlyRightCount: 0,
      mismatches: [
        { leftSourcedId: 's-1', rightSourcedId: 'LINCOLN', matchedBy: 'identifier', fields: ['identifier'] },
      ],
    });
    expect(report.schoolCodes).toMatchObject([{ leftCode: '0123', rightCode: ' 123', kind: 'format' }]);
  });
});
