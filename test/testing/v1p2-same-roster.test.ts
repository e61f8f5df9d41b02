import { describe, expect, it } from 'vitest';
import { type District, generateDistrict, type RosterRecord } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { useMsw } from './helpers.js';
import { COLLECTIONS, rosterOf } from './roster-views.js';

const msw = useMsw();

/** One district behind two providers: 1.1 and 1.2. */
function serveBoth(district: District) {
  const v1p1 = createMockProvider({ district, auth: { type: 'none' }, baseUrl: 'https://v1p1.example.org' });
  const v1p2 = createMockProvider({
    district,
    auth: { type: 'none' },
    baseUrl: 'https://v1p2.example.org',
    version: '1.2',
  });
  msw.install([...v1p1.handlers, ...v1p2.handlers]);
  return { v1p1, v1p2 };
}

describe('one district served as 1.1 and as 1.2', () => {
  it('describes the same roster: the same sourcedIds, memberships and fields', async () => {
    const district = generateDistrict({ preset: 'small', seed: 5 });
    const { v1p1, v1p2 } = serveBoth(district);
    const [old, current] = await Promise.all([rosterOf(v1p1.baseUrl), rosterOf(v1p2.baseUrl)]);
    for (const key of COLLECTIONS) {
      expect(current[key]?.size, key).toBeGreaterThan(0);
      expect([...(current[key]?.keys() ?? [])], key).toEqual([...(old[key]?.keys() ?? [])]);
      expect(current[key], key).toEqual(old[key]);
    }
    // Memberships are compared, not assumed: a user belongs to its school in both.
    expect(current.users?.get('usr-0000000000')?.memberships).toEqual(['student@org:org-0000000001']);
  });

  it('still describes the same roster after deletions, insertions and a teacher at two schools', async () => {
    const district = generateDistrict({ preset: 'tiny', seed: 6 });
    const { v1p1, v1p2 } = serveBoth(district);
    district.mutate.tombstone('users', 'usr-0000000003');
    district.mutate.delete('enrollments', 'enr-0000000004');
    district.mutate.insert('users', { givenName: 'Zoë', role: 'student' });
    const teacher = district.get('users', 'usr-0000000024') as RosterRecord;
    const otherSchool = district.get('orgs', 'org-0000000002') as RosterRecord;
    const secondOrg = {
      href: '/ims/oneroster/v1p1/orgs/org-0000000002',
      sourcedId: otherSchool.sourcedId,
      type: 'org',
    };
    district.mutate.update('users', teacher.sourcedId, { orgs: [...(teacher.orgs as unknown[]), secondOrg] });
    const [old, current] = await Promise.all([rosterOf(v1p1.baseUrl), rosterOf(v1p2.baseUrl)]);
    for (const key of COLLECTIONS) expect(current[key], key).toEqual(old[key]);
    expect(current.users?.get(teacher.sourcedId)?.memberships).toEqual([
      'teacher@org:org-0000000001',
      'teacher@org:org-0000000002',
    ]);
    expect(current.users?.get('usr-0000000003')?.status).toBe('tobedeleted');
  });
});
