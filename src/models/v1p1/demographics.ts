import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { baseShape, IsoDateSchema } from '../shared/base.js';
import { openEnum } from '../shared/open-enum.js';
import { SEX_VALUES, type Sex } from './enums.js';

/** The fields of a demographics record: the same in 1.1 and 1.2 (only the `sex` vocabulary grew). */
export const demographicsShape = {
  ...baseShape,
  birthDate: z.optional(IsoDateSchema),
  sex: z.optional(openEnum<Sex>()),
  americanIndianOrAlaskaNative: z.optional(z.boolean()),
  asian: z.optional(z.boolean()),
  blackOrAfricanAmerican: z.optional(z.boolean()),
  nativeHawaiianOrOtherPacificIslander: z.optional(z.boolean()),
  white: z.optional(z.boolean()),
  demographicRaceTwoOrMoreRaces: z.optional(z.boolean()),
  hispanicOrLatinoEthnicity: z.optional(z.boolean()),
  countryOfBirthCode: z.optional(z.string()),
  stateOfBirthAbbreviation: z.optional(z.string()),
  cityOfBirth: z.optional(z.string()),
  publicSchoolResidenceStatus: z.optional(z.string()),
};

/**
 * A user's demographic data; its `sourcedId` is the user's (digest "Data model"). Sensitive (race,
 * birth data): the SDK never requests it unless asked by name, and it has no `minimal` field preset.
 */
export const DemographicsSchema = z.object(demographicsShape);

/** A user's demographic data. */
export type Demographics = z.infer<typeof DemographicsSchema>;

/** The spec booleans of demographics: the race and ethnicity flags. */
export const DEMOGRAPHICS_BOOLEANS = [
  'americanIndianOrAlaskaNative',
  'asian',
  'blackOrAfricanAmerican',
  'nativeHawaiianOrOtherPacificIslander',
  'white',
  'demographicRaceTwoOrMoreRaces',
  'hispanicOrLatinoEthnicity',
] as const;

/** How demographics records are normalised and which enums are reported. */
export const DEMOGRAPHICS_FIELD_KINDS = {
  booleans: DEMOGRAPHICS_BOOLEANS,
  dates: ['birthDate'],
  enums: { sex: SEX_VALUES },
} as const satisfies FieldKinds<Demographics>;
