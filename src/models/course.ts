import { z } from 'zod';
import { baseShape } from './base.js';
import type { Grade } from './enums.js';
import type { FieldKinds } from './field-kinds.js';
import { GUIDRefSchema } from './guid-ref.js';

/**
 * A course: the catalogue entry classes are sections of (digest "Data model": title*, courseCode*,
 * schoolYear, grades, subjects, org, subjectCodes, resources).
 */
export const CourseSchema = z.object({
  ...baseShape,
  title: z.string(),
  courseCode: z.string(),
  schoolYear: GUIDRefSchema.optional(),
  grades: z.array(z.string<Grade>()).optional(),
  subjects: z.array(z.string()).optional(),
  org: GUIDRefSchema.optional(),
  subjectCodes: z.array(z.string()).optional(),
  resources: z.array(GUIDRefSchema).optional(),
});

/** A course. */
export type Course = z.infer<typeof CourseSchema>;

/** How course records are normalised. */
export const COURSE_FIELD_KINDS = {
  refs: ['schoolYear', 'org'],
  refLists: ['resources'],
} as const satisfies FieldKinds<Course>;
