import * as z from 'zod/mini';
import type { FieldKinds } from '../field-kinds.js';

/**
 * One set of credentials of a user profile (1.2 OpenAPI `CredentialDType`: type*, username*,
 * password; other properties allowed and kept). Its `password` is a secret: the `minimal` preset
 * never asks for `userProfiles`.
 */
export const CredentialSchema = z.looseObject({
  type: z.string(),
  username: z.string(),
  password: z.optional(z.string()),
});

/** A user's credentials for one system, tool or app. */
export type Credential = z.infer<typeof CredentialSchema>;

/**
 * An account of a user in some system, tool or app (1.2 OpenAPI `UserProfileDType`: profileId*,
 * profileType*, vendorId*, applicationId, description, credentials).
 */
export const UserProfileSchema = z.object({
  profileId: z.string(),
  profileType: z.string(),
  vendorId: z.string(),
  applicationId: z.optional(z.string()),
  description: z.optional(z.string()),
  credentials: z.optional(z.array(CredentialSchema)),
});

/** A user's account in some system, tool or app (an item of a 1.2 user's `userProfiles`). */
export type UserProfile = z.infer<typeof UserProfileSchema>;

/** How each user profile is normalised: `null`s inside its credentials mean absent. */
export const USER_PROFILE_FIELD_KINDS = {
  objectLists: ['credentials'],
} as const satisfies FieldKinds<UserProfile>;
