import * as z from 'zod/mini';
import { STATUSES } from './enums.js';

/**
 * A `YYYY-MM-DD` calendar date (session bounds, enrollment dates, birth dates). Kept as a string: a
 * date has no time zone, and turning it into a `Date` would move it across midnight for some readers.
 */
export const IsoDateSchema = z.iso.date();

/**
 * Fields every OneRoster entity carries, in 1.1 and 1.2 alike (digest "Data model"; 1.2 OpenAPI
 * `sourcedId`, `status`, `dateLastModified`, `metadata` on every `*DType`).
 *
 * `dateLastModified` is output as a canonical ISO-8601 UTC datetime with milliseconds
 * (`2026-01-02T03:04:05.000Z`) whatever the provider sent, so stored watermarks compare as strings.
 * `metadata` is the spec's extension point and is passed through untouched.
 */
export const baseShape = {
  sourcedId: z.string().check(z.minLength(1)),
  status: z.enum(STATUSES),
  dateLastModified: z.iso.datetime(),
  metadata: z.optional(z.record(z.string(), z.unknown())),
};

/** The fields shared by every entity. */
export type BaseRecord = z.infer<z.ZodMiniObject<typeof baseShape>>;
