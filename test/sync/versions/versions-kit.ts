/**
 * One district behind providers of both OneRoster versions, clients of each, and the normaliser that
 * puts a 1.1 and a 1.2 roster in the same terms, so a test can say "the same roster".
 */
import type { setupServer } from 'msw/node';
import {
  createOneRosterClient,
  type OneRosterClient,
  type OneRosterClientOf,
  type OneRosterEvent,
  type OneRosterVersion,
  type PullSummary,
  type RecordPull,
} from '../../../src/index.js';
import {
  type RosterRecord,
  type RosterStore,
  SYNC_COLLECTIONS,
  type SyncCollectionName,
} from '../../../src/sync/index.js';
import type { District, MockProviderOptions } from '../../../src/testing/index.js';
import { createMockProvider, type MockProvider } from '../../../src/testing/msw.js';
import { dump } from '../sync-helpers.js';

/** Serves `district` at an origin of its own (several providers share one msw server). */
export function serveDistrict(
  server: ReturnType<typeof setupServer>,
  district: District,
  options: Omit<MockProviderOptions, 'district' | 'auth'> & { baseUrl: string },
): MockProvider {
  const mock = createMockProvider({ district, auth: { type: 'none' }, ...options });
  server.use(...mock.handlers);
  return mock;
}

/** A client of `version` for a mock provider: no auth, no retries (a fault fails the pull). */
export function clientFor<V extends OneRosterVersion>(
  mock: MockProvider,
  version: V,
  options: { validation?: 'lenient' | 'strict'; pageSize?: number; events?: OneRosterEvent[] } = {},
): OneRosterClientOf<V> {
  return createOneRosterClient({
    baseUrl: mock.baseUrl,
    auth: { kind: 'none', authorize: async () => ({}) },
    version,
    retry: { retries: 0 },
    ...(options.validation ? { validation: options.validation } : {}),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.events ? { onEvent: (event: OneRosterEvent) => options.events?.push(event) } : {}),
  });
}

/** Every record of a collection through a 1.2 client's `list`, with the minimal preset, and the pull's summary. */
export async function listMinimal(
  client: OneRosterClient<'1.2'>,
  collection: Exclude<SyncCollectionName, 'demographics'>,
): Promise<{ records: RosterRecord[]; summary: PullSummary }> {
  const reads = {
    orgs: () => client.orgs.list({ fields: 'minimal' }),
    academicSessions: () => client.academicSessions.list({ fields: 'minimal' }),
    courses: () => client.courses.list({ fields: 'minimal' }),
    classes: () => client.classes.list({ fields: 'minimal' }),
    users: () => client.users.list({ fields: 'minimal' }),
    enrollments: () => client.enrollments.list({ fields: 'minimal' }),
  };
  const read: RecordPull<object> = reads[collection]();
  const records: RosterRecord[] = [];
  for await (const record of read) records.push({ ...record } as RosterRecord);
  return { records, summary: read.summary };
}

/** Every synced collection's stored records of a tenant, tombstones included, in sourcedId order. */
export async function storedRoster(
  store: RosterStore,
  tenant: string,
): Promise<Record<SyncCollectionName, RosterRecord[]>> {
  const roster: Partial<Record<SyncCollectionName, RosterRecord[]>> = {};
  for (const collection of SYNC_COLLECTIONS) roster[collection] = await dump(store, collection, tenant);
  return roster as Record<SyncCollectionName, RosterRecord[]>;
}

/** Fields only one version has, left out when rosters of both are compared. */
const VERSION_ONLY_FIELDS = [
  ...['roles', 'primaryOrg', 'userMasterIdentifier', 'preferredFirstName', 'preferredMiddleName'],
  ...['preferredLastName', 'pronouns', 'userProfiles', 'resources', 'metadata'],
];

/** 1.2 role names of what 1.1 calls an administrator (at a district org, at a school). */
const ADMINISTRATOR_ROLES = new Set(['districtAdministrator', 'siteAdministrator']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A 1.2 role in 1.1 terms: both administrator roles are 1.1's `administrator`; `ext:` roles lose the prefix. */
function roleIn1p1(role: unknown): unknown {
  if (typeof role !== 'string') return role;
  if (ADMINISTRATOR_ROLES.has(role)) return 'administrator';
  return role.startsWith('ext:') ? role.slice('ext:'.length) : role;
}

/** A value with every GUIDRef's `href` left out: its path differs per version. */
function withoutHrefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutHrefs);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'href' && 'sourcedId' in value && 'type' in value) continue;
    out[key] = withoutHrefs(inner);
  }
  return out;
}

/**
 * A stored record in the terms both versions share: a 1.2 user's `role` and `orgs` derived from its
 * `roles` (the primary role's role, the org of each role in order, as 1.1 lists the home org first),
 * 1.2-only fields dropped, 1.2 role names mapped back, GUIDRefs without `href`.
 */
export function normaliseRecord(collection: SyncCollectionName, record: RosterRecord): Json {
  const out: Json = {};
  for (const [field, value] of Object.entries(record)) {
    if (!VERSION_ONLY_FIELDS.includes(field)) out[field] = withoutHrefs(value);
  }
  const roles = record['roles'];
  if (collection === 'users' && Array.isArray(roles)) {
    const entries = roles.filter(isObject);
    const primary = entries.find((entry) => entry['roleType'] === 'primary') ?? entries[0];
    out['role'] = roleIn1p1(primary?.['role']);
    out['orgs'] = entries.map((entry) => withoutHrefs(entry['org']));
  }
  if (collection === 'enrollments') out['role'] = roleIn1p1(out['role']);
  return out;
}

/** A whole roster, normalised: what a 1.1 and a 1.2 sync of one district must agree on. */
export function normaliseRoster(roster: Record<SyncCollectionName, RosterRecord[]>): Record<string, Json[]> {
  const out: Record<string, Json[]> = {};
  for (const collection of SYNC_COLLECTIONS) {
    out[collection] = roster[collection].map((record) => normaliseRecord(collection, record));
  }
  return out;
}

/** The sourcedIds of each collection. */
export function idsOf(roster: Record<SyncCollectionName, RosterRecord[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const collection of SYNC_COLLECTIONS) out[collection] = roster[collection].map((r) => r.sourcedId);
  return out;
}
