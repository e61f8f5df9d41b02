import { describe, expect, it, vi } from 'vitest';
import { generateDistrict, type RosterRecord } from '../../src/testing/index.js';
import { countGenerated } from '../helpers/count-generated.js';

const { countingPrng } = await vi.hoisted(() => import('../helpers/count-generated.js'));
vi.mock('../../src/testing/district/prng.js', (original) => countingPrng(original));

const collections = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
  'demographics',
] as const;

describe('generateDistrict', () => {
  it('generates the same district for the same seed, and another for another seed', () => {
    const a = generateDistrict({ preset: 'small', seed: 42 });
    const b = generateDistrict({ preset: 'small', seed: 42 });
    const c = generateDistrict({ preset: 'small', seed: 43 });
    for (const collection of collections) {
      expect([...a.records(collection)]).toEqual([...b.records(collection)]);
    }
    const names = (d: typeof a) => [...d.records('users')].map((u) => `${u.givenName} ${u.familyName}`);
    expect(names(a)).not.toEqual(names(c));
  });

  it('computes any record alone, without generating the ones before it', () => {
    const district = generateDistrict({ preset: 'small', seed: 5 });
    const all = [...district.records('enrollments')];
    expect(district.generate('enrollments', 1234)).toEqual(all[1234]);
    expect(district.get('users', all[1234]?.sourcedId as string)).toBeUndefined();
    const user = ((all[1234] as RosterRecord).user as { sourcedId: string }).sourcedId;
    expect(district.get('users', user)?.sourcedId).toBe(user);
  });

  it('sizes the presets like real districts', () => {
    const largest = generateDistrict({ preset: 'largest' });
    expect(largest.shape.schools).toBe(1_870);
    expect(largest.shape.students).toBeGreaterThan(1_000_000);
    expect(largest.shape.teachers).toBeGreaterThan(70_000);
    expect(largest.count('classes')).toBeGreaterThan(270_000);
    expect(largest.count('enrollments')).toBeGreaterThan(6_500_000);
    const large = generateDistrict({ preset: 'large' });
    expect(large.shape.students).toBeGreaterThanOrEqual(100_000);
    expect(generateDistrict({ preset: 'tiny' }).count('users')).toBeLessThan(50);
  });

  it('computes the last enrollment of the largest district alone, and nothing before it', async () => {
    const largest = generateDistrict({ preset: 'largest' });
    const last = largest.count('enrollments') - 1;
    const { result: record, generated } = await countGenerated(() => largest.generate('enrollments', last));
    expect(generated).toBe(1);
    expect(record.sourcedId).toBe(`enr-${String(last).padStart(10, '0')}`);
    const userId = (record.user as { sourcedId: string }).sourcedId;
    const classId = (record.class as { sourcedId: string }).sourcedId;
    expect(largest.get('users', userId)?.role).toBe(record.role);
    expect(largest.get('classes', classId)?.school).toEqual(record.school);
  });

  it('uses sourcedIds that sort in generation order', () => {
    const district = generateDistrict({ preset: 'small' });
    for (const collection of collections) {
      const ids = [...district.records(collection)].map((r) => r.sourcedId);
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('produces realistic, spec-shaped values', () => {
    const district = generateDistrict({ preset: 'large', seed: 3 });
    const users = Array.from({ length: 5_000 }, (_, i) => district.generate('users', i * 19));
    const names = users
      .flatMap((u) => [u.givenName, u.familyName, u.middleName])
      .filter((n) => typeof n === 'string');
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => /[éễíá]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes(' '))).toBe(true);
    for (const user of users) {
      expect(user.enabledUser === 'true' || user.enabledUser === 'false').toBe(true);
      expect(user.email).toMatch(/^[a-z0-9]+@[a-z0-9.]+$/);
      expect(['student', 'teacher']).toContain(user.role);
      expect((user.orgs as unknown[]).length).toBe(1);
    }
    const grades = new Set(users.flatMap((u) => u.grades as string[]));
    expect([...grades].every((g) => /^(KG|0[1-9]|1[0-2])$/.test(g))).toBe(true);
    expect(grades.has('KG') && grades.has('12')).toBe(true);
    const sessions = [...district.records('academicSessions')];
    expect(sessions.map((s) => s.type)).toEqual([
      'schoolYear',
      'term',
      'term',
      'gradingPeriod',
      'gradingPeriod',
      'gradingPeriod',
      'gradingPeriod',
    ]);
    expect(sessions.every((s) => s.schoolYear === '2026' && String(s.startDate) < String(s.endDate))).toBe(
      true,
    );
    const orgs = [...district.records('orgs')];
    expect(orgs[0]?.type).toBe('district');
    expect(orgs.slice(1).every((o) => o.type === 'school')).toBe(true);
  });

  it('gives every class a teacher of record and enrollments that agree with the classes', () => {
    const district = generateDistrict({ preset: 'small', seed: 9 });
    const enrollments = [...district.records('enrollments')];
    const teacherOf = new Map<string, number>();
    for (const enrollment of enrollments) {
      const classId = (enrollment.class as { sourcedId: string }).sourcedId;
      const klass = district.get('classes', classId);
      expect(((klass as RosterRecord).school as { sourcedId: string }).sourcedId).toBe(
        (enrollment.school as { sourcedId: string }).sourcedId,
      );
      const user = district.get('users', (enrollment.user as { sourcedId: string }).sourcedId);
      expect(user?.role).toBe(enrollment.role);
      if (enrollment.role === 'teacher') teacherOf.set(classId, (teacherOf.get(classId) ?? 0) + 1);
    }
    expect(teacherOf.size).toBe(district.count('classes'));
    expect([...teacherOf.values()].every((n) => n === 1)).toBe(true);
    const studentEnrollments = enrollments.filter((e) => e.role === 'student').length;
    expect(studentEnrollments).toBe(district.shape.students * district.shape.enrollmentsPerStudent);
  });

  describe('mutations', () => {
    it('updates, tombstones, deletes and inserts, moving dateLastModified forward', () => {
      let clock = Date.UTC(2026, 0, 1);
      const district = generateDistrict({ preset: 'tiny', now: () => clock });
      const [first, second, third] = [...district.records('users')];
      const revision = district.revision;
      const updated = district.mutate.update('users', first?.sourcedId as string, { givenName: 'Zoë' });
      expect(updated.givenName).toBe('Zoë');
      expect(updated.dateLastModified).toBe('2026-01-01T00:00:00.000Z');
      expect(district.get('users', first?.sourcedId as string)?.givenName).toBe('Zoë');
      const tombstoned = district.mutate.tombstone('users', second?.sourcedId as string);
      expect(tombstoned.status).toBe('tobedeleted');
      // The clock did not move: stamps still increase.
      expect(tombstoned.dateLastModified > updated.dateLastModified).toBe(true);
      expect(district.mutate.delete('users', third?.sourcedId as string)).toBe(true);
      expect(district.get('users', third?.sourcedId as string)).toBeUndefined();
      expect(district.mutate.delete('users', third?.sourcedId as string)).toBe(false);
      clock += 60_000;
      const inserted = district.mutate.insert('users', { givenName: 'Nguyễn Văn', role: 'student' });
      expect(inserted.sourcedId > district.generate('users', district.shape.counts.users - 1).sourcedId).toBe(
        true,
      );
      expect(inserted.familyName).toEqual(expect.any(String));
      expect(inserted.dateLastModified).toBe('2026-01-01T00:01:00.000Z');
      expect(district.revision).toBe(revision + 4);
      const ids = [...district.records('users')].map((u) => u.sourcedId);
      expect(ids).toHaveLength(district.shape.counts.users);
      expect(ids).not.toContain(third?.sourcedId);
      expect(ids.at(-1)).toBe(inserted.sourcedId);
    });

    it('keeps an inserted record with a chosen id in sourcedId order', () => {
      const district = generateDistrict({ preset: 'tiny' });
      const [a, b] = [...district.records('classes')];
      district.mutate.insert('classes', { sourcedId: `${a?.sourcedId}-x`, title: 'Inserted' });
      const ids = [...district.records('classes')].map((c) => c.sourcedId);
      expect(ids.slice(0, 3)).toEqual([a?.sourcedId, `${a?.sourcedId}-x`, b?.sourcedId]);
      expect(() => district.mutate.insert('classes', { sourcedId: a!.sourcedId })).toThrow(/exists/);
      expect(() => district.mutate.update('classes', 'nope', {})).toThrow(/no classes record/);
    });

    it('hands out copies, so changing a returned record does not change the district', () => {
      const district = generateDistrict({ preset: 'tiny' });
      const id = district.generate('users', 0).sourcedId;
      const record = district.mutate.update('users', id, { givenName: 'Ana' });
      record.givenName = 'Changed';
      const read = district.get('users', id);
      if (read !== undefined) read.familyName = 'Changed';
      expect(district.get('users', id)?.givenName).toBe('Ana');
      expect(district.get('users', id)?.familyName).not.toBe('Changed');
    });
  });
});
