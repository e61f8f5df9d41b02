import { afterAll, describe, expect, it } from 'vitest';
import {
  type CsvPackage,
  isCsvPackageError,
  openCsvPackage,
  type QuarantinedRow,
} from '../../src/csv/index.js';
import type { SyncCollectionName } from '../../src/sync/index.js';
import {
  BULK_DISTRICT,
  cleanup,
  manifest,
  type PackageText,
  writeDir,
  writeZip,
} from './package-fixtures.js';

afterAll(cleanup);

async function recordsOf(pkg: CsvPackage, collection: SyncCollectionName) {
  const records: Record<string, unknown>[] = [];
  for await (const record of pkg.records(collection)) records.push(record);
  return records;
}

async function refusal(files: PackageText) {
  const error: unknown = await openCsvPackage(await writeDir(files)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isCsvPackageError(error)) throw new Error(`expected a CsvPackageError, got ${String(error)}`);
  return { file: error.file, line: error.line, column: error.column, reason: error.reason };
}

const USERS_HEADER =
  'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';

function usersOnly(users: string, mode: 'bulk' | 'delta' = 'bulk'): PackageText {
  return { 'manifest.csv': manifest({ users: mode }), 'users.csv': users };
}

describe('openCsvPackage', () => {
  it('reads a bulk package into the records the REST binding gives', async () => {
    const pkg = await openCsvPackage(await writeDir(BULK_DISTRICT));
    expect(pkg.mode).toBe('full');
    expect(pkg.collections).toEqual([
      'orgs',
      'academicSessions',
      'courses',
      'classes',
      'users',
      'enrollments',
    ]);
    const [ann, bob, cy] = await recordsOf(pkg, 'users');
    expect(ann).toEqual({
      sourcedId: 'u1',
      status: 'active',
      enabledUser: true,
      orgs: [{ sourcedId: 's1', type: 'org' }],
      role: 'student',
      username: 'asmith',
      userIds: [{ type: 'studentId', identifier: 'S1' }],
      givenName: 'Ann',
      familyName: 'Smith',
      identifier: 'S1',
      email: 'ann@example.org',
      grades: ['05'],
      password: 'secret1',
    });
    expect(bob).toMatchObject({
      enabledUser: true,
      orgs: [
        { sourcedId: 's1', type: 'org' },
        { sourcedId: 's2', type: 'org' },
      ],
      userIds: [
        { type: 'staffId', identifier: 'T2' },
        { type: 'stateId', identifier: '99' },
      ],
      middleName: 'Lee',
      phone: '555-0100',
    });
    expect(cy).toMatchObject({ familyName: 'O"Doe', agents: [{ sourcedId: 'u2', type: 'user' }] });
    const [klass] = await recordsOf(pkg, 'classes');
    expect(klass).toMatchObject({
      course: { sourcedId: 'c1', type: 'course' },
      school: { sourcedId: 's1', type: 'org' },
      terms: [{ sourcedId: 't1', type: 'academicSession' }],
      periods: ['1', '2'],
      grades: ['05'],
    });
    const orgs = await recordsOf(pkg, 'orgs');
    expect(orgs[1]).toMatchObject({ identifier: '0123', parent: { sourcedId: 'd1', type: 'org' } });
    expect(orgs[2]).toMatchObject({ name: 'Roosevelt Middle, North' });
    const enrollments = await recordsOf(pkg, 'enrollments');
    expect(enrollments.map((record) => record['primary'])).toEqual([undefined, true, false]);
    await pkg.close();
  });

  it('reads the same package from a zip, also one with its files in a folder', async () => {
    for (const path of [await writeZip(BULK_DISTRICT), await writeZip(BULK_DISTRICT, 'export/')]) {
      const pkg = await openCsvPackage(path);
      expect((await recordsOf(pkg, 'users')).map((user) => user['sourcedId'])).toEqual(['u1', 'u2', 'u3']);
      await pkg.close();
    }
  });

  it('takes a byte-order mark, CRLF, quoted commas, quotes and line breaks, padded rows and date-only dates', async () => {
    const users = [
      `\uFEFF${USERS_HEADER},,`,
      'u1,active,2026-03-04,True,s1,student,a,,"Ann, Jr.","Line\r\nBreak",,,,,,,,,,',
      'u2,active,2026-03-04T05:06:07Z,FALSE,s1,student,b,,"say ""hi""",Lo\nw,,,,,,,,',
    ].join('\r\n');
    const pkg = await openCsvPackage(await writeDir(usersOnly(users, 'delta')));
    const [first, second] = await recordsOf(pkg, 'users');
    expect(first).toMatchObject({
      sourcedId: 'u1',
      enabledUser: true,
      givenName: 'Ann, Jr.',
      familyName: 'Line\r\nBreak',
      dateLastModified: '2026-03-04T00:00:00.000Z',
    });
    expect(second).toMatchObject({ enabledUser: false, givenName: 'say "hi"', familyName: 'Lo\nw' });
    await pkg.close();
  });

  it('refuses a mistyped header, a missing required column or columns out of order, naming file and column', async () => {
    const typo = USERS_HEADER.replace('givenName', 'GivenName');
    expect(await refusal(usersOnly(`${typo}\n`))).toEqual({
      file: 'users.csv',
      line: 1,
      column: 'GivenName',
      reason: expect.stringContaining('"givenName"'),
    });
    const missing = USERS_HEADER.replace(',orgSourcedIds', '');
    expect(await refusal(usersOnly(`${missing}\n`))).toMatchObject({ column: 'orgSourcedIds', line: 1 });
    const swapped = USERS_HEADER.replace('givenName,familyName', 'familyName,givenName');
    expect(await refusal(usersOnly(`${swapped}\n`))).toMatchObject({ column: 'givenName' });
    const unknown = `${USERS_HEADER},favouriteColour`;
    expect(await refusal(usersOnly(`${unknown}\n`))).toMatchObject({ column: 'favouriteColour' });
  });

  it('refuses a package without a manifest, of another version, or missing a file it names', async () => {
    expect(await refusal({ 'users.csv': USERS_HEADER })).toMatchObject({ file: 'manifest.csv' });
    const v12 = manifest({ users: 'bulk' }).replace('oneroster.version,1.1', 'oneroster.version,1.2');
    expect(await refusal({ 'manifest.csv': v12, 'users.csv': USERS_HEADER })).toMatchObject({
      column: 'oneroster.version',
    });
    expect(await refusal({ 'manifest.csv': manifest({ users: 'bulk' }) })).toMatchObject({
      file: 'users.csv',
    });
    const badMode = manifest({}).replace('file.users,absent', 'file.users,full');
    expect(await refusal({ 'manifest.csv': badMode })).toMatchObject({ file: 'manifest.csv', line: 16 });
  });

  it('quarantines bad rows with file, line, field and reason, and reads on', async () => {
    const quarantined: QuarantinedRow[] = [];
    const users = [
      USERS_HEADER,
      'u1,,,true,s1,student,a,,Ann,Smith,,,,,,,,',
      'u2,,,maybe,s1,student,b,,Bob,Jones,,,,,,,,',
      'u3,,,true,s1,student,c,not-a-list,Cy,Doe,,,,,,,,',
      'u4,,,true,s1,student,d,,Di,Roe,,,,,,,,,,extra',
      'u5,,,true,s1,student,e,,Ed,Poe,,,,,,,,',
    ].join('\n');
    const pkg = await openCsvPackage(await writeDir(usersOnly(users)), {
      onQuarantine: (row) => quarantined.push(row),
    });
    expect((await recordsOf(pkg, 'users')).map((user) => user['sourcedId'])).toEqual(['u1', 'u5']);
    expect(quarantined).toEqual([
      { file: 'users.csv', line: 3, field: 'enabledUser', reason: 'invalid_type' },
      { file: 'users.csv', line: 4, field: 'userIds', reason: 'not a {type:identifier} list' },
      { file: 'users.csv', line: 5, field: '', reason: expect.stringContaining('more values') },
    ]);
    await pkg.close();
  });

  it('needs status and dateLastModified in a delta file; a bulk row leaves both blank', async () => {
    const quarantined: QuarantinedRow[] = [];
    const rows = [
      USERS_HEADER,
      'u1,,,true,s1,student,a,,Ann,Smith,,,,,,,,',
      'u2,tobedeleted,,true,s1,student,b,,B,C,,,,,,,,',
    ];
    const delta = await openCsvPackage(await writeDir(usersOnly(rows.join('\n'), 'delta')), {
      onQuarantine: (row) => quarantined.push(row),
    });
    expect(delta.mode).toBe('delta');
    expect(await recordsOf(delta, 'users')).toEqual([]);
    expect(quarantined.map((row) => row.field)).toEqual(['status', 'dateLastModified']);
    const bulk = await openCsvPackage(await writeDir(usersOnly(rows.join('\n'))));
    const [first] = await recordsOf(bulk, 'users');
    expect(first).toMatchObject({ status: 'active' });
    expect(first).not.toHaveProperty('dateLastModified');
  });
});
