import type { RosterRecord } from '../roster-store.js';
import { REPORT_COLLECTIONS, type ReportCollection } from './report-types.js';

/** Bits of a record's entry in the index; the bits above `ACTIVE` mean something per collection. */
export const ACTIVE = 1;
/** A course: an active class is a section of it. */
export const COURSE_HAS_CLASS = 2;
/** A class: an active student has an active enrollment in it. */
export const CLASS_HAS_STUDENT = 2;
/** A class: an active user has an active enrollment of role `teacher` in it. */
export const CLASS_HAS_TEACHER = 4;
/** A user whose role is `student`. */
export const USER_STUDENT = 2;
/** A user whose role is `teacher`. */
export const USER_TEACHER = 4;
/** A user with an active enrollment in an active class. */
export const USER_ENROLLED = 8;

/**
 * Every record the report has read, as sourcedId → small-integer bit flags per collection: the
 * report's memory grows with the number of ids, never with the records themselves.
 */
export interface RosterIndex {
  /** Adds a record, active or retired, with extra bits. */
  add(collection: ReportCollection, record: RosterRecord, bits?: number): void;
  /** `active`, `retired` (stored as `tobedeleted`), or undefined when the store holds no such record. */
  statusOf(collection: ReportCollection, sourcedId: string): 'active' | 'retired' | undefined;
  /** Sets bits of a record that was added; no-op for an unknown id. */
  mark(collection: ReportCollection, sourcedId: string, bits: number): void;
  /** The flags of a record, 0 for an unknown id. */
  flagsOf(collection: ReportCollection, sourcedId: string): number;
  /** Active records of a collection that have every bit of `bits` and none of `without`. */
  countActive(collection: ReportCollection, bits: number, without: number): number;
}

export function createRosterIndex(): RosterIndex {
  const maps = new Map<ReportCollection, Map<string, number>>(
    REPORT_COLLECTIONS.map((collection) => [collection, new Map()]),
  );
  const mapOf = (collection: ReportCollection): Map<string, number> => {
    const map = maps.get(collection) ?? new Map<string, number>();
    maps.set(collection, map);
    return map;
  };
  return {
    add(collection, record, bits = 0) {
      mapOf(collection).set(record.sourcedId, (record.status === 'active' ? ACTIVE : 0) | bits);
    },
    statusOf(collection, sourcedId) {
      const flags = mapOf(collection).get(sourcedId);
      if (flags === undefined) return undefined;
      return (flags & ACTIVE) !== 0 ? 'active' : 'retired';
    },
    mark(collection, sourcedId, bits) {
      const map = mapOf(collection);
      const flags = map.get(sourcedId);
      if (flags !== undefined) map.set(sourcedId, flags | bits);
    },
    flagsOf: (collection, sourcedId) => mapOf(collection).get(sourcedId) ?? 0,
    countActive(collection, bits, without) {
      const wanted = ACTIVE | bits;
      let count = 0;
      for (const flags of mapOf(collection).values())
        if ((flags & wanted) === wanted && (flags & without) === 0) count++;
      return count;
    },
  };
}
