import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { baseShape } from '../shared/base.js';
import { ORG_TYPES, type OrgType } from '../shared/enums.js';
import { GUIDRefSchema } from '../shared/guid-ref.js';
import { openEnum } from '../shared/open-enum.js';

/**
 * An organisation: district, school, department... (digest "Data model": name*, type*, identifier,
 * parent, children). Served by `/orgs` and `/schools`.
 */
export const OrgSchema = z.object({
  ...baseShape,
  name: z.string(),
  type: openEnum<OrgType>(),
  identifier: z.optional(z.string()),
  parent: z.optional(GUIDRefSchema),
  children: z.optional(z.array(GUIDRefSchema)),
});

/** An organisation (district, school, ...). */
export type Org = z.infer<typeof OrgSchema>;

/** How org records are normalised and which enums are reported. */
export const ORG_FIELD_KINDS = {
  refs: ['parent'],
  refLists: ['children'],
  refTargets: { parent: 'org', children: 'org' },
  enums: { type: ORG_TYPES },
} as const satisfies FieldKinds<Org>;
