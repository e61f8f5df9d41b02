import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { openEnum } from '../shared/open-enum.js';
import { DEMOGRAPHICS_BOOLEANS, demographicsShape } from '../v1p1/demographics.js';
import { SEX_VALUES_V1P2, type SexV1p2 } from './enums.js';

/**
 * A user's demographic data in 1.2 (1.2 OpenAPI `DemographicsDType`): the 1.1 fields, with
 * `unspecified` and `other` added to `sex`. Sensitive: never requested unless asked by name.
 */
export const DemographicsSchema = z.object({ ...demographicsShape, sex: z.optional(openEnum<SexV1p2>()) });

/** A user's demographic data (1.2). */
export type Demographics = z.infer<typeof DemographicsSchema>;

/** How 1.2 demographics records are normalised and which enums are reported. */
export const DEMOGRAPHICS_FIELD_KINDS = {
  booleans: DEMOGRAPHICS_BOOLEANS,
  dates: ['birthDate'],
  enums: { sex: SEX_VALUES_V1P2 },
} as const satisfies FieldKinds<Demographics>;
