import type { RosterRecord } from '../roster-store.js';
import { canonicalJson, contentHash } from './canonical-json.js';
import type { RecordStatus } from './store-types.js';

/** A record ready for a store: its key columns, content hash and JSON text. */
export interface PreparedRecord {
  readonly sourcedId: string;
  readonly status: RecordStatus;
  /** Null when the provider sent none, so one bad record does not fail a district's sync. */
  readonly dateLastModified: string | null;
  readonly hash: string;
  /** Canonical JSON text of the whole record. */
  readonly json: string;
}

/**
 * Checks and serialises a batch before a store writes any of it, so a bad record fails the whole
 * batch and its checkpoint. A sourcedId repeated in the batch keeps its last version, as re-staging
 * does; ON CONFLICT upserts also refuse to touch one row twice in one statement.
 */
export function prepareBatch(collection: string, records: readonly RosterRecord[]): PreparedRecord[] {
  const bySourcedId = new Map<string, PreparedRecord>();
  records.forEach((record, index) => {
    const prepared = prepareRecord(collection, record, index);
    bySourcedId.set(prepared.sourcedId, prepared);
  });
  return [...bySourcedId.values()];
}

function prepareRecord(collection: string, record: RosterRecord, index: number): PreparedRecord {
  // Read as unknown: a custom caller's record may lack what its type promises.
  const fields: Partial<Record<string, unknown>> = record;
  const { sourcedId, status, dateLastModified } = fields;
  if (typeof sourcedId !== 'string' || sourcedId.length === 0) {
    throw new TypeError(`The ${collection} record at index ${index} has no sourcedId`);
  }
  if (status !== 'active' && status !== 'tobedeleted') {
    throw new TypeError(
      `The ${collection} record ${sourcedId} has status ${JSON.stringify(status)}; map it to active or tobedeleted`,
    );
  }
  const json = canonicalJson(record);
  return {
    sourcedId,
    status,
    dateLastModified: typeof dateLastModified === 'string' ? dateLastModified : null,
    hash: contentHash(json),
    json,
  };
}
