import { describe, expect, it } from 'vitest';
import { type District, generateDistrict, type MockQuirks } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { client, type Json, useMsw } from './helpers.js';
import { COLLECTIONS, pullAll, rosterOf } from './roster-views.js';

const msw = useMsw();

/** One district behind a 1.1 provider and a re-keying 1.2 one, as Infinite Campus serves both. */
function serveBoth(quirks: MockQuirks, district: District = generateDistrict({ preset: 'tiny', seed: 14 })) {
  const v1p1 = createMockProvider({
    district,
    auth: { type: 'none' },
    baseUrl: 'https://v1p1.example.org',
    quirks,
  });
  const v1p2 = createMockProvider({
    district,
    auth: { type: 'none' },
    baseUrl: 'https://v1p2.example.org',
    version: '1.2',
    quirks,
  });
  msw.install([...v1p1.handlers, ...v1p2.handlers]);
  return { district, v1p1, v1p2, get: client(v1p2.baseUrl) };
}

/** Infinite Campus's link from a 1.2 record to its 1.1 sourcedId. */
const legacyIdOf = (record: Json): unknown =>
  ((record.metadata as Json | undefined)?.ic as Json | undefined)?.legacysourceId;

describe('re-keying sourcedIds on 1.2, as Infinite Campus does', () => {
  it('gives every record a new sourcedId and keeps the 1.1 one in metadata.ic.legacysourceId', async () => {
    const { v1p1, v1p2 } = serveBoth({ rekeySourcedIds: true });
    for (const key of COLLECTIONS) {
      const [old, current] = await Promise.all([pullAll(v1p1.baseUrl, key), pullAll(v1p2.baseUrl, key)]);
      const oldIds = old.map((record) => record.sourcedId);
      expect(current.length, key).toBe(old.length);
      expect(
        current.filter((record) => oldIds.includes(record.sourcedId)),
        key,
      ).toEqual([]);
      expect(current.map(legacyIdOf), key).toEqual(oldIds);
    }
  });

  it('describes the same roster once the new ids are mapped back through the link', async () => {
    const { v1p1, v1p2 } = serveBoth({ rekeySourcedIds: true });
    const links = new Map<string, string>();
    for (const key of COLLECTIONS)
      for (const record of await pullAll(v1p2.baseUrl, key))
        links.set(String(record.sourcedId), String(legacyIdOf(record)));
    const back = (id: string): string => links.get(id) ?? `unlinked ${id}`;
    const [old, current] = await Promise.all([rosterOf(v1p1.baseUrl), rosterOf(v1p2.baseUrl, back)]);
    for (const key of COLLECTIONS) expect(current[key], key).toEqual(old[key]);
  });

  it('serves reads, filters, sorts and nested endpoints by the new ids only', async () => {
    const { get } = serveBoth({ rekeySourcedIds: true });
    const user = (await get('/users/ic12-usr-0000000000')).body.user as Json;
    expect(user.sourcedId).toBe('ic12-usr-0000000000');
    expect((await get('/users/usr-0000000000')).status).toBe(404);
    const filtered = await get(`/users?filter=${encodeURIComponent("sourcedId='ic12-usr-0000000002'")}`);
    expect(filtered.body.users.map((record) => record.sourcedId)).toEqual(['ic12-usr-0000000002']);
    const sorted = (await get('/users?sort=sourcedId&limit=100')).body.users.map((record) =>
      String(record.sourcedId),
    );
    expect(sorted).toEqual([...sorted].sort());
    const students = await get('/classes/ic12-cls-0000000000/students');
    expect(students.status).toBe(200);
    expect(students.body.users.every((record) => String(record.sourcedId).startsWith('ic12-usr-'))).toBe(
      true,
    );
    expect((await get('/classes/cls-0000000000/students')).status).toBe(404);
    const enrollment = (await get('/enrollments?limit=1')).body.enrollments[0] as Json;
    expect(enrollment.user).toMatchObject({
      sourcedId: 'ic12-usr-0000000000',
      href: '/ims/oneroster/rostering/v1p2/users/ic12-usr-0000000000',
    });
  });

  it('re-keys only the chosen collections, and demographics follow users', async () => {
    const { get } = serveBoth({ rekeySourcedIds: ['users'] });
    const enrollment = (await get('/enrollments/enr-0000000000')).body.enrollment as Json;
    expect(legacyIdOf(enrollment)).toBeUndefined();
    expect((enrollment.user as Json).sourcedId).toBe('ic12-usr-0000000000');
    expect((enrollment.class as Json).sourcedId).toBe('cls-0000000000');
    const demographics = (await get('/demographics?limit=1')).body.demographics[0] as Json;
    expect(demographics.sourcedId).toBe('ic12-usr-0000000000');
    expect(legacyIdOf(demographics)).toBe('usr-0000000000');
  });

  it('can omit the link, so old and new records cannot be matched', async () => {
    const { get, district } = serveBoth({ rekeySourcedIds: true, rekeyLink: 'omit' });
    district.mutate.update('users', 'usr-0000000001', { metadata: { ic: { note: 'kept' } } });
    const users = (await get('/users?limit=100')).body.users;
    expect(users.every((record) => String(record.sourcedId).startsWith('ic12-'))).toBe(true);
    expect(users.map(legacyIdOf).filter((id) => id !== undefined)).toEqual([]);
    expect(users[1]?.metadata).toEqual({ ic: { note: 'kept' } });
  });

  it('keeps metadata a record already has next to the link', async () => {
    const { get, district } = serveBoth({ rekeySourcedIds: true });
    district.mutate.update('users', 'usr-0000000001', { metadata: { ic: { note: 'kept' }, grade: 'x' } });
    const user = (await get('/users/ic12-usr-0000000001')).body.user as Json;
    expect(user.metadata).toEqual({ ic: { note: 'kept', legacysourceId: 'usr-0000000001' }, grade: 'x' });
  });

  it('leaves 1.1 alone, and switches at run time', async () => {
    const { v1p1, v1p2, get } = serveBoth({ rekeySourcedIds: true });
    expect((await client(v1p1.baseUrl)('/users/usr-0000000000')).status).toBe(200);
    v1p2.setQuirks({ rekeySourcedIds: false });
    expect(((await get('/users/usr-0000000000')).body.user as Json).sourcedId).toBe('usr-0000000000');
    v1p2.setQuirks({ rekeySourcedIds: ['classes'] });
    expect((await get('/classes/ic12-cls-0000000000')).status).toBe(200);
    expect((await get('/users/usr-0000000000')).status).toBe(200);
  });
});
