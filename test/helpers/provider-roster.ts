/**
 * What a store should hold after a sync, read from the mock provider's own district rather than from a
 * second run of the SDK: a bug that every run of the client and engine shares cannot pass unseen.
 */
import { MINIMAL_FIELDS } from '../../src/query/fields.js';
import {
  DEFAULT_SYNC_COLLECTIONS,
  type RosterRecord,
  SYNC_COLLECTIONS,
  type SyncCollectionName,
  type SyncOptions,
} from '../../src/sync/index.js';
import { BOOLEAN_FIELDS } from '../../src/testing/district/records.js';
import type { District } from '../../src/testing/index.js';

/** Fields every stored record has, whatever was selected (the key, the status, the delta watermark). */
const REQUIRED_FIELDS = ['sourcedId', 'status', 'dateLastModified'];

/** The `minimal` preset of each collection; demographics have none (spec-sensitive data). */
const MINIMAL: Record<SyncCollectionName, readonly string[] | undefined> = {
  orgs: MINIMAL_FIELDS.org,
  academicSessions: MINIMAL_FIELDS.academicSession,
  courses: MINIMAL_FIELDS.course,
  classes: MINIMAL_FIELDS.class,
  users: MINIMAL_FIELDS.user,
  enrollments: MINIMAL_FIELDS.enrollment,
  demographics: undefined,
};

/** The fields a sync asks for in a collection, or undefined for every field. */
function selectedFields(collection: SyncCollectionName, fields: SyncOptions['fields']): string[] | undefined {
  if (fields === undefined) return undefined;
  const selection =
    fields === 'minimal'
      ? 'minimal'
      : (fields[collection] ?? (collection === 'demographics' ? undefined : fields.default));
  if (selection === undefined) return undefined;
  const named = selection === 'minimal' ? MINIMAL[collection] : selection;
  if (named === undefined) throw new Error(`${collection} have no minimal preset: name their fields`);
  return [...new Set([...named, ...REQUIRED_FIELDS])];
}

/** The record as a sync stores it: the requested fields only, booleans as booleans. */
function asStored(
  record: Readonly<Record<string, unknown>>,
  fields: readonly string[] | undefined,
): RosterRecord {
  const stored: Record<string, unknown> = {};
  for (const field of fields ?? Object.keys(record)) {
    if (field in record) stored[field] = structuredClone(record[field]);
  }
  // The 1.1 binding sends booleans as "true"/"false"; the SDK hands them over, and stores them, as booleans.
  for (const field of BOOLEAN_FIELDS) {
    if (stored[field] === 'true' || stored[field] === 'false') stored[field] = stored[field] === 'true';
  }
  return stored as RosterRecord;
}

/** Code-point order, the order every store iterates in (docs/stores.md). */
function byCodePoint(a: { sourcedId: string }, b: { sourcedId: string }): number {
  return a.sourcedId < b.sourcedId ? -1 : a.sourcedId > b.sourcedId ? 1 : 0;
}

/**
 * Every synced collection's records as one clean full sync of the district, as it is now, leaves them in
 * an empty store: the provider's records of each requested collection (tombstones included), with the
 * requested fields, in sourcedId order; collections not requested are empty.
 */
export function providerRoster(
  district: District,
  options: Pick<SyncOptions, 'collections' | 'fields'> = {},
): Record<SyncCollectionName, RosterRecord[]> {
  const requested = new Set(options.collections ?? DEFAULT_SYNC_COLLECTIONS);
  const roster = {} as Record<SyncCollectionName, RosterRecord[]>;
  for (const collection of SYNC_COLLECTIONS) {
    if (!requested.has(collection)) {
      roster[collection] = [];
      continue;
    }
    const fields = selectedFields(collection, options.fields);
    roster[collection] = [...district.records(collection)]
      .map((record) => asStored(record, fields))
      .sort(byCodePoint);
  }
  return roster;
}
