export { type AcademicSession, AcademicSessionSchema } from './academic-session.js';
export { type BaseRecord, IsoDateSchema } from './base.js';
export { type Class, ClassSchema } from './class.js';
export { type Course, CourseSchema } from './course.js';
export { type Demographics, DemographicsSchema } from './demographics.js';
export { type Enrollment, EnrollmentSchema } from './enrollment.js';
export { ENTITY_NAMES, ENTITY_SCHEMAS, type EntityName, type EntityTypes } from './entities.js';
export {
  CLASS_TYPES,
  type ClassType,
  ENROLLMENT_ROLES,
  type EnrollmentRole,
  type Grade,
  GUID_REF_TYPES,
  type GUIDRefType,
  type OpenEnum,
  ORG_TYPES,
  type OrgType,
  SESSION_TYPES,
  SEX_VALUES,
  type SessionType,
  type Sex,
  STATUSES,
  type Status,
  USER_ROLES,
  type UserRole,
} from './enums.js';
export { type GUIDRef, GUIDRefSchema } from './guid-ref.js';
export type { ValidationMode } from './normalize/normalize-record.js';
export { type Org, OrgSchema } from './org.js';
export { MAX_RECORD_DEPTH, TOO_DEEP_ISSUE_CODE } from './record-depth.js';
export { isRecordTooDeepError, RecordTooDeepError } from './record-too-deep-error.js';
export type { UnknownEnumValue } from './unknown-enums.js';
export { type User, type UserId, UserIdSchema, UserSchema } from './user.js';
