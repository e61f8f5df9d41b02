import { z } from 'zod';
import { baseShape } from './base.js';
import { type Grade, USER_ROLES, type UserRole } from './enums.js';
import type { FieldKinds } from './field-kinds.js';
import { GUIDRefSchema } from './guid-ref.js';
import { deriveUserRoleFields } from './normalize/user-roles.js';

/** Another identifier of a user in some system (`{type, identifier}`, spec OpenAPI `UserId.Type`). */
export const UserIdSchema = z.object({
  type: z.string().optional(),
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
  userIds: z.array(UserIdSchema).optional(),
  enabledUser: z.boolean(),
  givenName: z.string(),
  familyName: z.string(),
  middleName: z.string().optional(),
  role: z.string<UserRole>(),
  identifier: z.string().optional(),
  email: z.string().optional(),
  sms: z.string().optional(),
  phone: z.string().optional(),
  agents: z.array(GUIDRefSchema).optional(),
  orgs: z.array(GUIDRefSchema),
  grades: z.array(z.string<Grade>()).optional(),
  password: z.string().optional(),
});

/** A user of any role. */
export type User = z.infer<typeof UserSchema>;

/** How user records are normalised and which enums are reported. */
export const USER_FIELD_KINDS = {
  booleans: ['enabledUser'],
  refLists: ['agents', 'orgs'],
  objectLists: ['userIds'],
  enums: { role: USER_ROLES },
  repair: deriveUserRoleFields,
} as const satisfies FieldKinds<User>;
