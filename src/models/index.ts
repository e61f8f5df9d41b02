// The public face of the models: record types, vocabularies and the depth bound. The zod schemas
// stay internal (issue #14): records are validated through `parseRecord`, so a zod major is not a
// breaking change of this package.
export type { ValidationMode } from './normalize/normalize-record.js';
export { MAX_RECORD_DEPTH, TOO_DEEP_ISSUE_CODE } from './record-depth.js';
export { isRecordTooDeepError, RecordTooDeepError } from './record-too-deep-error.js';
export type { BaseRecord } from './shared/base.js';
export { ENTITY_NAMES, type EntityName } from './shared/entity-name.js';
export {
  CLASS_TYPES,
  type ClassType,
  ENROLLMENT_ROLES,
  type EnrollmentRole,
  type Grade,
  GUID_REF_TYPES,
  type GUIDRefType,
  ORG_TYPES,
  type OrgType,
  SESSION_TYPES,
  type SessionType,
  STATUSES,
  type Status,
} from './shared/enums.js';
export type { GUIDRef } from './shared/guid-ref.js';
export type { OpenEnum } from './shared/open-enum.js';
export type { UnknownEnumValue } from './unknown-enums.js';
export type { AcademicSession } from './v1p1/academic-session.js';
export type { Class } from './v1p1/class.js';
export type { Course } from './v1p1/course.js';
export type { Demographics } from './v1p1/demographics.js';
export type { Enrollment } from './v1p1/enrollment.js';
export type { EntityTypes } from './v1p1/entities.js';
export { SEX_VALUES, type Sex, USER_ROLES, type UserRole } from './v1p1/enums.js';
export type { Org } from './v1p1/org.js';
export type { User, UserId } from './v1p1/user.js';
