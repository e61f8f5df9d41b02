import { z } from 'zod';
import { baseShape, IsoDateSchema } from './base.js';
import { ENROLLMENT_ROLES, type EnrollmentRole } from './enums.js';
import type { FieldKinds } from './field-kinds.js';
import { GUIDRefSchema } from './guid-ref.js';

/**
 * A user's membership of a class (digest "Data model": user*, class*, school*, role*, primary,
 * beginDate, endDate).
 */
export const EnrollmentSchema = z.object({
  ...baseShape,
  user: GUIDRefSchema,
  class: GUIDRefSchema,
  school: GUIDRefSchema,
  role: z.string<EnrollmentRole>(),
  /** For teachers: whether this is the class's main teacher. */
  primary: z.boolean().optional(),
  beginDate: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
});

/** A user's membership of a class. */
export type Enrollment = z.infer<typeof EnrollmentSchema>;

/** How enrollment records are normalised and which enums are reported. */
export const ENROLLMENT_FIELD_KINDS = {
  booleans: ['primary'],
  dates: ['beginDate', 'endDate'],
  refs: ['user', 'class', 'school'],
  enums: { role: ENROLLMENT_ROLES },
} as const satisfies FieldKinds<Enrollment>;
