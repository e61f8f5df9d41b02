/**
 * A stored (1.1-shaped) record as OneRoster 1.2 describes it (1EdTech 1.2 OpenAPI): users get
 * `roles[]`, `primaryOrg` and the 1.2 person fields instead of `role` and `orgs`; roles and statuses
 * use the 1.2 vocabularies; GUIDRefs point at the 1.2 paths; re-keyed records get their new ids.
 * The same record, so both views of one district hold the same people and memberships.
 */
import type { DistrictShape } from '../district/district-options.js';
import type { CollectionName, RosterRecord } from '../district/records.js';
import { userFactsV1p2 } from '../district/user-facts-v1p2.js';
import { LEGACY_ID_PATH, type Rekeying } from './rekey.js';
import { ROSTERING_PATHS } from './versions.js';

/** What the 1.2 view needs besides the record. */
export interface V1p2ViewContext {
  readonly shape: DistrictShape;
  readonly rekeying: Rekeying;
  /** The `type` of an org (`district`, `school`...), to name an administrator's 1.2 role. */
  orgType(sourcedId: string): unknown;
}

/** A GUIDRef as stored. */
type StoredRef = { readonly sourcedId: string; readonly type: string; readonly href?: unknown };

/** The collection a GUIDRef's `type` points into. */
const REF_COLLECTION: Readonly<Record<string, CollectionName>> = {
  org: 'orgs',
  school: 'orgs',
  district: 'orgs',
  academicSession: 'academicSessions',
  term: 'academicSessions',
  gradingPeriod: 'academicSessions',
  course: 'courses',
  class: 'classes',
  user: 'users',
  student: 'users',
  teacher: 'users',
  enrollment: 'enrollments',
};

/** User roles of 1.2 (RoleDType.role). */
const USER_ROLES = new Set([
  'aide',
  'counselor',
  'districtAdministrator',
  'guardian',
  'parent',
  'principal',
  'proctor',
  'relative',
  'siteAdministrator',
  'student',
  'systemAdministrator',
  'teacher',
]);

/** Enrollment roles of 1.2 (EnrollmentDType.role). */
const ENROLLMENT_ROLES = new Set(['administrator', 'proctor', 'student', 'teacher']);

/** User fields in the order of the 1.2 UserDType, so a 1.2 user reads like the spec's. */
const USER_FIELD_ORDER: readonly string[] = [
  'sourcedId',
  'status',
  'dateLastModified',
  'metadata',
  'userMasterIdentifier',
  'username',
  'userIds',
  'enabledUser',
  'givenName',
  'familyName',
  'middleName',
  'preferredFirstName',
  'preferredMiddleName',
  'preferredLastName',
  'pronouns',
  'roles',
  'userProfiles',
  'primaryOrg',
  'identifier',
  'email',
  'sms',
  'phone',
  'agents',
  'grades',
  'password',
  'resources',
];

function isRef(value: unknown): value is StoredRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    'sourcedId' in value &&
    typeof value.sourcedId === 'string' &&
    'type' in value &&
    typeof value.type === 'string'
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value outside a 1.2 vocabulary, as the spec's extension pattern `ext:[a-zA-Z0-9.-_]+` allows. */
function extension(value: unknown): string {
  return `ext:${String(value).replace(/[^a-zA-Z0-9.\-_]/g, '_') || 'unknown'}`;
}

/** A GUIDRef pointing at the 1.2 path and, for a re-keyed collection, at the new sourcedId. */
function refV1p2(ref: StoredRef, rekeying: Rekeying): StoredRef {
  const collection = REF_COLLECTION[ref.type];
  const sourcedId = collection === undefined ? ref.sourcedId : rekeying.served(collection, ref.sourcedId);
  if (typeof ref.href !== 'string' || !ref.href.startsWith(ROSTERING_PATHS['1.1']))
    return { ...ref, sourcedId };
  const [endpoint, id, ...rest] = ref.href.slice(ROSTERING_PATHS['1.1'].length + 1).split('/');
  const tail =
    id === ref.sourcedId && rest.length === 0
      ? `${endpoint}/${sourcedId}`
      : [endpoint, id, ...rest].join('/');
  return { ...ref, href: `${ROSTERING_PATHS['1.2']}/${tail}`, sourcedId };
}

