import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { baseShape } from '../shared/base.js';
import { GRADES, type Grade } from '../shared/enums.js';
import { GUIDRefSchema } from '../shared/guid-ref.js';
import { openEnum } from '../shared/open-enum.js';

/**
 * A course: the catalogue entry classes are sections of (digest "Data model": title*, courseCode*,
 * schoolYear, grades, subjects, org, subjectCodes, resources).
 */
export const CourseSchema = z.object({
  ...baseShape,
  title: z.string(),
  courseCode: z.string(),
  schoolYear: z.optional(GUIDRefSchema),
  grades: z.optional(z.array(openEnum<Grade>())),
  subjects: z.optional(z.array(z.string())),
  org: z.optional(GUIDRefSchema),
  subjectCodes: z.optional(z.array(z.string())),
  resources: z.optional(z.array(GUIDRefSchema)),
});

/** A course. */
export type Course = z.infer<typeof CourseSchema>;

/** How course records are normalised and which enums are reported. */
export const COURSE_FIELD_KINDS = {
  refs: ['schoolYear', 'org'],
  refLists: ['resources'],
  refTargets: { schoolYear: 'academicSession', org: 'org', resources: 'resource' },
  enumLists: { grades: GRADES },
} as const satisfies FieldKinds<Course>;
