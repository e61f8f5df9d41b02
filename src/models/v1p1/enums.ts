import type { OpenEnum } from '../shared/open-enum.js';

/** The OneRoster 1.1 vocabularies that 1.2 changed (digest "Data model"); the shared ones are in `shared/enums.ts`. */

/** User `role` values in 1.1 (1.2 replaces `administrator` and adds more: see `USER_ROLES_V1P2`). */
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
/** A 1.1 user's role; unknown values are kept. */
export type UserRole = OpenEnum<(typeof USER_ROLES)[number]>;

/** Demographics `sex` values in 1.1. */
export const SEX_VALUES = ['male', 'female'] as const;
/** Sex as 1.1 records it; unknown values are kept. */
export type Sex = OpenEnum<(typeof SEX_VALUES)[number]>;
