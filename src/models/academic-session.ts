import { z } from 'zod';
import { baseShape, IsoDateSchema } from './base.js';
import { SESSION_TYPES, type SessionType } from './enums.js';
import type { FieldKinds } from './field-kinds.js';
import { GUIDRefSchema } from './guid-ref.js';

/**
 * A school year, term, semester or grading period (digest "Data model": title*, startDate*, endDate*,
 * type*, schoolYear*, parent, children). Served by `/academicSessions`, `/terms`, `/gradingPeriods`.
 */
export const AcademicSessionSchema = z.object({
  ...baseShape,
  title: z.string(),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  type: z.string<SessionType>(),
  /** The ending year, e.g. `"2027"` for 2026-27. */
  schoolYear: z.string(),
  parent: GUIDRefSchema.optional(),
  children: z.array(GUIDRefSchema).optional(),
});

/** A school year, term, semester or grading period. */
export type AcademicSession = z.infer<typeof AcademicSessionSchema>;

/** How academic session records are normalised and which enums are reported. */
export const ACADEMIC_SESSION_FIELD_KINDS = {
  dates: ['startDate', 'endDate'],
  refs: ['parent'],
  refLists: ['children'],
  numericStrings: ['schoolYear'],
  enums: { type: SESSION_TYPES },
} as const satisfies FieldKinds<AcademicSession>;
