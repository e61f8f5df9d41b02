/**
 * The fields of the OneRoster 1.2 rostering model (1EdTech 1.2 OpenAPI, component schemas), for
 * `fields`, `filter` and `sort` checks on a 1.2 provider. Users lose 1.1's `role` and `orgs` to `roles`.
 */
import { type CollectionName, KNOWN_FIELDS, OPTIONAL_FIELDS } from '../district/records.js';

/** User fields 1.2 added (UserDType). */
export const V1P2_ONLY_USER_FIELDS: readonly string[] = [
  'userMasterIdentifier',
  'preferredFirstName',
  'preferredMiddleName',
  'preferredLastName',
  'pronouns',
  'roles',
  'userProfiles',
  'primaryOrg',
  'resources',
];

/** User fields of 1.1 that 1.2 removed. */
const V1P1_ONLY_USER_FIELDS: readonly string[] = ['role', 'orgs'];

const withoutV1p1 = (fields: readonly string[]): string[] =>
  fields.filter((field) => !V1P1_ONLY_USER_FIELDS.includes(field));

/** Optional fields of each 1.2 entity, for the `nullOptionalFields` quirk. */
export const OPTIONAL_FIELDS_V1P2: Record<CollectionName, readonly string[]> = {
  ...OPTIONAL_FIELDS,
  users: [...OPTIONAL_FIELDS.users, ...V1P2_ONLY_USER_FIELDS.filter((field) => field !== 'roles')],
};

/** Every field of each 1.2 entity; the other entities have the same fields as in 1.1. */
export const KNOWN_FIELDS_V1P2: Record<CollectionName, readonly string[]> = {
  ...KNOWN_FIELDS,
  users: [...withoutV1p1(KNOWN_FIELDS.users), ...V1P2_ONLY_USER_FIELDS],
};
