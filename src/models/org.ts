import { z } from 'zod';
import { baseShape } from './base.js';
import { ORG_TYPES, type OrgType } from './enums.js';
import type { FieldKinds } from './field-kinds.js';
import { GUIDRefSchema } from './guid-ref.js';

/**
 * An organisation: district, school, department... (digest "Data model": name*, type*, identifier,
 * parent, children). Served by `/orgs` and `/schools`.
 */
export const OrgSchema = z.object({
  ...baseShape,
  name: z.string(),
  type: z.string<OrgType>(),
  identifier: z.string().optional(),
  parent: GUIDRefSchema.optional(),
  children: z.array(GUIDRefSchema).optional(),
});

/** An organisation (district, school, ...). */
export type Org = z.infer<typeof OrgSchema>;

/** How org records are normalised and which enums are reported. */
export const ORG_FIELD_KINDS = {
  refs: ['parent'],
  refLists: ['children'],
  enums: { type: ORG_TYPES },
} as const satisfies FieldKinds<Org>;
