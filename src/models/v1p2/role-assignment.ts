import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { IsoDateSchema } from '../shared/base.js';
import { GUIDRefSchema } from '../shared/guid-ref.js';
import { openEnum } from '../shared/open-enum.js';
import { ROLE_TYPES, USER_ROLES_V1P2, type UserRoleV1p2 } from './enums.js';

/**
 * One of a 1.2 user's roles: a role in one org (1.2 OpenAPI `RoleDType`: roleType*, role*, org*,
 * userProfile, beginDate, endDate). It replaces 1.1's single `role` and `orgs` list.
 */
export const UserRoleAssignmentSchema = z.object({
  /** `primary` for the user's main role in this org; the spec allows one primary role per org. */
  roleType: z.enum(ROLE_TYPES),
  role: openEnum<UserRoleV1p2>(),
  org: GUIDRefSchema,
  /** The `profileId` of the user profile this role uses, if any (an item of the user's `userProfiles`). */
  userProfile: z.optional(z.string()),
  /** First day of the role (inclusive). */
  beginDate: z.optional(IsoDateSchema),
  /** Day the role ends (exclusive). */
  endDate: z.optional(IsoDateSchema),
});

/** A user's role in one org (an item of a 1.2 user's `roles`). */
export type UserRoleAssignment = z.infer<typeof UserRoleAssignmentSchema>;

/** `Primary` and other letter cases are harmless encodings of the closed `roleType` vocabulary. */
function lowerCaseRoleType(assignment: Record<string, unknown>): void {
  const roleType = assignment['roleType'];
  if (typeof roleType === 'string') assignment['roleType'] = roleType.trim().toLowerCase();
}

/** How each role assignment is normalised and which enums are reported (`roles.0.role`, `roles.0.org.type`). */
export const ROLE_ASSIGNMENT_FIELD_KINDS = {
  dates: ['beginDate', 'endDate'],
  refs: ['org'],
  refTargets: { org: 'org' },
  enums: { role: USER_ROLES_V1P2 },
  repair: lowerCaseRoleType,
} as const satisfies FieldKinds<UserRoleAssignment>;
