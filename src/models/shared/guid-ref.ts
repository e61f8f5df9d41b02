import * as z from 'zod/mini';
import type { GUIDRefType } from './enums.js';
import { openEnum } from './open-enum.js';

/**
 * A reference to another record: `{href, sourcedId, type}` (digest "Data model"; 1.2 OpenAPI
 * `*GUIDRefDType`, one per target entity).
 *
 * `href` is opaque (relative, absolute or `~/ims/...` in the wild) and some providers omit it, so it is
 * optional here although 1.2 requires it; nothing in the SDK follows it. `type` is kept as sent and
 * reported when the version does not know it, or when it contradicts the field (an `orgs[]` entry
 * typed `teacher`).
 */
export const GUIDRefSchema = z.object({
  href: z.optional(z.string()),
  sourcedId: z.string().check(z.minLength(1)),
  type: openEnum<GUIDRefType>(),
});

/** A reference to another record; `sourcedId` is what joins records together. */
export type GUIDRef = z.infer<typeof GUIDRefSchema>;
