import type { RosterRecord, RosterStore, SyncRun } from '../../../src/sync/index.js';
import {
  classesOfUser,
  LEVEL_GRADES,
  schoolLevel,
  studentsOfClass,
} from '../../../src/testing/district/district-layout.js';
import { formatId } from '../../../src/testing/district/ids.js';
import { type District, type GenerateDistrictOptions, generateDistrict } from '../../../src/testing/index.js';

export const TENANT = 'district-7';

/** The collections a report reads, in load order. */
export const LOADED = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const;
export type Loaded = (typeof LOADED)[number];

/**
 * A district with a natural gap: 3 enrollments per student over 10 classes leaves one class per
 * school (the tenth) without students.
 */
export const DISTRICT: GenerateDistrictOptions = {
  seed: 11,
  schools: 4,
  studentsPerSchool: 30,
  teachersPerSchool: 4,
  classesPerSchool: 10,
  coursesPerSchool: 5,
  enrollmentsPerStudent: 3,
};

/** A fixed clock for `generatedAt`. */
export const NOW = () => Date.UTC(2025, 8, 1, 12, 0, 0);

/** The generator's current records of a collection, as a store takes them. */
export function recordsOf(district: District, collection: Loaded): RosterRecord[] {
  return [...district.records(collection)] as RosterRecord[];
}

/** Stages a batch list in pages of 500, as the engine does page by page. */
export async function stageAll(
  store: RosterStore,
  run: SyncRun,
  collection: string,
  records: readonly RosterRecord[],
): Promise<void> {
  for (let start = 0; start < records.length; start += 500)
    await store.stage(run, collection, records.slice(start, start + 500));
}

/** Loads records into the store as one full run that commits every collection. */
export async function loadRoster(
  store: RosterStore,
  records: (collection: Loaded) => RosterRecord[],
  tenant = TENANT,
): Promise<SyncRun> {
  const run = await store.beginRun(tenant, { mode: 'full' });
  for (const collection of LOADED) {
    await stageAll(store, run, collection, records(collection));
    await store.commit(run, collection);
  }
  return store.finishRun(run, { status: 'succeeded' });
}

/** Loads a generated district as it stands (mutations included). */
export function loadDistrict(store: RosterStore, district: District, tenant = TENANT): Promise<SyncRun> {
  return loadRoster(store, (collection) => recordsOf(district, collection), tenant);
}

export function makeDistrict(options: GenerateDistrictOptions = DISTRICT): District {
  return generateDistrict({ ...options, now: NOW });
}

/** What the generator says each school holds: the layout's own arithmetic, not a re-count of records. */
export function expectedSchools(district: District) {
  const { shape } = district;
  return Array.from({ length: shape.schools }, (_, school) => {
    const grades = LEVEL_GRADES[schoolLevel(school)];
    const byGrade: Record<string, number> = {};
    for (let local = 0; local < shape.studentsPerSchool; local++) {
      const grade = grades[local % grades.length]!;
      byGrade[grade] = (byGrade[grade] ?? 0) + 1;
    }
    const org = district.get('orgs', formatId('orgs', 1 + school))!;
    return {
      sourcedId: org.sourcedId,
      name: String(org['name']),
      identifier: String(org['identifier']),
      students: shape.studentsPerSchool,
      studentsByGrade: byGrade,
      teachers: shape.teachersPerSchool,
      classes: shape.classesPerSchool,
      enrollments: shape.enrollmentsPerSchool,
    };
  });
}

/** Classes the layout gives no student, and teachers it gives no class. */
export function expectedGaps(district: District) {
  const { shape } = district;
  let classesWithoutStudents = 0;
  for (let index = 0; index < shape.counts.classes; index++)
    if (studentsOfClass(shape, index).length === 0) classesWithoutStudents++;
  let teachersWithoutClasses = 0;
  for (let index = shape.students; index < shape.counts.users; index++)
    if (classesOfUser(shape, index).length === 0) teachersWithoutClasses++;
  return { classesWithoutStudents, teachersWithoutClasses };
}

/** A 1.1 user as a 1.2 provider sends it: `roles` instead of `role` and `orgs`. */
export function toOneRosterV12User(user: RosterRecord): RosterRecord {
  const { role, orgs, ...rest } = user;
  const refs = Array.isArray(orgs) ? orgs : [];
  return {
    ...rest,
    roles: refs.map((org, index) => ({ roleType: index === 0 ? 'primary' : 'secondary', role, org })),
  };
}
