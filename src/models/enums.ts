/**
 * Enumerations of the OneRoster 1.1 data model (digest "Data model"). Providers send values beyond
 * these, so record types accept any string while still offering these for autocomplete.
 */

/**
 * A known literal union that still admits any other string. `(string & {})` stops TypeScript from
 * collapsing the union into `string`, which would lose autocomplete.
 */
export type OpenEnum<Known extends string> = Known | (string & {});

/** Org `type` values. */
export const ORG_TYPES = ['department', 'district', 'local', 'national', 'school', 'state'] as const;
/** An org's kind; unknown values are kept. */
export type OrgType = OpenEnum<(typeof ORG_TYPES)[number]>;

/** AcademicSession `type` values. */
export const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const;
/** An academic session's kind; unknown values are kept. */
export type SessionType = OpenEnum<(typeof SESSION_TYPES)[number]>;

/** Class `classType` values. */
export const CLASS_TYPES = ['homeroom', 'scheduled'] as const;
/** A class's kind; unknown values are kept. */
export type ClassType = OpenEnum<(typeof CLASS_TYPES)[number]>;

/** User `role` values in 1.1 (1.2 adds more, which arrive as unknown values). */
export const USER_ROLES = [
  'administrator',
  'aide',
  'guardian',
  'parent',
  'proctor',
  'relative',
  'student',
  'teacher',
] as const;
/** A user's role; unknown values are kept. */
export type UserRole = OpenEnum<(typeof USER_ROLES)[number]>;

/** Enrollment `role` values (digest: a narrower list than users'). */
export const ENROLLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher'] as const;
/** A user's role in a class; unknown values are kept. */
export type EnrollmentRole = OpenEnum<(typeof ENROLLMENT_ROLES)[number]>;

/** Demographics `sex` values. */
export const SEX_VALUES = ['male', 'female'] as const;
/** Sex as the spec records it; unknown values are kept. */
export type Sex = OpenEnum<(typeof SEX_VALUES)[number]>;

/** GUIDRef `type` values (spec OpenAPI `GUIDRef.Type`). */
export const GUID_REF_TYPES = [
  'academicSession',
  'category',
  'class',
  'course',
  'demographics',
  'enrollment',
  'gradingPeriod',
  'lineItem',
  'org',
  'resource',
  'result',
  'student',
  'teacher',
  'term',
  'user',
] as const;
/** What a GUIDRef points at; unknown values are kept. */
export type GUIDRefType = OpenEnum<(typeof GUID_REF_TYPES)[number]>;

/**
 * CEDS grade levels (digest "Grades"). Not validated or reported: providers send other codes routinely,
 * so grades are only typed for autocomplete.
 */
export type Grade = OpenEnum<
  | 'IT'
  | 'PR'
  | 'PK'
  | 'TK'
  | 'KG'
  | '01'
  | '02'
  | '03'
  | '04'
  | '05'
  | '06'
  | '07'
  | '08'
  | '09'
  | '10'
  | '11'
  | '12'
  | '13'
  | 'PS'
  | 'UG'
  | 'Other'
>;

/** Record `status`: closed, because sync decides deletions on it (1.0's `inactive` is read as `tobedeleted`). */
export const STATUSES = ['active', 'tobedeleted'] as const;
/** Whether a record is live or marked for deletion. */
export type Status = (typeof STATUSES)[number];