/** A field value with its GUIDRefs (alone or in a list) rewritten for 1.2. */
function valueV1p2(value: unknown, rekeying: Rekeying): unknown {
  if (isRef(value)) return refV1p2(value, rekeying);
  if (Array.isArray(value)) return value.map((item) => (isRef(item) ? refV1p2(item, rekeying) : item));
  return value;
}

/** A 1.1 user role in the 1.2 vocabulary: 1.1's `administrator` splits by the kind of org. */
function userRoleV1p2(role: unknown, orgType: () => unknown): string {
  if (typeof role === 'string' && USER_ROLES.has(role)) return role;
  if (role === 'administrator')
    return orgType() === 'district' ? 'districtAdministrator' : 'siteAdministrator';
  return extension(role);
}

/** 1.2 `roles[]` of a user: one per org, the first (home) org's primary and the others secondary. */
function rolesOf(record: RosterRecord, context: V1p2ViewContext): Array<Record<string, unknown>> {
  const orgs = Array.isArray(record['orgs']) ? record['orgs'].filter(isRef) : [];
  return orgs.map((org, index) => ({
    roleType: index === 0 ? 'primary' : 'secondary',
    role: userRoleV1p2(record['role'], () => context.orgType(org.sourcedId)),
    org: refV1p2(org, context.rekeying),
  }));
}

/** The fields a 1.2 user has that its stored record does not: roles, primaryOrg, person facts. */
function userFields(record: RosterRecord, context: V1p2ViewContext): Record<string, unknown> {
  const roles = rolesOf(record, context);
  return {
    ...userFactsV1p2(context.shape, record),
    roles,
    ...(roles[0] === undefined ? {} : { primaryOrg: roles[0]['org'] }),
  };
}

/** `metadata` with the 1.1 sourcedId under Infinite Campus's key. */
function linkedMetadata(metadata: unknown, legacyId: string): Record<string, unknown> {
  const base = isObject(metadata) ? metadata : {};
  const [vendor, key] = LEGACY_ID_PATH;
  return { ...base, [vendor]: { ...(isObject(base[vendor]) ? base[vendor] : {}), [key]: legacyId } };
}

/** The 1.2 record of a stored record. A new object: stored records are never modified. */
export function viewV1p2(
  record: RosterRecord,
  collection: CollectionName,
  context: V1p2ViewContext,
): RosterRecord {
  const { rekeying } = context;
  const derived = collection === 'users' ? userFields(record, context) : {};
  const names =
    collection === 'users'
      ? [...USER_FIELD_ORDER, ...Object.keys(record).filter((name) => !USER_FIELD_ORDER.includes(name))]
      : Object.keys(record);
  const out: RosterRecord = {
    sourcedId: rekeying.served(collection, record.sourcedId),
    // 1.2 knows `active` and `tobedeleted`; 1.0's `inactive` reads as `tobedeleted` (1.2 StatusEnum).
    status: record.status === 'inactive' ? 'tobedeleted' : record.status,
    dateLastModified: record.dateLastModified,
  };
  for (const name of names) {
    if (name in out || (collection === 'users' && (name === 'role' || name === 'orgs'))) continue;
    // A 1.2 field stored by a mutation wins over the derived one.
    const value = name in record ? valueV1p2(record[name], rekeying) : derived[name];
    if (value !== undefined) out[name] = value;
  }
  if (collection === 'enrollments' && typeof out['role'] === 'string' && !ENROLLMENT_ROLES.has(out['role']))
    out['role'] = extension(out['role']);
  if (rekeying.link && rekeying.covers(collection))
    out['metadata'] = linkedMetadata(record['metadata'], record.sourcedId);
  return out;
}
