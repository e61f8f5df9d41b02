import { z } from 'zod';
import { baseShape, IsoDateSchema } from './base.js';
import { SEX_VALUES, type Sex } from './enums.js';
import type { FieldKinds } from './field-kinds.js';

/**
 * A user's demographic data; its `sourcedId` is the user's (digest "Data model"). Sensitive (race,
 * birth data): the SDK never requests it unless asked by name, and it has no `minimal` field preset.
 */
export const DemographicsSchema = z.object({
  ...baseShape,
  birthDate: IsoDateSchema.optional(),
  sex: z.optional(z.string<Sex>()),
  americanIndianOrAlaskaNative: z.boolean().optional(),
  asian: z.boolean().optional(),
  blackOrAfricanAmerican: z.boolean().optional(),
  nativeHawaiianOrOtherPacificIslander: z.boolean().optional(),
  white: z.boolean().optional(),
  demographicRaceTwoOrMoreRaces: z.boolean().optional(),
  hispanicOrLatinoEthnicity: z.boolean().optional(),
  countryOfBirthCode: z.string().optional(),
  stateOfBirthAbbreviation: z.string().optional(),
  cityOfBirth: z.string().optional(),
  publicSchoolResidenceStatus: z.string().optional(),
});

/** A user's demographic data. */
export type Demographics = z.infer<typeof DemographicsSchema>;

/** How demographics records are normalised and which enums are reported. */
export const DEMOGRAPHICS_FIELD_KINDS = {
  booleans: [
    'americanIndianOrAlaskaNative',
    'asian',
    'blackOrAfricanAmerican',
    'nativeHawaiianOrOtherPacificIslander',
    'white',
    'demographicRaceTwoOrMoreRaces',
    'hispanicOrLatinoEthnicity',
  ],
  dates: ['birthDate'],
  enums: { sex: SEX_VALUES },
} as const satisfies FieldKinds<Demographics>;
