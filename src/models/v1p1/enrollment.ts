import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { baseShape, IsoDateSchema } from '../shared/base.js';
import { ENROLLMENT_ROLES, type EnrollmentRole } from '../shared/enums.js';
import { GUIDRefSchema } from '../shared/guid-ref.js';
import { openEnum } from '../shared/open-enum.js';

/**
 * A user's membership of a class (digest "Data model": user*, class*, school*, role*, primary,
 * beginDate, endDate).
 */
export const EnrollmentSchema = z.object({
  ...baseShape,
  user: GUIDRefSchema,
  class: GUIDRefSchema,
  school: GUIDRefSchema,
  role: openEnum<EnrollmentRole>(),
  /** For teachers: whether this is the class's main teacher. */
  primary: z.optional(z.boolean()),
  beginDate: z.optional(IsoDateSchema),
  endDate: z.optional(IsoDateSchema),
});

/** A user's membership of a class. */
export type Enrollment = z.infer<typeof EnrollmentSchema>;

/** How enrollment records are normalised and which enums are reported. */
export const ENROLLMENT_FIELD_KINDS = {
  booleans: ['primary'],
  dates: ['beginDate', 'endDate'],
  refs: ['user', 'class', 'school'],
  refTargets: { user: 'user', class: 'class', school: 'org' },
  enums: { role: ENROLLMENT_ROLES },
} as const satisfies FieldKinds<Enrollment>;
