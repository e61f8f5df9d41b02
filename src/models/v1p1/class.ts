import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { baseShape } from '../shared/base.js';
import { CLASS_TYPES, type ClassType, GRADES, type Grade } from '../shared/enums.js';
import { GUIDRefSchema } from '../shared/guid-ref.js';
import { openEnum } from '../shared/open-enum.js';

/**
 * A class: a section of a course, taught in a school during some terms (digest "Data model": title*,
 * classCode, classType, location, grades, subjects, course*, school*, terms*, subjectCodes, periods,
 * resources).
 */
export const ClassSchema = z.object({
  ...baseShape,
  title: z.string(),
  classCode: z.optional(z.string()),
  classType: z.optional(openEnum<ClassType>()),
  location: z.optional(z.string()),
  grades: z.optional(z.array(openEnum<Grade>())),
  subjects: z.optional(z.array(z.string())),
  course: GUIDRefSchema,
  school: GUIDRefSchema,
  terms: z.array(GUIDRefSchema),
  subjectCodes: z.optional(z.array(z.string())),
  /** Always a list here; a provider's single comma-separated string is split. */
  periods: z.optional(z.array(z.string())),
  resources: z.optional(z.array(GUIDRefSchema)),
});

/** A class (a course section). */
export type Class = z.infer<typeof ClassSchema>;

/** How class records are normalised and which enums are reported. */
export const CLASS_FIELD_KINDS = {
  refs: ['course', 'school'],
  refLists: ['terms', 'resources'],
  refTargets: { course: 'course', school: 'org', terms: 'academicSession', resources: 'resource' },
  stringLists: ['periods'],
  enums: { classType: CLASS_TYPES },
  enumLists: { grades: GRADES },
} as const satisfies FieldKinds<Class>;
