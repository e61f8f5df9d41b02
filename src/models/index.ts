// The public face of the models: record types, vocabularies and the depth bound. The zod schemas
// stay internal (issue #14): records are validated through `parseRecord`, so a zod major is not a
// breaking change of this package.
export type { ValidationMode } from './normalize/normalize-record.js';
export { MAX_RECORD_DEPTH, TOO_DEEP_ISSUE_CODE } from './record-depth.js';
export { isRecordTooDeepError, RecordTooDeepError } from './record-too-deep-error.js';
export type {
  AcademicSession,
  Class,
  Course,
  Demographics,
  Enrollment,
  Org,
  Sex,
  User,
  UserRole,
} from './record-types.js';
export type { RefTarget, RefTypeMismatch } from './ref-targets.js';
export type { BaseRecord } from './shared/base.js';
export { ENTITY_NAMES, type EntityName } from './shared/entity-name.js';
export {
  CLASS_TYPES,
  type ClassType,
  ENROLLMENT_ROLES,
  type EnrollmentRole,
  GRADES,
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
export type { EntityTypes } from './v1p1/entities.js';
export { SEX_VALUES, USER_ROLES } from './v1p1/enums.js';
export type { UserId } from './v1p1/user.js';
export {
  GUID_REF_TYPES_V1P2,
  ROLE_TYPES,
  type RoleType,
  SEX_VALUES_V1P2,
  USER_ROLES_V1P2,
} from './v1p2/enums.js';
export type { UserRoleAssignment } from './v1p2/role-assignment.js';
export type { Credential, UserProfile } from './v1p2/user-profile.js';
export {
  type EntityTypesByVersion,
  type EntityTypesOf,
  ONEROSTER_VERSIONS,
  type OneRosterVersion,
} from './versions.js';
