import {
  ACADEMIC_SESSION_FIELD_KINDS,
  type AcademicSession,
  AcademicSessionSchema,
} from './academic-session.js';
import { CLASS_FIELD_KINDS, type Class, ClassSchema } from './class.js';
import { COURSE_FIELD_KINDS, type Course, CourseSchema } from './course.js';
import { DEMOGRAPHICS_FIELD_KINDS, type Demographics, DemographicsSchema } from './demographics.js';
import { ENROLLMENT_FIELD_KINDS, type Enrollment, EnrollmentSchema } from './enrollment.js';
import type { FieldKinds } from './field-kinds.js';
import { ORG_FIELD_KINDS, type Org, OrgSchema } from './org.js';
import { USER_FIELD_KINDS, type User, UserSchema } from './user.js';

/** The record type of each rostering entity, by entity name. */
export interface EntityTypes {
  org: Org;
  academicSession: AcademicSession;
  course: Course;
  class: Class;
  user: User;
  enrollment: Enrollment;
  demographics: Demographics;
}

/** A rostering entity, named as in a GUIDRef `type` (`/schools` serves `org`, `/students` serves `user`). */
export type EntityName = keyof EntityTypes;

/**
 * The zod schema of each entity. These validate a record that is already normalised and strip
 * unknown properties; to read a provider's raw JSON use {@link parseRecord}, which normalises first
 * and keeps unknown properties.
 */
export const ENTITY_SCHEMAS = {
  org: OrgSchema,
  academicSession: AcademicSessionSchema,
  course: CourseSchema,
  class: ClassSchema,
  user: UserSchema,
  enrollment: EnrollmentSchema,
  demographics: DemographicsSchema,
} as const;

/** How each entity's fields are normalised and which enums are reported. */
export const ENTITY_FIELD_KINDS: { readonly [E in EntityName]: FieldKinds<EntityTypes[E]> } = {
  org: ORG_FIELD_KINDS,
  academicSession: ACADEMIC_SESSION_FIELD_KINDS,
  course: COURSE_FIELD_KINDS,
  class: CLASS_FIELD_KINDS,
  user: USER_FIELD_KINDS,
  enrollment: ENROLLMENT_FIELD_KINDS,
  demographics: DEMOGRAPHICS_FIELD_KINDS,
};

/** Every entity name, in dependency order (orgs before the records that point at them). */
export const ENTITY_NAMES: readonly EntityName[] = [
  'org',
  'academicSession',
  'course',
  'class',
  'user',
  'enrollment',
  'demographics',
];
