import { afterEach, describe, expect, it } from 'vitest';
import type { RosterRecord } from '../../../src/sync/index.js';
import { buildRosterReport, type RosterReport } from '../../../src/sync/report/index.js';
import {
  classesOfUser,
  enrollmentsOfClass,
  enrollmentsOfUser,
} from '../../../src/testing/district/district-layout.js';
import { formatId } from '../../../src/testing/district/ids.js';
import { guidRef } from '../../../src/testing/district/records.js';
import type { StoreHarness, StoreHarnessFactory } from '../store-harness.js';
import { rejection } from '../sync-helpers.js';
import {
  DISTRICT,
  expectedGaps,
  expectedSchools,
  LOADED,
  loadDistrict,
  loadRoster,
  makeDistrict,
  NOW,
  recordsOf,
  stageAll,
  TENANT,
  toOneRosterV12User,
} from './report-fixtures.js';

/** The report without what differs between two reads of the same roster. */
function tablesOf(report: RosterReport) {
  const { generatedAt, run, lastFullSync, ...tables } = report;
  return tables;
}

/** buildRosterReport over one store kind, checked against the district generator's own counts. */
export function reportScenarios(factory: StoreHarnessFactory): void {
  let harness: StoreHarness | undefined;
  afterEach(async () => {
    await harness?.cleanup();
    harness = undefined;
  });
  const open = () => {
    harness = factory();
    return harness.open();
  };

  describe('a roster report of a generated district', () => {
    it('counts every school, grade, teacher, class and enrollment the district generated', async () => {
      const store = open();
      const district = makeDistrict();
      const { shape } = district;
      const loaded = await loadDistrict(store, district);
      const report = await buildRosterReport(store, TENANT, { now: NOW });

      expect(report.tenant).toBe(TENANT);
      expect(report.generatedAt).toBe('2025-09-01T12:00:00.000Z');
      expect(report.source).toBe('committed');
      expect(report.lastFullSync?.id).toBe(loaded.id);
      const bySourcedId = <T extends { sourcedId: string }>(list: readonly T[]) =>
        [...list].sort((left, right) => left.sourcedId.localeCompare(right.sourcedId));
      expect(bySourcedId(report.schools)).toEqual(expectedSchools(district));
      const names = report.schools.map((school) => school.name);
      expect(names).toEqual([...names].sort(new Intl.Collator('en', { numeric: true }).compare));
      for (const collection of LOADED)
        expect(report.totals[collection]).toEqual({ active: district.count(collection), tobedeleted: 0 });
      expect(report.roles).toEqual({ student: shape.students, teacher: shape.teachers });
      expect(report.grades).toEqual([
        'KG',
        '01',
        '02',
        '03',
        '04',
        '05',
        '06',
        '07',
        '08',
        '09',
        '10',
        '11',
        '12',
      ]);

      expect(report.teachers).toHaveLength(shape.teachers);
      for (let index = shape.students; index < shape.counts.users; index++) {
        const user = district.get('users', formatId('users', index))!;
        expect(report.teachers).toContainEqual({
          sourcedId: user.sourcedId,
          givenName: user['givenName'],
          familyName: user['familyName'],
          email: user['email'],
          schools: [(user['orgs'] as { sourcedId: string }[])[0]!.sourcedId],
          classes: classesOfUser(shape, index).length,
        });
      }
      const gaps = expectedGaps(district);
      expect(gaps.classesWithoutStudents).toBe(shape.schools); // the tenth class of each school
      expect(report.sanity).toEqual({
        studentsWithoutEnrollments: 0,
        studentsWithoutGrade: 0,
        usersWithoutSchool: 0,
        teachersWithoutClasses: gaps.teachersWithoutClasses,
        classesWithoutStudents: gaps.classesWithoutStudents,
        classesWithoutTeacher: 0,
        classesWithoutTerm: 0,
        classesWithoutPeriod: 0,
        coursesWithoutClasses: 0,
      });
      expect(report.missingReferences).toEqual([]);
      expect(report.changes).toEqual({ source: 'none', collections: {} });
      expect(report.flags).toEqual([]);
    });

    it('counts what a broken district should not contain', async () => {
      const store = open();
      const district = makeDistrict();
      const { shape } = district;
      const { mutate } = district;
      const enrollment = (index: number) => formatId('enrollments', index);
      const teacherOf = (school: number, local: number) =>
        shape.students + school * shape.teachersPerSchool + local;
      // A class loses its teacher: the teacher enrollment comes last among a class's enrollments.
      mutate.delete('enrollments', enrollment(enrollmentsOfClass(shape, 0).at(-1)!));
      // A student loses every enrollment.
      for (const index of enrollmentsOfUser(shape, 0)) mutate.delete('enrollments', enrollment(index));
      // An enrollment points at a class that does not exist.
      const repointed = enrollment(enrollmentsOfUser(shape, 1)[0]!);
      mutate.update('enrollments', repointed, { class: guidRef('class', 'cls-missing') });
      mutate.update('users', formatId('users', 2), { grades: [] });
      mutate.update('classes', formatId('classes', 3), { terms: [] });
      mutate.update('classes', formatId('classes', 4), { periods: [] });
      mutate.insert('courses', { org: guidRef('org', formatId('orgs', 1)) });
      // A teacher of school 1 loses every class; the three classes it taught lose their teacher.
      const idle = teacherOf(1, 1);
      for (const index of enrollmentsOfUser(shape, idle)) mutate.delete('enrollments', enrollment(index));
      // A class is retired while its enrollments stay active.
      const retired = formatId('classes', 2 * shape.classesPerSchool + 1);
      mutate.tombstone('classes', retired);
      // A teacher points at an org that does not exist.
      const lost = formatId('users', teacherOf(3, 0));
      mutate.update('users', lost, { orgs: [guidRef('org', 'org-missing')] });
      await loadDistrict(store, district);

      const report = await buildRosterReport(store, TENANT);
      expect(report.sanity).toEqual({
        studentsWithoutEnrollments: 1,
        studentsWithoutGrade: 1,
        usersWithoutSchool: 1,
        teachersWithoutClasses: 1,
        classesWithoutStudents: shape.schools,
        classesWithoutTeacher: 1 + classesOfUser(shape, idle).length,
        classesWithoutTerm: 1,
        classesWithoutPeriod: 1,
        coursesWithoutClasses: 1,
      });
      const retiredEnrollments = enrollmentsOfClass(shape, 2 * shape.classesPerSchool + 1).map(enrollment);
      expect(report.missingReferences).toEqual([
        {
          from: 'users',
          field: 'orgs',
          to: 'orgs',
          missing: 1,
          retired: 0,
          examples: [{ sourcedId: lost, target: 'org-missing' }],
        },
        {
          from: 'enrollments',
          field: 'class',
          to: 'classes',
          missing: 1,
          retired: retiredEnrollments.length,
          examples: [repointed, ...retiredEnrollments]
            .sort()
            .slice(0, 5)
            .map((sourcedId) => ({ sourcedId, target: sourcedId === repointed ? 'cls-missing' : retired })),
        },
      ]);
      expect(report.totals.classes).toEqual({ active: shape.counts.classes - 1, tobedeleted: 1 });
      expect(report.totals.courses.active).toBe(shape.counts.courses + 1);
      const bySchool = new Map(report.schools.map((school) => [school.sourcedId, school]));
      const school = (index: number) => bySchool.get(formatId('orgs', 1 + index))!;
      const expected = new Map(expectedSchools(district).map((entry) => [entry.sourcedId, entry]));
      const generated = (index: number) => expected.get(formatId('orgs', 1 + index))!;
      // Student 2 is in grade 02 of elementary school 0; it keeps its school, loses its grade.
      expect(school(0).students).toBe(generated(0).students);
      expect(school(0).studentsByGrade['02']).toBe(generated(0).studentsByGrade['02']! - 1);
      expect(school(0).enrollments).toBe(generated(0).enrollments - 1 - shape.enrollmentsPerStudent);
      expect(school(2).classes).toBe(generated(2).classes - 1);
      expect(school(3).teachers).toBe(generated(3).teachers - 1);
      const teachers = new Map(report.teachers?.map((teacher) => [teacher.sourcedId, teacher]));
      expect(teachers.get(formatId('users', idle))?.classes).toBe(0);
      expect(teachers.get(lost)?.schools).toEqual([]);
      expect(teachers.get(formatId('users', teacherOf(0, 0)))?.classes).toBe(
        classesOfUser(shape, teacherOf(0, 0)).length - 1,
      );
    });

    it('reads 1.2 users (roles instead of role and orgs) as it reads 1.1 users', async () => {
      const district = makeDistrict();
      const store = open();
      await loadDistrict(store, district, 'v11');
      await loadRoster(
        store,
        (collection) =>
          collection === 'users'
            ? recordsOf(district, 'users').map(toOneRosterV12User)
            : recordsOf(district, collection),
        'v12',
      );
      const v11 = await buildRosterReport(store, 'v11', { now: NOW });
      const v12 = await buildRosterReport(store, 'v12', { now: NOW });
      expect(recordsOf(district, 'users').map(toOneRosterV12User)[0]).not.toHaveProperty('role');
      expect({ ...tablesOf(v12), tenant: 'v11' }).toEqual(tablesOf(v11));
    });

    it("counts a 1.2 user in each of its roles' schools, with its primary role", async () => {
      const district = makeDistrict();
      const store = open();
      const teacher = formatId('users', district.shape.students);
      const [first, second] = [formatId('orgs', 1), formatId('orgs', 2)];
      await loadRoster(store, (collection) => {
        const records = recordsOf(district, collection);
        if (collection !== 'users') return records;
        return records.map((user): RosterRecord => {
          if (user.sourcedId !== teacher) return user;
          const { role, orgs, ...rest } = user;
          return {
            ...rest,
            roles: [
              { roleType: 'secondary', role: 'administrator', org: guidRef('org', second) },
              { roleType: 'primary', role: 'teacher', org: guidRef('org', first) },
              { roleType: 'secondary', role: 'teacher', org: guidRef('org', 'org-gone') },
            ],
          };
        });
      });
      const report = await buildRosterReport(store, TENANT);
      const bySchool = new Map(report.schools.map((school) => [school.sourcedId, school.teachers]));
      expect(bySchool.get(first)).toBe(DISTRICT.teachersPerSchool);
      expect(bySchool.get(second)).toBe(DISTRICT.teachersPerSchool! + 1);
      expect(report.roles['teacher']).toBe(district.shape.teachers);
      expect(report.teachers?.find((entry) => entry.sourcedId === teacher)?.schools).toEqual([second, first]);
      expect(report.missingReferences).toEqual([
        {
          from: 'users',
          field: 'roles.org',
          to: 'orgs',
          missing: 1,
          retired: 0,
          examples: [{ sourcedId: teacher, target: 'org-gone' }],
        },
      ]);
    });

    it('keeps only the teachers’ counts with teacherList: false', async () => {
      const store = open();
      await loadDistrict(store, makeDistrict());
      const report = await buildRosterReport(store, TENANT, { teacherList: false });
      expect(report.teachers).toBeUndefined();
      expect(report.schools.every((school) => school.teachers === DISTRICT.teachersPerSchool)).toBe(true);
    });
  });

  describe('the change against the previous run', () => {
    it('is what a held run would commit, with a flag per collection past a threshold', async () => {
      const store = open();
      const district = makeDistrict();
      await loadDistrict(store, district);
      const users = recordsOf(district, 'users');
      const enrollments = recordsOf(district, 'enrollments');
      const run = await store.beginRun(TENANT, { mode: 'full' });
      const renamed = Math.ceil(users.length * 0.8);
      await stageAll(
        store,
        run,
        'users',
        users.map((user, index) =>
          index < renamed ? { ...user, givenName: `${user['givenName']}-2` } : user,
        ),
      );
      const dropped = Math.ceil(enrollments.length * 0.15);
      await stageAll(store, run, 'enrollments', enrollments.slice(dropped));
      // Exactly 10% retired is not more than 10%: no flag.
      const courses = recordsOf(district, 'courses');
      await stageAll(store, run, 'courses', courses.slice(courses.length / 10));
      await stageAll(store, run, 'orgs', recordsOf(district, 'orgs'));
      await store.commit(run, 'orgs');

      const report = await buildRosterReport(store, TENANT, { runId: run.id });
      expect(report.run).toMatchObject({ id: run.id, mode: 'full', status: 'running', committed: ['orgs'] });
      expect(report.changes).toEqual({
        source: 'staged-run',
        collections: {
          courses: {
            inserted: 0,
            updated: 0,
            unchanged: courses.length * 0.9,
            retired: courses.length / 10,
            activeBefore: courses.length,
            updatedFraction: 0,
            retiredFraction: 0.1,
          },
          users: {
            inserted: 0,
            updated: renamed,
            unchanged: users.length - renamed,
            retired: 0,
            activeBefore: users.length,
            updatedFraction: renamed / users.length,
            retiredFraction: 0,
          },
          enrollments: {
            inserted: 0,
            updated: 0,
            unchanged: enrollments.length - dropped,
            retired: dropped,
            activeBefore: enrollments.length,
            updatedFraction: 0,
            retiredFraction: dropped / enrollments.length,
          },
        },
      });
      expect(report.flags).toEqual([
        {
          collection: 'users',
          kind: 'updated',
          count: renamed,
          activeBefore: users.length,
          fraction: renamed / users.length,
          threshold: 0.75,
        },
        {
          collection: 'enrollments',
          kind: 'retired',
          count: dropped,
          activeBefore: enrollments.length,
          fraction: dropped / enrollments.length,
          threshold: 0.1,
        },
      ]);
      // The tables stay the committed roster until review reads staged records.
      expect(report.totals.users.active).toBe(users.length);

      const looser = await buildRosterReport(store, TENANT, {
        runId: run.id,
        thresholds: { maxUpdatedFraction: 0.9, maxRetiredFraction: 0.2 },
      });
      expect(looser.flags).toEqual([]);
      expect(looser.thresholds).toEqual({ maxUpdatedFraction: 0.9, maxRetiredFraction: 0.2 });

      // Another handle does not hold the run: its diff is refused, and the report says it has no change.
      const other = harness!.open();
      const elsewhere = await buildRosterReport(other, TENANT, { runId: run.id });
      expect(elsewhere.changes).toEqual({ source: 'none', collections: {} });
      expect(elsewhere.run?.id).toBe(run.id);
      await store.finishRun(run, { status: 'aborted' });
    });

    it('is unknown for a finished run: stores keep no counts per run', async () => {
      const store = open();
      const loaded = await loadDistrict(store, makeDistrict());
      const report = await buildRosterReport(store, TENANT, { runId: loaded.id });
      expect(report.run).toMatchObject({ id: loaded.id, status: 'succeeded', committed: [...LOADED] });
      expect(report.changes).toEqual({ source: 'none', collections: {} });
    });

    it('refuses a run the tenant does not have', async () => {
      const store = open();
      await loadDistrict(store, makeDistrict());
      const error = await rejection(buildRosterReport(store, TENANT, { runId: 'no-such-run' }));
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toContain('no run no-such-run');
    });
  });
}
