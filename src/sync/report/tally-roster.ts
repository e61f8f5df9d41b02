import type { RosterRecord } from '../roster-store.js';
import { refId, refIds, textOf, textsOf } from './record-fields.js';
import { createReferenceTally, type ReferenceTally } from './reference-tally.js';
import type {
  MissingReference,
  ReportCollection,
  ReportCollectionTotals,
  SanityCounters,
  SchoolSummary,
  TeacherEntry,
} from './report-types.js';
import {
  CLASS_HAS_STUDENT,
  CLASS_HAS_TEACHER,
  COURSE_HAS_CLASS,
  createRosterIndex,
  type RosterIndex,
  USER_ENROLLED,
  USER_STUDENT,
  USER_TEACHER,
} from './roster-index.js';
import type { RosterReader } from './roster-reader.js';
import { createSchoolTally, type SchoolTally } from './school-tally.js';
import { createTeacherTally, type TeacherTally } from './teacher-tally.js';
import { orgsOfUser, roleOfUser } from './user-facts.js';

/** The tables of a report that come from reading the roster once. */
export interface RosterTables {
  readonly totals: Record<ReportCollection, ReportCollectionTotals>;
  readonly schools: SchoolSummary[];
  readonly grades: string[];
  readonly roles: Record<string, number>;
  readonly teachers: TeacherEntry[] | undefined;
  readonly sanity: SanityCounters;
  readonly missingReferences: MissingReference[];
}

/** The key of {@link RosterTables.roles} for active users without a role. */
export const NO_ROLE = '(none)';

interface Tally {
  readonly reader: RosterReader;
  readonly index: RosterIndex;
  readonly references: ReferenceTally;
  readonly schools: SchoolTally;
  readonly teachers: TeacherTally | undefined;
  readonly roles: Map<string, number>;
  readonly totals: Record<ReportCollection, ReportCollectionTotals>;
  readonly counters: {
    studentsWithoutGrade: number;
    usersWithoutSchool: number;
    classesWithoutTerm: number;
    classesWithoutPeriod: number;
  };
}

/** Reads a collection once, counting its records by status and handing each active one to `visit`. */
async function read(
  tally: Tally,
  collection: ReportCollection,
  visit: (record: RosterRecord) => void,
  bitsOf: (record: RosterRecord) => number = () => 0,
): Promise<void> {
  let active = 0;
  let tobedeleted = 0;
  // Enrollments are referenced by nothing: leaving them out of the index keeps the largest
  // collection (six per student) out of memory.
  const indexed = collection !== 'enrollments';
  for await (const record of tally.reader.records(collection)) {
    if (indexed) tally.index.add(collection, record, bitsOf(record));
    if (record.status !== 'active') {
      tobedeleted++;
      continue;
    }
    active++;
    visit(record);
  }
  tally.totals[collection] = { active, tobedeleted };
}

/** Orgs and sessions point into their own collection: checked once it is read whole. */
async function readSelfReferencing(tally: Tally, collection: 'orgs' | 'academicSessions'): Promise<void> {
  const parents: [sourcedId: string, parent: string][] = [];
  await read(tally, collection, (record) => {
    if (collection === 'orgs' && record['type'] === 'school') tally.schools.addSchool(record);
    const parent = refId(record['parent']);
    if (parent !== undefined) parents.push([record.sourcedId, parent]);
  });
  for (const [sourcedId, parent] of parents)
    tally.references.check(collection, 'parent', collection, sourcedId, parent);
}

async function readCourses(tally: Tally): Promise<void> {
  const { references } = tally;
  await read(tally, 'courses', (course) => {
    const org = refId(course['org']);
    if (org !== undefined) references.check('courses', 'org', 'orgs', course.sourcedId, org);
    const year = refId(course['schoolYear']);
    if (year !== undefined)
      references.check('courses', 'schoolYear', 'academicSessions', course.sourcedId, year);
  });
}

async function readClasses(tally: Tally): Promise<void> {
  const { references, counters } = tally;
  await read(tally, 'classes', (klass) => {
    const id = klass.sourcedId;
    const course = refId(klass['course']);
    if (course !== undefined && references.check('classes', 'course', 'courses', id, course))
      tally.index.mark('courses', course, COURSE_HAS_CLASS);
    const school = refId(klass['school']);
    if (school !== undefined) references.check('classes', 'school', 'orgs', id, school);
    tally.schools.addClass(school);
    const terms = refIds(klass['terms']);
    if (terms.length === 0) counters.classesWithoutTerm++;
    for (const term of terms) references.check('classes', 'terms', 'academicSessions', id, term);
    if (textsOf(klass['periods']).length === 0) counters.classesWithoutPeriod++;
  });
}

