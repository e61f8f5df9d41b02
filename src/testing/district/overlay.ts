/**
 * Changes applied on top of the lazy base of one collection: patched base records keep their place,
 * hard-deleted base records leave it, inserted records are kept sorted by sourcedId.
 * Memory grows with the number of changes only.
 */
import { compareIds } from './ids.js';
import type { RosterRecord } from './records.js';

/** The overlay of one collection. */
export interface CollectionOverlay {
  /** Effective records of changed base records, by base index. */
  readonly patched: Map<number, RosterRecord>;
  /** Hard-deleted base indices, ascending. */
  readonly deleted: number[];
  /** Inserted records, ascending by sourcedId. */
  readonly inserted: RosterRecord[];
  /** Inserted records by sourcedId. */
  readonly insertedById: Map<string, RosterRecord>;
  /** Next index used to mint an inserted record's id (starts past the base). */
  nextIndex: number;
}

/** An empty overlay for a collection of `baseCount` records. */
export function createOverlay(baseCount: number): CollectionOverlay {
  return { patched: new Map(), deleted: [], inserted: [], insertedById: new Map(), nextIndex: baseCount };
}

/** Count of elements of an ascending number list below `value`. */
export function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Count of records of an id-sorted list whose sourcedId sorts before `sourcedId`. */
export function countIdsBelow(sorted: readonly RosterRecord[], sourcedId: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIds(sorted[middle]!.sourcedId, sourcedId) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Marks a base index deleted. */
export function addDeleted(overlay: CollectionOverlay, index: number): void {
  const at = countBelow(overlay.deleted, index);
  if (overlay.deleted[at] !== index) overlay.deleted.splice(at, 0, index);
  overlay.patched.delete(index);
}

/** Inserts or replaces an inserted record, keeping the list sorted. */
export function putInserted(overlay: CollectionOverlay, record: RosterRecord): void {
  const at = countIdsBelow(overlay.inserted, record.sourcedId);
  if (overlay.insertedById.has(record.sourcedId)) overlay.inserted[at] = record;
  else overlay.inserted.splice(at, 0, record);
  overlay.insertedById.set(record.sourcedId, record);
}

/** Removes an inserted record; false when it is not there. */
export function removeInserted(overlay: CollectionOverlay, sourcedId: string): boolean {
  if (!overlay.insertedById.delete(sourcedId)) return false;
  overlay.inserted.splice(countIdsBelow(overlay.inserted, sourcedId), 1);
  return true;
}
