/**
 * Ordered record sequences with random access by offset, over the lazy base plus the overlay.
 * Unfiltered (and base-decidable) pulls seek arithmetically, so page 70,000 of the enrollments costs
 * what page 1 does; filters that must look at each record scan, resuming from the last page's cursor.
 */
import { type District, effectiveAt } from './district.js';
import { compareIds, formatId } from './ids.js';
import { countBelow, countIdsBelow } from './overlay.js';
import type { CollectionName, RosterRecord } from './records.js';

/** A sequence of records in sourcedId order. */
export interface RecordSequence {
  /** Number of records. */
  total(): number;
  /** Records [offset, offset + limit). */
  slice(offset: number, limit: number): RosterRecord[];
}

/** A materialised sequence. */
export function arraySequence(records: readonly RosterRecord[]): RecordSequence {
  return { total: () => records.length, slice: (offset, limit) => records.slice(offset, offset + limit) };
}

/** The part of a collection a sequence reads: base indices [from, to) and a predicate for each record. */
export interface SequenceSource {
  readonly district: District;
  readonly collection: CollectionName;
  readonly from: number;
  readonly to: number;
  readonly predicate: (record: RosterRecord) => boolean;
}

/** Where a merge walk stands: next base index, next extra, and the position of the next record. */
interface Cursor {
  base: number;
  extra: number;
  position: number;
}

/**
 * Records that belong to the sequence although they are not base records in range: inserted ones,
 * and changed base records from outside the range that now match (a grading period retyped as a term).
 */
function extrasOf(source: SequenceSource): RosterRecord[] {
  const overlay = source.district.overlay(source.collection);
  const extras = overlay.inserted.filter(source.predicate);
  const moved = [...overlay.patched]
    .filter(([index, record]) => (index < source.from || index >= source.to) && source.predicate(record))
    .map(([, record]) => record);
  if (moved.length === 0) return extras;
  return [...extras, ...moved].sort((a, b) => compareIds(a.sourcedId, b.sourcedId));
}

/**
 * Walks base and extras in id order from `cursor`, skipping to `offset` and collecting `limit` records.
 * `accept` decides base records; it returns undefined for a record that is not in the sequence.
 */
function walk(
  source: SequenceSource,
  extras: readonly RosterRecord[],
  cursor: Cursor,
  offset: number,
  limit: number,
  accept: (index: number) => RosterRecord | undefined,
): RosterRecord[] {
  const page: RosterRecord[] = [];
  while (page.length < limit) {
    const extra = extras[cursor.extra];
    let record: RosterRecord | undefined;
    if (cursor.base < source.to) {
      const baseId = formatId(source.collection, cursor.base);
      if (extra !== undefined && compareIds(extra.sourcedId, baseId) < 0) {
        record = extra;
        cursor.extra++;
      } else {
        record = accept(cursor.base);
        cursor.base++;
        if (record === undefined) continue;
      }
    } else if (extra !== undefined) {
      record = extra;
      cursor.extra++;
    } else {
      break;
    }
    if (cursor.position++ >= offset) page.push(record);
  }
  return page;
}

/** A sequence in which every unchanged base record in range belongs: positions are computed, not scanned. */
export function seekableSequence(source: SequenceSource): RecordSequence {
  const { district, collection, from, to, predicate } = source;
  const overlay = district.overlay(collection);
  const excluded: number[] = [...overlay.deleted.filter((i) => i >= from && i < to)];
  for (const [index, record] of overlay.patched) {
    if (index >= from && index < to && !predicate(record)) excluded.push(index);
  }
  excluded.sort((a, b) => a - b);
  const extras = extrasOf(source);
  const before = (base: number): number =>
    base - from - countBelow(excluded, base) + countIdsBelow(extras, formatId(collection, base));
  const total = to - from - excluded.length + extras.length;
  return {
    total: () => total,
    slice: (offset, limit) => {
      // Largest base index whose preceding-record count is <= offset: the walk starts there.
      let low = from;
      let high = to;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (before(middle) <= offset) low = middle;
        else high = middle - 1;
      }
      const start = before(low) <= offset ? low : from;
      const cursor: Cursor = {
        base: start,
        extra:
          start === from && before(from) > offset ? 0 : countIdsBelow(extras, formatId(collection, start)),
        position: start === from && before(from) > offset ? 0 : before(start),
      };
      return walk(source, extras, cursor, offset, limit, (index) =>
        excluded[countBelow(excluded, index)] === index
          ? undefined
          : effectiveAt(district.shape, overlay, collection, index),
      );
    },
  };
}

/** Cursors left by earlier scans, so paging a filtered collection is linear overall rather than quadratic. */
export interface ScanCache {
  get(key: string): { cursor: Cursor; total?: number } | undefined;
  set(key: string, value: { cursor: Cursor; total?: number }): void;
}

/** A bounded scan cache (the most recent `capacity` queries). */
export function createScanCache(capacity = 16): ScanCache {
  const entries = new Map<string, { cursor: Cursor; total?: number }>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      entries.delete(key);
      entries.set(key, value);
      const oldest = entries.keys().next();
      if (entries.size > capacity && !oldest.done) entries.delete(oldest.value);
    },
  };
}

/** A sequence whose base records must each be tested; `key` identifies the query and revision. */
export function scanningSequence(source: SequenceSource, cache: ScanCache, key: string): RecordSequence {
  const { district, collection } = source;
  const overlay = district.overlay(collection);
  const extras = extrasOf(source);
  const accept = (index: number): RosterRecord | undefined => {
    const record = effectiveAt(district.shape, overlay, collection, index);
    return record !== undefined && source.predicate(record) ? record : undefined;
  };
  const fresh = (): Cursor => ({ base: source.from, extra: 0, position: 0 });
  return {
    total: () => {
      const cached = cache.get(key);
      if (cached?.total !== undefined) return cached.total;
      const cursor = fresh();
      walk(source, extras, cursor, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, accept);
      cache.set(key, { cursor: cached?.cursor ?? fresh(), total: cursor.position });
      return cursor.position;
    },
    slice: (offset, limit) => {
      const cached = cache.get(key);
      const cursor =
        cached !== undefined && cached.cursor.position <= offset ? { ...cached.cursor } : fresh();
      const page = walk(source, extras, cursor, offset, limit, accept);
      cache.set(key, cached?.total === undefined ? { cursor } : { cursor, total: cached.total });
      return page;
    },
  };
}
