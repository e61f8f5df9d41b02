/**
 * Arithmetic relations between base records: which school, course, teacher and students a class has,
 * and where each enrollment sits. Nothing is stored; every relation is a range or a formula, so a
 * district of millions of records is served from bounded memory.
 *
 * Index layout: orgs = [district, schools...]; users = [students by school..., teachers by school...];
 * enrollments of school k = [student s slot t at s * enrollmentsPerStudent + t..., one teacher enrollment per class].
 * Slot t of student s is class t * sectionsPerSlot + (s mod sectionsPerSlot) of the school.
 */
import type { DistrictShape } from './district-options.js';

/** Grade level of a school. */
export type SchoolLevel = 'elementary' | 'middle' | 'high';

/** CEDS grade codes taught at each level. */
export const LEVEL_GRADES: Record<SchoolLevel, readonly string[]> = {
  elementary: ['KG', '01', '02', '03', '04', '05'],
  middle: ['06', '07', '08'],
  high: ['09', '10', '11', '12'],
};

/** Level of school `school` (0-based): half elementary, a quarter middle, a quarter high. */
export function schoolLevel(school: number): SchoolLevel {
  const cycle = school % 4;
  return cycle === 1 ? 'middle' : cycle === 2 ? 'high' : 'elementary';
}

/** Org index of school `school`: the district is org 0. */
export function schoolOrgIndex(school: number): number {
  return 1 + school;
}

/** School of a class. */
export function schoolOfClass(shape: DistrictShape, classIndex: number): number {
  return Math.floor(classIndex / shape.classesPerSchool);
}

/** Course of a class: classes are sections of their school's courses, round robin. */
export function courseOfClass(shape: DistrictShape, classIndex: number): number {
  const school = schoolOfClass(shape, classIndex);
  return school * shape.coursesPerSchool + ((classIndex % shape.classesPerSchool) % shape.coursesPerSchool);
}

/** User index of a class's teacher of record. */
export function teacherOfClass(shape: DistrictShape, classIndex: number): number {
  const school = schoolOfClass(shape, classIndex);
  return (
    shape.students +
    school * shape.teachersPerSchool +
    ((classIndex % shape.classesPerSchool) % shape.teachersPerSchool)
  );
}

/** Whether a user index is a student (students come first). */
export function isStudent(shape: DistrictShape, userIndex: number): boolean {
  return userIndex < shape.students;
}

/** School of a user. */
export function schoolOfUser(shape: DistrictShape, userIndex: number): number {
  return isStudent(shape, userIndex)
    ? Math.floor(userIndex / shape.studentsPerSchool)
    : Math.floor((userIndex - shape.students) / shape.teachersPerSchool);
}

/** Class of slot `slot` of a student. */
export function classOfStudentSlot(shape: DistrictShape, studentIndex: number, slot: number): number {
  const school = Math.floor(studentIndex / shape.studentsPerSchool);
  const local = studentIndex % shape.studentsPerSchool;
  return school * shape.classesPerSchool + slot * shape.sectionsPerSlot + (local % shape.sectionsPerSlot);
}

/** Classes of a user, ascending. */
export function classesOfUser(shape: DistrictShape, userIndex: number): number[] {
  const school = schoolOfUser(shape, userIndex);
  const classes: number[] = [];
  if (isStudent(shape, userIndex)) {
    for (let slot = 0; slot < shape.enrollmentsPerStudent; slot++) {
      classes.push(classOfStudentSlot(shape, userIndex, slot));
    }
    return classes;
  }
  const local = (userIndex - shape.students) % shape.teachersPerSchool;
  for (let c = local; c < shape.classesPerSchool; c += shape.teachersPerSchool) {
    classes.push(school * shape.classesPerSchool + c);
  }
  return classes;
}

/** Student user indices of a class, ascending. */
export function studentsOfClass(shape: DistrictShape, classIndex: number): number[] {
  const school = schoolOfClass(shape, classIndex);
  const local = classIndex % shape.classesPerSchool;
  const sections = shape.sectionsPerSlot;
  if (sections === 0 || local >= sections * shape.enrollmentsPerStudent) return [];
  const students: number[] = [];
  for (let s = local % sections; s < shape.studentsPerSchool; s += sections) {
    students.push(school * shape.studentsPerSchool + s);
  }
  return students;
}

/** What an enrollment index designates. */
export interface EnrollmentSlot {
  readonly school: number;
  readonly classIndex: number;
  readonly userIndex: number;
  readonly role: 'student' | 'teacher';
}

/** Decodes an enrollment index. */
export function enrollmentSlot(shape: DistrictShape, enrollmentIndex: number): EnrollmentSlot {
  const school = Math.floor(enrollmentIndex / shape.enrollmentsPerSchool);
  const local = enrollmentIndex % shape.enrollmentsPerSchool;
  const studentEnrollments = shape.studentsPerSchool * shape.enrollmentsPerStudent;
  if (local < studentEnrollments) {
    const student = school * shape.studentsPerSchool + Math.floor(local / shape.enrollmentsPerStudent);
    const slot = local % shape.enrollmentsPerStudent;
    return {
      school,
      classIndex: classOfStudentSlot(shape, student, slot),
      userIndex: student,
      role: 'student',
    };
  }
  const classIndex = school * shape.classesPerSchool + (local - studentEnrollments);
  return { school, classIndex, userIndex: teacherOfClass(shape, classIndex), role: 'teacher' };
}

/** Enrollment indices of a class, ascending: its students' enrollments, then its teacher's. */
export function enrollmentsOfClass(shape: DistrictShape, classIndex: number): number[] {
  const school = schoolOfClass(shape, classIndex);
  const local = classIndex % shape.classesPerSchool;
  const first = school * shape.enrollmentsPerSchool;
  const slot = shape.sectionsPerSlot === 0 ? 0 : Math.floor(local / shape.sectionsPerSlot);
  const enrollments = studentsOfClass(shape, classIndex).map(
    (student) => first + (student % shape.studentsPerSchool) * shape.enrollmentsPerStudent + slot,
  );
  enrollments.push(first + shape.studentsPerSchool * shape.enrollmentsPerStudent + local);
  return enrollments;
}

/** Enrollment indices of a user, ascending. */
export function enrollmentsOfUser(shape: DistrictShape, userIndex: number): number[] {
  const school = schoolOfUser(shape, userIndex);
  const first = school * shape.enrollmentsPerSchool;
  if (isStudent(shape, userIndex)) {
    const start = first + (userIndex % shape.studentsPerSchool) * shape.enrollmentsPerStudent;
    return Array.from({ length: shape.enrollmentsPerStudent }, (_, slot) => start + slot);
  }
  const teacherEnrollments = first + shape.studentsPerSchool * shape.enrollmentsPerStudent;
  return classesOfUser(shape, userIndex).map((c) => teacherEnrollments + (c % shape.classesPerSchool));
}

/** Term indices (0-based, within the year) of a class: every third class runs all year. */
export function termsOfClass(shape: DistrictShape, classIndex: number): number[] {
  const local = classIndex % shape.classesPerSchool;
  if (local % 3 === 0 || shape.termsPerYear === 1) {
    return Array.from({ length: shape.termsPerYear }, (_, term) => term);
  }
  return [local % shape.termsPerYear];
}

/** academicSessions index of term `term`: the school year is session 0. */
export function termSessionIndex(term: number): number {
  return 1 + term;
}

/** academicSessions index of grading period `period` of term `term`. */
export function gradingPeriodSessionIndex(shape: DistrictShape, term: number, period: number): number {
  return 1 + shape.termsPerYear + term * shape.gradingPeriodsPerTerm + period;
}
