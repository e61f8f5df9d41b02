import { textOf } from './record-fields.js';
import type { SchoolSummary } from './report-types.js';

/** CEDS grade levels in school order (spec: OneRoster grades use the CEDS codes). */
const CEDS_GRADES = [
  'IT',
  'PR',
  'PK',
  'TK',
  'KG',
  ...Array.from({ length: 13 }, (_, grade) => String(grade + 1).padStart(2, '0')),
  'PS',
  'UG',
  'Other',
];

/** Grades in CEDS order; codes outside CEDS follow, in code-point order. */
export function sortGrades(grades: Iterable<string>): string[] {
  const rank = (grade: string): number => {
    const index = CEDS_GRADES.indexOf(grade);
    return index === -1 ? CEDS_GRADES.length : index;
  };
  return [...grades].sort(
    (left, right) => rank(left) - rank(right) || (left < right ? -1 : left > right ? 1 : 0),
  );
}

interface SchoolCounts {
  sourcedId: string;
  name: string;
  identifier: string | undefined;
  students: number;
  studentsByGrade: Map<string, number>;
  teachers: number;
  classes: number;
  enrollments: number;
}

/** Counts per school; memory grows with the schools and their grades. */
export interface SchoolTally {
  /** Adds an active org of type `school`. */
  addSchool(record: Record<string, unknown> & { sourcedId: string }): void;
  isSchool(sourcedId: string): boolean;
  /** Counts a student in each of these of its orgs that is a school; false when none is. */
  addStudent(orgs: readonly string[], grade: string | undefined): boolean;
  /** Counts a teacher in each of these of its orgs that is a school; false when none is. */
  addTeacher(orgs: readonly string[]): boolean;
  addClass(school: string | undefined): void;
  addEnrollment(school: string | undefined): void;
  /** The schools by name (then sourcedId), and every grade some school has students in. */
  results(): { schools: SchoolSummary[]; grades: string[] };
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function createSchoolTally(): SchoolTally {
  const schools = new Map<string, SchoolCounts>();
  const inSchools = (orgs: readonly string[], count: (school: SchoolCounts) => void): boolean => {
    let found = false;
    for (const org of orgs) {
      const school = schools.get(org);
      if (school === undefined) continue;
      count(school);
      found = true;
    }
    return found;
  };
  const ofSchool = (sourcedId: string | undefined): SchoolCounts | undefined =>
    sourcedId === undefined ? undefined : schools.get(sourcedId);
  return {
    addSchool(record) {
      schools.set(record.sourcedId, {
        sourcedId: record.sourcedId,
        name: textOf(record['name']) ?? '',
        identifier: textOf(record['identifier']),
        students: 0,
        studentsByGrade: new Map(),
        teachers: 0,
        classes: 0,
        enrollments: 0,
      });
    },
    isSchool: (sourcedId) => schools.has(sourcedId),
    addStudent: (orgs, grade) =>
      inSchools(orgs, (school) => {
        school.students++;
        if (grade !== undefined)
          school.studentsByGrade.set(grade, (school.studentsByGrade.get(grade) ?? 0) + 1);
      }),
    addTeacher: (orgs) =>
      inSchools(orgs, (school) => {
        school.teachers++;
      }),
    addClass(sourcedId) {
      const school = ofSchool(sourcedId);
      if (school !== undefined) school.classes++;
    },
    addEnrollment(sourcedId) {
      const school = ofSchool(sourcedId);
      if (school !== undefined) school.enrollments++;
    },
    results() {
      const grades = new Set<string>();
      const summaries = [...schools.values()]
        .sort(
          (left, right) =>
            byName.compare(left.name, right.name) ||
            (left.sourcedId < right.sourcedId ? -1 : left.sourcedId > right.sourcedId ? 1 : 0),
        )
        .map((school): SchoolSummary => {
          const ordered = sortGrades(school.studentsByGrade.keys());
          for (const grade of ordered) grades.add(grade);
          return {
            ...school,
            studentsByGrade: Object.fromEntries(
              ordered.map((grade) => [grade, school.studentsByGrade.get(grade) ?? 0]),
            ),
          };
        });
      return { schools: summaries, grades: sortGrades(grades) };
    },
  };
}
