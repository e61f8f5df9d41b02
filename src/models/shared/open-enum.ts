import * as z from 'zod/mini';

/**
 * A known literal union that still admits any other string. `(string & {})` stops TypeScript from
 * collapsing the union into `string`, which would lose autocomplete.
 */
export type OpenEnum<Known extends string> = Known | (string & {});

/**
 * The schema of an open enum: any string, typed as the known values for autocomplete. Providers send
 * values beyond the spec's lists (digest "Deviations"), so they are kept and reported, never rejected;
 * the known values are listed in the entity's field kinds, where the reporting reads them.
 * No cast is needed: every string is an `OpenEnum<Known>`.
 */
export function openEnum<Known extends string>(): z.ZodMiniType<OpenEnum<Known>, OpenEnum<Known>> {
  return z.string();
}
