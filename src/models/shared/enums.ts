import type { OpenEnum } from './open-enum.js';

/**
 * Enumerations that OneRoster 1.1 and 1.2 share (digest "Data model"; the 1.2 OpenAPI lists the same
 * values). Providers send values beyond these, so record types accept any string while still
 * offering these for autocomplete; an unknown value is kept and reported. The vocabularies that
 * differ between versions live in `v1p1/enums.ts` and `v1p2/enums.ts`.
 */

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

/** Enrollment `role` values (digest: a narrower list than users'; the same in 1.2). */
export const ENROLLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher'] as const;
/** A user's role in a class; unknown values are kept. */
export type EnrollmentRole = OpenEnum<(typeof ENROLLMENT_ROLES)[number]>;

/**
 * CEDS grade levels (digest "Grades"; the 1.2 implementation guide keeps the same list). Providers
 * send other codes routinely: those are kept and reported like unknown roles, never rejected.
 */
export const GRADES = [
  'IT',
  'PR',
  'PK',
  'TK',
  'KG',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  'PS',
  'UG',
  'Other',
] as const;
/** A grade level; unknown values are kept. */
export type Grade = OpenEnum<(typeof GRADES)[number]>;

/**
 * GUIDRef `type` values (1.1 OpenAPI `GUIDRef.Type`). 1.2 types each reference by its field with one
 * of a subset of these (`GUID_REF_TYPES_V1P2`), so this list also serves autocomplete in 1.2.
 */
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

/** Record `status`: closed, because sync decides deletions on it (1.0's `inactive` is read as `tobedeleted`). */
export const STATUSES = ['active', 'tobedeleted'] as const;
/** Whether a record is live or marked for deletion. */
export type Status = (typeof STATUSES)[number];
