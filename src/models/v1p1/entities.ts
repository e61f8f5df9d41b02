import type { FieldKinds } from '../field-kinds.js';
import type { EntityName } from '../shared/entity-name.js';
import {
  ACADEMIC_SESSION_FIELD_KINDS,
  type AcademicSession,
  AcademicSessionSchema,
} from './academic-session.js';
import { CLASS_FIELD_KINDS, type Class, ClassSchema } from './class.js';
import { COURSE_FIELD_KINDS, type Course, CourseSchema } from './course.js';
import { DEMOGRAPHICS_FIELD_KINDS, type Demographics, DemographicsSchema } from './demographics.js';
import { ENROLLMENT_FIELD_KINDS, type Enrollment, EnrollmentSchema } from './enrollment.js';
import { ORG_FIELD_KINDS, type Org, OrgSchema } from './org.js';
import { USER_FIELD_KINDS, type User, UserSchema } from './user.js';

/** The record type of each OneRoster 1.1 rostering entity, by entity name. */
export interface EntityTypes {
  org: Org;
  academicSession: AcademicSession;
  course: Course;
  class: Class;
  user: User;
  enrollment: Enrollment;
  demographics: Demographics;
}

/**
 * The zod schema of each 1.1 entity. These validate a record that is already normalised and strip
 * unknown properties; to read a provider's raw JSON use `parseRecord`, which normalises first and
 * keeps unknown properties.
 */
export const ENTITY_SCHEMAS = {
  org: OrgSchema,
  academicSession: AcademicSessionSchema,
  course: CourseSchema,
  class: ClassSchema,
  user: UserSchema,
  enrollment: EnrollmentSchema,
  demographics: DemographicsSchema,
} as const satisfies { readonly [E in EntityName]: unknown };

/** How each 1.1 entity's fields are normalised and which enums are reported. */
export const ENTITY_FIELD_KINDS: { readonly [E in EntityName]: FieldKinds<EntityTypes[E]> } = {
  org: ORG_FIELD_KINDS,
  academicSession: ACADEMIC_SESSION_FIELD_KINDS,
  course: COURSE_FIELD_KINDS,
  class: CLASS_FIELD_KINDS,
  user: USER_FIELD_KINDS,
  enrollment: ENROLLMENT_FIELD_KINDS,
  demographics: DEMOGRAPHICS_FIELD_KINDS,
};
