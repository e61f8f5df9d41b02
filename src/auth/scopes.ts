/**
 * The OAuth 2.0 scopes of OneRoster rostering, per version, and which of them grants each collection
 * (1.2 rostering OpenAPI, the `security` block of every path; digest "Auth" for 1.1). Any one of a
 * collection's scopes is enough. Ask the provider for the fewest that cover what you read: the core
 * scope for the top-level collections, the roster scope if you read nested collections too, the
 * demographics scope only if you read demographics.
 *
 * Collections are named as the client names them in events and errors: `users` for `/users`,
 * `classes.students` for `/classes/{id}/students`.
 */

import type { OneRosterVersion } from '../base/oneroster-version.js';

const V1P1 = 'https://purl.imsglobal.org/spec/or/v1p1/scope/';
const V1P2 = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';

/** The grants of one version's three rostering scopes, by collection. */
function scopesOf<const Prefix extends string>(prefix: Prefix) {
  const roster = `${prefix}roster.readonly` as const;
  const rosterCore = `${prefix}roster-core.readonly` as const;
  const rosterDemographics = `${prefix}roster-demographics.readonly` as const;
  const topLevel = [roster, rosterCore] as const;
  const nested = [roster] as const;
  return {
    /** Every rostering read but demographics, nested collections included. */
    roster,
    /** The top-level collections but demographics (no nested collection). */
    rosterCore,
    /** Demographics, and nothing else. */
    rosterDemographics,
    /** The scopes that grant each collection; any one of them is enough. */
    collections: {
      orgs: topLevel,
      schools: topLevel,
      academicSessions: topLevel,
      terms: topLevel,
      gradingPeriods: topLevel,
      courses: topLevel,
      classes: topLevel,
      users: topLevel,
      students: topLevel,
      teachers: topLevel,
      enrollments: topLevel,
      demographics: [rosterDemographics],
      'schools.courses': nested,
      'schools.classes': nested,
      'schools.enrollments': nested,
      'schools.students': nested,
      'schools.teachers': nested,
      'schools.terms': nested,
      'schools.classEnrollments': nested,
      'schools.classStudents': nested,
      'schools.classTeachers': nested,
      'classes.students': nested,
      'classes.teachers': nested,
      'courses.classes': nested,
      'terms.classes': nested,
      'terms.gradingPeriods': nested,
      'users.classes': nested,
      'students.classes': nested,
      'teachers.classes': nested,
    },
  } as const;
}

/**
 * The rostering scopes of OneRoster 1.1 and 1.2. 1.2 keeps 1.1's three scopes under its own prefix
 * (`.../or/v1p2/scope/...`); a 1.2 token is not asked for with 1.1 scope names.
 * @example
 * oauth2ClientCredentials({ tokenUrl, clientId, clientSecret, scope: ONEROSTER_SCOPES['1.2'].rosterCore });
 */
export const ONEROSTER_SCOPES = {
  '1.1': scopesOf(V1P1),
  '1.2': scopesOf(V1P2),
} as const satisfies { readonly [V in OneRosterVersion]: unknown };
