import { z } from 'zod';
import { baseShape } from './base.js';
import { CLASS_TYPES, type ClassType, type Grade } from './enums.js';
import type { FieldKinds } from './field-kinds.js';
import { GUIDRefSchema } from './guid-ref.js';

/**
 * A class: a section of a course, taught in a school during some terms (digest "Data model": title*,
 * classCode, classType, location, grades, subjects, course*, school*, terms*, subjectCodes, periods,
 * resources).
 */
export const ClassSchema = z.object({
  ...baseShape,
  title: z.string(),
  classCode: z.string().optional(),
  classType: z.optional(z.string<ClassType>()),
  location: z.string().optional(),
  grades: z.array(z.string<Grade>()).optional(),
  subjects: z.array(z.string()).optional(),
  course: GUIDRefSchema,
  school: GUIDRefSchema,
  terms: z.array(GUIDRefSchema),
  subjectCodes: z.array(z.string()).optional(),
  /** Always a list here; a provider's single comma-separated string is split. */
  periods: z.array(z.string()).optional(),
  resources: z.array(GUIDRefSchema).optional(),
});

/** A class (a course section). */
export type Class = z.infer<typeof ClassSchema>;

/** How class records are normalised and which enums are reported. */
export const CLASS_FIELD_KINDS = {
  refs: ['course', 'school'],
  refLists: ['terms', 'resources'],
  stringLists: ['periods'],
  enums: { classType: CLASS_TYPES },
} as const satisfies FieldKinds<Class>;
