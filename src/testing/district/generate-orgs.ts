/** Orgs (the district, then its schools) and academic sessions (the year, its terms, their grading periods). */
import {
  gradingPeriodSessionIndex,
  schoolLevel,
  schoolOrgIndex,
  termSessionIndex,
} from './district-layout.js';
import type { DistrictShape } from './district-options.js';
import { baseModified, districtIdentity, isoDate, randomFor, splitYear } from './generate-common.js';
import { formatId } from './ids.js';
import { SCHOOL_NAMESAKES } from './names.js';
import { STREAM } from './prng.js';
import { guidRef, type RosterRecord } from './records.js';

const LEVEL_SUFFIX = {
  elementary: 'Elementary School',
  middle: 'Middle School',
  high: 'High School',
} as const;

/** Org `index`: 0 is the district, `1 + k` is school k. */
export function generateOrg(shape: DistrictShape, index: number): RosterRecord {
  const random = randomFor(shape, STREAM.orgs, index);
  const sourcedId = formatId('orgs', index);
  const base = { sourcedId, status: 'active', dateLastModified: baseModified(shape, random) };
  if (index === 0) {
    return {
      ...base,
      name: districtIdentity(shape).name,
      type: 'district',
      identifier: String(600_000 + (shape.seed % 100_000)).padStart(7, '0'),
      children: Array.from({ length: shape.schools }, (_, k) =>
        guidRef('org', formatId('orgs', schoolOrgIndex(k))),
      ),
    };
  }
  const school = index - 1;
  const namesake = SCHOOL_NAMESAKES[(school + random.int(SCHOOL_NAMESAKES.length)) % SCHOOL_NAMESAKES.length];
  return {
    ...base,
    name: `${namesake} ${LEVEL_SUFFIX[schoolLevel(school)]}${school >= SCHOOL_NAMESAKES.length ? ` ${Math.floor(school / SCHOOL_NAMESAKES.length) + 1}` : ''}`,
    type: 'school',
    identifier: String(60_000_000_000 + index).padStart(12, '0'),
    parent: guidRef('org', formatId('orgs', 0)),
  };
}

/** Academic session `index`: 0 is the school year, then the terms, then the grading periods term by term. */
export function generateAcademicSession(shape: DistrictShape, index: number): RosterRecord {
  const random = randomFor(shape, STREAM.academicSessions, index);
  const base = {
    sourcedId: formatId('academicSessions', index),
    status: 'active',
    dateLastModified: baseModified(shape, random),
  };
  const schoolYear = String(shape.schoolYear);
  const yearRef = guidRef('academicSession', formatId('academicSessions', 0));
  if (index === 0) {
    const { startMs, endMs } = splitYear(shape, 0, 1);
    return {
      ...base,
      title: `${shape.schoolYear - 1}-${shape.schoolYear} School Year`,
      type: 'schoolYear',
      startDate: isoDate(startMs),
      endDate: isoDate(endMs),
      schoolYear,
      children: Array.from({ length: shape.termsPerYear }, (_, t) =>
        guidRef('academicSession', formatId('academicSessions', termSessionIndex(t))),
      ),
    };
  }
  if (index <= shape.termsPerYear) {
    const term = index - 1;
    const { startMs, endMs } = splitYear(shape, term, shape.termsPerYear);
    return {
      ...base,
      title: shape.termsPerYear === 2 ? `${term === 0 ? 'Fall' : 'Spring'} Semester` : `Term ${term + 1}`,
      // `/terms` serves sessions of type `term`, so semesters are typed `term` and named as semesters.
      type: 'term',
      startDate: isoDate(startMs),
      endDate: isoDate(endMs),
      schoolYear,
      parent: yearRef,
      children: Array.from({ length: shape.gradingPeriodsPerTerm }, (_, g) =>
        guidRef('academicSession', formatId('academicSessions', gradingPeriodSessionIndex(shape, term, g))),
      ),
    };
  }
  const offset = index - 1 - shape.termsPerYear;
  const term = Math.floor(offset / shape.gradingPeriodsPerTerm);
  const period = offset % shape.gradingPeriodsPerTerm;
  const parts = shape.termsPerYear * shape.gradingPeriodsPerTerm;
  const { startMs, endMs } = splitYear(shape, term * shape.gradingPeriodsPerTerm + period, parts);
  return {
    ...base,
    title: `Quarter ${offset + 1}`,
    type: 'gradingPeriod',
    startDate: isoDate(startMs),
    endDate: isoDate(endMs),
    schoolYear,
    parent: guidRef('academicSession', formatId('academicSessions', termSessionIndex(term))),
    children: [],
  };
}
