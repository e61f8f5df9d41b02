import { z } from 'zod';
import type { GUIDRefType } from './enums.js';

/**
 * A reference to another record: `{href, sourcedId, type}` (digest "Data model").
 *
 * `href` is opaque (relative, absolute or `~/ims/...` in the wild) and some providers omit it, so it is
 * optional here; nothing in the SDK follows it. `type` is kept as sent and reported when unknown.
 */
export const GUIDRefSchema = z.object({
  href: z.string().optional(),
  sourcedId: z.string().min(1),
  type: z.string<GUIDRefType>(),
});

/** A reference to another record; `sourcedId` is what joins records together. */
export type GUIDRef = z.infer<typeof GUIDRefSchema>;
