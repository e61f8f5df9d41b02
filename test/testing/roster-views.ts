/**
 * Pulling a whole mock roster over HTTP and putting 1.1 and 1.2 records in comparable terms: who
 * is who (sourcedIds), who belongs where (GUIDRefs, a user's role in each org), and every other field.
 */
import type { Json } from './helpers.js';
import { getJson } from './helpers.js';

/** The top-level collections, by envelope key. */
export const COLLECTIONS = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
  'demographics',
];

/** A roster: each collection's records by sourcedId, in comparable terms. */
export type Roster = Record<string, Map<string, Json>>;

/** Every record of a collection, page by page. */
export async function pullAll(baseUrl: string, key: string, init: RequestInit = {}): Promise<Json[]> {
  const records: Json[] = [];
  for (let offset = 0; ; ) {
    const page = (await getJson(baseUrl, `/${key}?limit=200&offset=${offset}`, init)).body[key];
    if (!Array.isArray(page) || page.length === 0) return records;
    records.push(...(page as Json[]));
    offset += page.length;
  }
}

const isRef = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && 'sourcedId' in value && 'type' in value;

/** A GUIDRef without its href (the path differs per version), with its id mapped by `id`. */
const refTerms = (value: Json, id: (sourcedId: string) => string): string =>
  `${String(value.type)}:${id(String(value.sourcedId))}`;

/** Fields one version has and the other has not, for reasons of version only. */
const VERSION_FIELDS = [
  ...['role', 'orgs', 'roles', 'primaryOrg', 'userMasterIdentifier', 'preferredFirstName'],
  ...['preferredMiddleName', 'preferredLastName', 'pronouns', 'metadata'],
];

/**
 * A record in terms both versions share: GUIDRefs as `type:id`, a user's memberships as
 * `role@org` (1.1: its role at each of its orgs; 1.2: each of its roles). `id` maps sourcedIds
 * (identity, or a re-keyed view's new ids back to the old ones).
 */
export function comparable(key: string, record: Json, id: (sourcedId: string) => string = (x) => x): Json {
  const out: Json = {};
  for (const [field, value] of Object.entries(record)) {
    if (VERSION_FIELDS.includes(field)) continue;
    if (field === 'sourcedId') out[field] = id(String(value));
    else if (isRef(value)) out[field] = refTerms(value, id);
    else if (Array.isArray(value))
      out[field] = value.map((item) => (isRef(item) ? refTerms(item, id) : item));
    else out[field] = value;
  }
  if (key === 'users') {
    const roles = record.roles as Json[] | undefined;
    out.memberships =
      roles === undefined
        ? (record.orgs as Json[]).map((org) => `${String(record.role)}@${refTerms(org, id)}`)
        : roles.map((role) => `${String(role.role)}@${refTerms(role.org as Json, id)}`);
  }
  return out;
}

/** The whole roster of a provider, in comparable terms. */
export async function rosterOf(
  baseUrl: string,
  id: (sourcedId: string) => string = (x) => x,
  init: RequestInit = {},
): Promise<Roster> {
  const roster: Roster = {};
  for (const key of COLLECTIONS) {
    const records = await pullAll(baseUrl, key, init);
    roster[key] = new Map(
      records.map((record) => [id(String(record.sourcedId)), comparable(key, record, id)]),
    );
  }
  return roster;
}
