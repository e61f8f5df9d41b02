import type { OpenEnum } from '../shared/open-enum.js';

/**
 * The OneRoster 1.2 vocabularies that differ from 1.1 (1.2 rostering OpenAPI, `RoleDType`,
 * `DemographicsDType`, `*GUIDRefDType`); the shared ones are in `shared/enums.ts`.
 */

/** The `role` of a 1.2 user's role assignment (`roles[].role`). 1.1's `administrator` is split in three. */
export const USER_ROLES_V1P2 = [
  'aide',
  'counselor',
  'districtAdministrator',
  'guardian',
  'parent',
  'principal',
  'proctor',
  'relative',
  'siteAdministrator',
  'student',
  'systemAdministrator',
  'teacher',
] as const;
/** A 1.2 user's role in an org; unknown values are kept. */
export type UserRoleV1p2 = OpenEnum<(typeof USER_ROLES_V1P2)[number]>;

/** Whether a role assignment is the user's primary one for its org (closed: one primary role per org). */
export const ROLE_TYPES = ['primary', 'secondary'] as const;
/** `primary` or `secondary`. */
export type RoleType = (typeof ROLE_TYPES)[number];

/** Demographics `sex` values in 1.2 (1.1 has only `male` and `female`). */
export const SEX_VALUES_V1P2 = ['male', 'female', 'unspecified', 'other'] as const;
/** Sex as 1.2 records it; unknown values are kept. */
export type SexV1p2 = OpenEnum<(typeof SEX_VALUES_V1P2)[number]>;

/**
 * GUIDRef `type` values of 1.2 rostering: each `*GUIDRefDType` allows the one type of its target
 * (`OrgGUIDRefDType` is `org`, ...). 1.1's `student`, `teacher` and `term` are not among them.
 */
export const GUID_REF_TYPES_V1P2 = ['academicSession', 'class', 'course', 'org', 'resource', 'user'] as const;
