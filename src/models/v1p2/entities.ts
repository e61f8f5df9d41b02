import type { FieldKinds } from '../field-kinds.js';
import type { EntityName } from '../shared/entity-name.js';
import {
  ACADEMIC_SESSION_FIELD_KINDS,
  type AcademicSession,
  AcademicSessionSchema,
} from '../v1p1/academic-session.js';
import { CLASS_FIELD_KINDS, type Class, ClassSchema } from '../v1p1/class.js';
import { COURSE_FIELD_KINDS, type Course, CourseSchema } from '../v1p1/course.js';
import { ENROLLMENT_FIELD_KINDS, type Enrollment, EnrollmentSchema } from '../v1p1/enrollment.js';
import { ORG_FIELD_KINDS, type Org, OrgSchema } from '../v1p1/org.js';
import { DEMOGRAPHICS_FIELD_KINDS, type Demographics, DemographicsSchema } from './demographics.js';
import { USER_FIELD_KINDS, type User, UserSchema } from './user.js';

/**
 * The record type of each OneRoster 1.2 rostering entity. Orgs, academic sessions, courses, classes
 * and enrollments have the same fields in the 1.2 OpenAPI as in 1.1, so they share the 1.1 models
 * (1.2 requires an org's `identifier`; it stays optional here, as many districts leave it empty and
 * an org without one would orphan every record below it). Users and demographics differ.
 */
export interface EntityTypes {
  org: Org;
  academicSession: AcademicSession;
  course: Course;
  class: Class;
  user: User;
  enrollment: Enrollment;
  demographics: Demographics;
}

/** The zod schema of each 1.2 entity (for a normalised record; `parseRecord` reads raw JSON). */
export const ENTITY_SCHEMAS = {
  org: OrgSchema,
  academicSession: AcademicSessionSchema,
  course: CourseSchema,
  class: ClassSchema,
  user: UserSchema,
  enrollment: EnrollmentSchema,
  demographics: DemographicsSchema,
} as const satisfies { readonly [E in EntityName]: unknown };

/** How each 1.2 entity's fields are normalised and which enums are reported. */
export const ENTITY_FIELD_KINDS: { readonly [E in EntityName]: FieldKinds<EntityTypes[E]> } = {
  org: ORG_FIELD_KINDS,
  academicSession: ACADEMIC_SESSION_FIELD_KINDS,
  course: COURSE_FIELD_KINDS,
  class: CLASS_FIELD_KINDS,
  user: USER_FIELD_KINDS,
  enrollment: ENROLLMENT_FIELD_KINDS,
  demographics: DEMOGRAPHICS_FIELD_KINDS,
};
