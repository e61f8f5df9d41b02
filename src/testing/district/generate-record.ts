/** Dispatches record generation by collection, for base indices and for inserted records alike. */
import type { DistrictShape } from './district-options.js';
import { generateClass, generateCourse } from './generate-classes.js';
import { generateEnrollment } from './generate-enrollments.js';
import { generateAcademicSession, generateOrg } from './generate-orgs.js';
import { generateDemographics, generateUser } from './generate-users.js';
import { formatId } from './ids.js';
import type { CollectionName, RosterRecord } from './records.js';

/**
 * Record `index` of a collection. Past the base count (inserted records), users, demographics and
 * enrollments generate new people and ids from the index; other collections clone a base record.
 */
export function generateRecord(
  shape: DistrictShape,
  collection: CollectionName,
  index: number,
): RosterRecord {
  switch (collection) {
    case 'users':
      return generateUser(shape, index);
    case 'demographics':
      return generateDemographics(shape, index);
    case 'enrollments':
      return generateEnrollment(shape, index);
    case 'orgs':
      // Inserted orgs are schools: the district is one.
      return index < shape.counts.orgs
        ? generateOrg(shape, index)
        : { ...generateOrg(shape, 1 + ((index - 1) % shape.schools)), sourcedId: formatId('orgs', index) };
    case 'academicSessions':
      return index < shape.counts.academicSessions
        ? generateAcademicSession(shape, index)
        : {
            ...generateAcademicSession(shape, index % shape.counts.academicSessions),
            sourcedId: formatId(collection, index),
          };
    case 'courses':
      return index < shape.counts.courses
        ? generateCourse(shape, index)
        : { ...generateCourse(shape, index % shape.counts.courses), sourcedId: formatId(collection, index) };
    case 'classes':
      return index < shape.counts.classes
        ? generateClass(shape, index)
        : { ...generateClass(shape, index % shape.counts.classes), sourcedId: formatId(collection, index) };
  }
}
