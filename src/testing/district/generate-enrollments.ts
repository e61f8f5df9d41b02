/** Enrollments: each student in its slots' classes, and each class's teacher of record. */
import { enrollmentSlot, schoolOrgIndex, termsOfClass } from './district-layout.js';
import type { DistrictShape } from './district-options.js';
import { baseModified, randomFor, termSpanDates } from './generate-common.js';
import { formatId } from './ids.js';
import { STREAM } from './prng.js';
import { guidRef, type RosterRecord } from './records.js';

/** Enrollment `index`; see `district-layout.ts` for where each index points. */
export function generateEnrollment(shape: DistrictShape, index: number): RosterRecord {
  const layoutIndex = index % shape.counts.enrollments;
  const random = randomFor(shape, STREAM.enrollments, index);
  const slot = enrollmentSlot(shape, layoutIndex);
  const terms = termsOfClass(shape, slot.classIndex);
  const { beginDate, endDate } = termSpanDates(shape, terms[0] ?? 0, terms[terms.length - 1] ?? 0);
  return {
    sourcedId: formatId('enrollments', index),
    status: 'active',
    dateLastModified: baseModified(shape, random),
    user: guidRef('user', formatId('users', slot.userIndex)),
    class: guidRef('class', formatId('classes', slot.classIndex)),
    school: guidRef('org', formatId('orgs', schoolOrgIndex(slot.school))),
    role: slot.role,
    primary: slot.role === 'teacher' ? 'true' : 'false',
    beginDate,
    endDate,
  };
}
