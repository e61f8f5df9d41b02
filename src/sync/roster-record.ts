import type { RosterRecord } from './roster-store.js';

/**
 * True for a record a store can keep: a sourcedId, a mapped status and a `dateLastModified`, which
 * may be absent only where the source's binding lets it be (a bulk CSV row carries none, and is
 * stored without one so that re-importing the same package changes nothing).
 */
export function isRosterRecord(value: unknown): value is RosterRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    'sourcedId' in value &&
    typeof value.sourcedId === 'string' &&
    'status' in value &&
    (value.status === 'active' || value.status === 'tobedeleted') &&
    (!('dateLastModified' in value) || typeof value.dateLastModified === 'string')
  );
}
