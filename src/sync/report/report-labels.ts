import type { SanityCounterName } from './report-types.js';

/** What each sanity counter counts, in the words a district uses; the renderers' row order. */
export const SANITY_LABELS: Readonly<Record<SanityCounterName, string>> = {
  studentsWithoutEnrollments: 'Students without enrollments',
  studentsWithoutGrade: 'Students without a grade',
  usersWithoutSchool: 'Students and teachers without a school',
  teachersWithoutClasses: 'Teachers without classes',
  classesWithoutStudents: 'Classes without students',
  classesWithoutTeacher: 'Classes without a teacher',
  classesWithoutTerm: 'Classes without a term',
  classesWithoutPeriod: 'Classes without a period',
  coursesWithoutClasses: 'Courses without classes',
};

/** The sanity counters' names in row order. */
export const SANITY_COUNTERS = Object.keys(SANITY_LABELS).filter((name): name is SanityCounterName =>
  Object.hasOwn(SANITY_LABELS, name),
);

/** A share as a percentage with one decimal: `0.925` is `92.5%`. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