function userBits(user: RosterRecord): number {
  const role = roleOfUser(user);
  return role === 'student' ? USER_STUDENT : role === 'teacher' ? USER_TEACHER : 0;
}

async function readUsers(tally: Tally): Promise<void> {
  const { references, counters, schools } = tally;
  await read(
    tally,
    'users',
    (user) => {
      const role = roleOfUser(user) ?? NO_ROLE;
      tally.roles.set(role, (tally.roles.get(role) ?? 0) + 1);
      const orgs = orgsOfUser(user);
      for (const org of orgs.ids) references.check('users', orgs.field, 'orgs', user.sourcedId, org);
      if (role === 'student') {
        const grade = textsOf(user['grades'])[0];
        if (grade === undefined) counters.studentsWithoutGrade++;
        if (!schools.addStudent(orgs.ids, grade)) counters.usersWithoutSchool++;
      } else if (role === 'teacher') {
        if (!schools.addTeacher(orgs.ids)) counters.usersWithoutSchool++;
        tally.teachers?.add(user, orgs.ids.filter(schools.isSchool));
      }
    },
    userBits,
  );
}

async function readEnrollments(tally: Tally): Promise<void> {
  const { references, index } = tally;
  await read(tally, 'enrollments', (enrollment) => {
    const id = enrollment.sourcedId;
    const user = refId(enrollment['user']);
    const klass = refId(enrollment['class']);
    const school = refId(enrollment['school']);
    const userActive = user !== undefined && references.check('enrollments', 'user', 'users', id, user);
    const classActive = klass !== undefined && references.check('enrollments', 'class', 'classes', id, klass);
    if (school !== undefined) references.check('enrollments', 'school', 'orgs', id, school);
    tally.schools.addEnrollment(school);
    if (!userActive || !classActive) return;
    index.mark('users', user, USER_ENROLLED);
    const role = textOf(enrollment['role']);
    if (role === 'student') index.mark('classes', klass, CLASS_HAS_STUDENT);
    else if (role === 'teacher') index.mark('classes', klass, CLASS_HAS_TEACHER);
    tally.teachers?.addClass(user, klass);
  });
}

/**
 * Reads the roster once, parents first (orgs, sessions, courses, classes, users, enrollments), so each
 * reference is checked against a collection already read. Memory: ids and bit flags of every record
 * but enrollments, counters per school, and the teacher list.
 */
export async function tallyRoster(
  reader: RosterReader,
  options: { teacherList: boolean },
): Promise<RosterTables> {
  const index = createRosterIndex();
  const none: ReportCollectionTotals = { active: 0, tobedeleted: 0 };
  const tally: Tally = {
    reader,
    index,
    references: createReferenceTally(index),
    schools: createSchoolTally(),
    teachers: options.teacherList ? createTeacherTally() : undefined,
    roles: new Map(),
    totals: {
      orgs: none,
      academicSessions: none,
      courses: none,
      classes: none,
      users: none,
      enrollments: none,
    },
    counters: {
      studentsWithoutGrade: 0,
      usersWithoutSchool: 0,
      classesWithoutTerm: 0,
      classesWithoutPeriod: 0,
    },
  };
  await readSelfReferencing(tally, 'orgs');
  await readSelfReferencing(tally, 'academicSessions');
  await readCourses(tally);
  await readClasses(tally);
  await readUsers(tally);
  await readEnrollments(tally);
  const { schools, grades } = tally.schools.results();
  return {
    totals: tally.totals,
    schools,
    grades,
    roles: Object.fromEntries([...tally.roles].sort(([left], [right]) => (left < right ? -1 : 1))),
    teachers: tally.teachers?.results(),
    sanity: {
      studentsWithoutEnrollments: index.countActive('users', USER_STUDENT, USER_ENROLLED),
      studentsWithoutGrade: tally.counters.studentsWithoutGrade,
      usersWithoutSchool: tally.counters.usersWithoutSchool,
      teachersWithoutClasses: index.countActive('users', USER_TEACHER, USER_ENROLLED),
      classesWithoutStudents: index.countActive('classes', 0, CLASS_HAS_STUDENT),
      classesWithoutTeacher: index.countActive('classes', 0, CLASS_HAS_TEACHER),
      classesWithoutTerm: tally.counters.classesWithoutTerm,
      classesWithoutPeriod: tally.counters.classesWithoutPeriod,
      coursesWithoutClasses: index.countActive('courses', 0, COURSE_HAS_CLASS),
    },
    missingReferences: tally.references.results(),
  };
}
