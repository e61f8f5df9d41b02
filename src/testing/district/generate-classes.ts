/** Courses (each school's catalogue) and classes (sections of them, each with a teacher of record). */
import {
  courseOfClass,
  LEVEL_GRADES,
  type SchoolLevel,
  schoolLevel,
  schoolOfClass,
  schoolOrgIndex,
  termSessionIndex,
  termsOfClass,
} from './district-layout.js';
import type { DistrictShape } from './district-options.js';
import { baseModified, randomFor } from './generate-common.js';
import { formatId } from './ids.js';
import { STREAM } from './prng.js';
import { guidRef, type RosterRecord } from './records.js';

/** A catalogue entry: title, subject and its SCED code. */
type CatalogueEntry = readonly [title: string, subject: string, scedCode: string];

const CATALOGUE: Record<SchoolLevel, readonly CatalogueEntry[]> = {
  elementary: [
    ['English Language Arts', 'English Language Arts', '51031'],
    ['Mathematics', 'Mathematics', '52031'],
    ['Science', 'Science', '53231'],
    ['Social Studies', 'Social Studies', '54431'],
    ['Art', 'Fine and Performing Arts', '55131'],
    ['Music', 'Fine and Performing Arts', '55031'],
    ['Physical Education', 'Physical Education', '58031'],
    ['Español', 'World Languages', '56031'],
  ],
  middle: [
    ['English 7', 'English Language Arts', '01002'],
    ['Pre-Algebra', 'Mathematics', '02051'],
    ['Life Science', 'Science', '03001'],
    ['World Geography', 'Social Studies', '04001'],
    ['Band', 'Fine and Performing Arts', '05101'],
    ['Français I', 'World Languages', '06101'],
    ['Health & Wellness', 'Physical Education', '08051'],
    ["Students' Digital Literacy", 'Computer Science', '10001'],
  ],
  high: [
    ['English 9', 'English Language Arts', '01001'],
    ['Algebra I', 'Mathematics', '02052'],
    ['Geometry', 'Mathematics', '02072'],
    ['Biology', 'Science', '03051'],
    ['Chemistry', 'Science', '03101'],
    ['U.S. History', 'Social Studies', '04101'],
    ['AP Computer Science A', 'Computer Science', '10157'],
    ['Spanish II', 'World Languages', '06102'],
    ['Drawing & Painting', 'Fine and Performing Arts', '05154'],
    ['Physical Education', 'Physical Education', '08001'],
  ],
};

/** Catalogue entry and grades of course `index`. */
function courseFacts(
  shape: DistrictShape,
  courseIndex: number,
): { entry: CatalogueEntry; grades: string[]; school: number } {
  const school = Math.floor(courseIndex / shape.coursesPerSchool);
  const local = courseIndex % shape.coursesPerSchool;
  const level = schoolLevel(school);
  const catalogue = CATALOGUE[level];
  const entry = catalogue[local % catalogue.length]!;
  const levelGrades = LEVEL_GRADES[level];
  // Each course is offered to one grade of the level, round robin.
  const grades = [levelGrades[Math.floor(local / catalogue.length + local) % levelGrades.length]!];
  return { entry, grades, school };
}

/** Course `index`: school k's courses are the range [k * coursesPerSchool, (k + 1) * coursesPerSchool). */
export function generateCourse(shape: DistrictShape, index: number): RosterRecord {
  const random = randomFor(shape, STREAM.courses, index);
  const { entry, grades, school } = courseFacts(shape, index);
  const local = index % shape.coursesPerSchool;
  const [title, subject, code] = entry;
  const level = Math.floor(local / CATALOGUE[schoolLevel(school)].length);
  return {
    sourcedId: formatId('courses', index),
    status: 'active',
    dateLastModified: baseModified(shape, random),
    title: level === 0 ? title : `${title} (${grades[0]})`,
    courseCode: `${code}-${String(local + 1).padStart(3, '0')}`,
    schoolYear: guidRef('academicSession', formatId('academicSessions', 0)),
    grades,
    subjects: [subject],
    subjectCodes: [code],
    org: guidRef('org', formatId('orgs', schoolOrgIndex(school))),
  };
}

/** Class `index`: school k's classes are the range [k * classesPerSchool, (k + 1) * classesPerSchool). */
export function generateClass(shape: DistrictShape, index: number): RosterRecord {
  const random = randomFor(shape, STREAM.classes, index);
  const school = schoolOfClass(shape, index);
  const course = courseOfClass(shape, index);
  const { entry, grades } = courseFacts(shape, course);
  const [title, subject, code] = entry;
  const local = index % shape.classesPerSchool;
  const section = Math.floor(local / shape.coursesPerSchool) + 1;
  const period = (local % 8) + 1;
  const homeroom = schoolLevel(school) === 'elementary' && local % 10 === 0;
  return {
    sourcedId: formatId('classes', index),
    status: 'active',
    dateLastModified: baseModified(shape, random),
    title: homeroom ? `Homeroom ${grades[0]}-${section}` : `${title} - Section ${section}`,
    classCode: `${code}-${String(local + 1).padStart(3, '0')}-${section}`,
    classType: homeroom ? 'homeroom' : 'scheduled',
    location: `Room ${100 + random.int(300)}`,
    grades,
    subjects: [subject],
    subjectCodes: [code],
    periods: [String(period)],
    course: guidRef('course', formatId('courses', course)),
    school: guidRef('org', formatId('orgs', schoolOrgIndex(school))),
    terms: termsOfClass(shape, index).map((term) =>
      guidRef('academicSession', formatId('academicSessions', termSessionIndex(term))),
    ),
  };
}
