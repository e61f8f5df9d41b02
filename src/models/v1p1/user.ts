import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';
import { deriveUserRoleFields } from '../normalize/user-roles.js';
import { baseShape } from '../shared/base.js';
import { GRADES, type Grade } from '../shared/enums.js';
import { GUIDRefSchema } from '../shared/guid-ref.js';
import { openEnum } from '../shared/open-enum.js';
import { USER_ROLES, type UserRole } from './enums.js';

/** Another identifier of a user in some system (`{type, identifier}`, spec OpenAPI `UserId.Type`). */
export const UserIdSchema = z.object({
  type: z.optional(z.string()),
  identifier: z.string(),
});

/** Another identifier of a user, e.g. a state student number. */
export type UserId = z.infer<typeof UserIdSchema>;

/**
 * A student, teacher, guardian, administrator... (digest "Data model": username*, userIds,
 * enabledUser*, givenName*, familyName*, middleName, role*, identifier, email, sms, phone, agents,
 * orgs*, grades, password). Served by `/users`, `/students`, `/teachers`.
 *
 * A 1.2-shaped user (`roles[]` instead of `role`/`orgs`) gets `role` and `orgs` derived in lenient
 * mode; its `roles` stay on the record as sent.
 */
export const UserSchema = z.object({
  ...baseShape,
  username: z.string(),
  userIds: z.optional(z.array(UserIdSchema)),
  enabledUser: z.boolean(),
  givenName: z.string(),
  familyName: z.string(),
  middleName: z.optional(z.string()),
  role: openEnum<UserRole>(),
  identifier: z.optional(z.string()),
  email: z.optional(z.string()),
  sms: z.optional(z.string()),
  phone: z.optional(z.string()),
  agents: z.optional(z.array(GUIDRefSchema)),
  orgs: z.array(GUIDRefSchema),
  grades: z.optional(z.array(openEnum<Grade>())),
  password: z.optional(z.string()),
});

/** A user of any role. */
export type User = z.infer<typeof UserSchema>;

/** How user records are normalised and which enums are reported. */
export const USER_FIELD_KINDS = {
  booleans: ['enabledUser'],
  refLists: ['agents', 'orgs'],
  refTargets: { agents: 'user', orgs: 'org' },
  objectLists: ['userIds'],
  enums: { role: USER_ROLES },
  enumLists: { grades: GRADES },
  repair: deriveUserRoleFields,
} as const satisfies FieldKinds<User>;
