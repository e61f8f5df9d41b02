import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { deriveRoleAssignments } from '../normalize/user-roles.js';
import { baseShape } from '../shared/base.js';
import { GRADES, type Grade } from '../shared/enums.js';
import { GUIDRefSchema } from '../shared/guid-ref.js';
import { openEnum } from '../shared/open-enum.js';
import { UserIdSchema } from '../v1p1/user.js';
import { ROLE_ASSIGNMENT_FIELD_KINDS, UserRoleAssignmentSchema } from './role-assignment.js';
import { USER_PROFILE_FIELD_KINDS, UserProfileSchema } from './user-profile.js';

/**
 * A OneRoster 1.2 user (1.2 OpenAPI `UserDType`: userMasterIdentifier, username, userIds,
 * enabledUser*, givenName*, familyName*, middleName, preferredFirstName, preferredMiddleName,
 * preferredLastName, pronouns, roles*, userProfiles, primaryOrg, identifier, email, sms, phone,
 * agents, grades, password, resources). Served by `/users`, `/students`, `/teachers`.
 *
 * It has no `role` and no `orgs`: each of its `roles` names a role in one org. `username` is optional
 * in 1.2 (`userProfiles` carry per-system accounts).
 */
export const UserSchema = z.object({
  ...baseShape,
  /** The identifier that reconciles this person's accounts across systems (not the sourcedId). */
  userMasterIdentifier: z.optional(z.string()),
  username: z.optional(z.string()),
  userIds: z.optional(z.array(UserIdSchema)),
  enabledUser: z.boolean(),
  givenName: z.string(),
  familyName: z.string(),
  middleName: z.optional(z.string()),
  preferredFirstName: z.optional(z.string()),
  preferredMiddleName: z.optional(z.string()),
  preferredLastName: z.optional(z.string()),
  pronouns: z.optional(z.string()),
  /** At least one (spec `minItems: 1`); one `primary` role per org. */
  roles: z.array(UserRoleAssignmentSchema).check(z.minLength(1)),
  userProfiles: z.optional(z.array(UserProfileSchema)),
  primaryOrg: z.optional(GUIDRefSchema),
  identifier: z.optional(z.string()),
  email: z.optional(z.string()),
  sms: z.optional(z.string()),
  phone: z.optional(z.string()),
  agents: z.optional(z.array(GUIDRefSchema)),
  grades: z.optional(z.array(openEnum<Grade>())),
  password: z.optional(z.string()),
  resources: z.optional(z.array(GUIDRefSchema)),
});

/** A OneRoster 1.2 user of any role. */
export type User = z.infer<typeof UserSchema>;

/** How 1.2 user records are normalised and which enums are reported. */
export const USER_FIELD_KINDS = {
  booleans: ['enabledUser'],
  refs: ['primaryOrg'],
  refLists: ['agents', 'resources'],
  refTargets: { primaryOrg: 'org', agents: 'user', resources: 'resource' },
  enumLists: { grades: GRADES },
  objectLists: ['userIds'],
  nestedLists: { roles: ROLE_ASSIGNMENT_FIELD_KINDS, userProfiles: USER_PROFILE_FIELD_KINDS },
  repair: deriveRoleAssignments,
} as const satisfies FieldKinds<User>;
