import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { baseShape, IsoDateSchema } from '../shared/base.js';
import { SESSION_TYPES, type SessionType } from '../shared/enums.js';
import { GUIDRefSchema } from '../shared/guid-ref.js';
import { openEnum } from '../shared/open-enum.js';

/**
 * A school year, term, semester or grading period (digest "Data model": title*, startDate*, endDate*,
 * type*, schoolYear*, parent, children). Served by `/academicSessions`, `/terms`, `/gradingPeriods`.
 */
export const AcademicSessionSchema = z.object({
  ...baseShape,
  title: z.string(),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  type: openEnum<SessionType>(),
  /** The ending year, e.g. `"2027"` for 2026-27. */
  schoolYear: z.string(),
  parent: z.optional(GUIDRefSchema),
  children: z.optional(z.array(GUIDRefSchema)),
});

/** A school year, term, semester or grading period. */
export type AcademicSession = z.infer<typeof AcademicSessionSchema>;

/** How academic session records are normalised and which enums are reported. */
export const ACADEMIC_SESSION_FIELD_KINDS = {
  dates: ['startDate', 'endDate'],
  refs: ['parent'],
  refLists: ['children'],
  refTargets: { parent: 'academicSession', children: 'academicSession' },
  numericStrings: ['schoolYear'],
  enums: { type: SESSION_TYPES },
} as const satisfies FieldKinds<AcademicSession>;
