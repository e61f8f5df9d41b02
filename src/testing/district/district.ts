/** `generateDistrict`: a deterministic synthetic district, generated lazily, with mutations for sync tests. */
import { type DistrictOptions, type DistrictShape, resolveDistrictShape } from './district-options.js';
import { districtIdentity } from './generate-common.js';
import { generateRecord } from './generate-record.js';
import { compareIds, formatId, parseId } from './ids.js';
import {
  addDeleted,
  type CollectionOverlay,
  countBelow,
  createOverlay,
  putInserted,
  removeInserted,
} from './overlay.js';
import { COLLECTION_NAMES, type CollectionName, type RosterRecord } from './records.js';

/** Changes to a district between pulls. Each bumps `district.revision` and moves `dateLastModified` forward. */
export interface DistrictMutations {
  /** Merges `patch` into a record (shallow) and stamps it modified. Throws when the record does not exist. */
  update(collection: CollectionName, sourcedId: string, patch: Partial<RosterRecord>): RosterRecord;
  /** Marks a record `tobedeleted` (a soft delete, served to delta pulls) and stamps it modified. */
  tombstone(collection: CollectionName, sourcedId: string): RosterRecord;
  /** Removes a record for good: it vanishes from lists and its single read is a 404. False if absent. */
  delete(collection: CollectionName, sourcedId: string): boolean;
  /**
   * Adds a record. Missing fields come from a generated template (a new person for users), and a
   * missing sourcedId is minted past the base ids, so it sorts last. Returns the stored record.
   */
  insert(collection: CollectionName, record?: Partial<RosterRecord>): RosterRecord;
}

/** A synthetic district: a lazy, deterministic base plus an overlay of mutations. */
export interface District {
  /** The resolved counts and layout. */
  readonly shape: DistrictShape;
  /** The district's name, e.g. "Riverside Unified School District". */
  readonly name: string;
  /** Increments on every mutation (the mock's `x-perm-rev`). */
  readonly revision: number;
  /** Records of a collection as served now: base - deleted + inserted. */
  count(collection: CollectionName): number;
  /** The current record with this sourcedId (tombstoned ones included), or undefined. A copy. */
  get(collection: CollectionName, sourcedId: string): RosterRecord | undefined;
  /** The current record with this sourcedId without copying it; callers must not modify it. */
  peek(collection: CollectionName, sourcedId: string): RosterRecord | undefined;
  /** Base record `index` as generated, ignoring mutations. */
  generate(collection: CollectionName, index: number): RosterRecord;
  /** Every current record of a collection, in sourcedId order, generated one at a time. */
  records(collection: CollectionName): IterableIterator<RosterRecord>;
  /** Mutations for sync tests. */
  readonly mutate: DistrictMutations;
  /** The overlay of a collection; read-only, for the mock's query engine. */
  overlay(collection: CollectionName): Readonly<CollectionOverlay>;
  /** Stamps for mutations: ISO datetimes strictly increasing and after every base record. */
  nextModified(): string;
}

/** Options of `generateDistrict` beyond the shape. */
export interface GenerateDistrictOptions extends DistrictOptions {
  /**
   * Clock for mutation stamps, in epoch milliseconds. Stamps never go backwards whatever it returns.
   * @default Date.now
   */
  now?: () => number;
}

/** The effective record at a base index, or undefined when it was hard-deleted. */
export function effectiveAt(
  shape: DistrictShape,
  overlay: CollectionOverlay,
  collection: CollectionName,
  index: number,
): RosterRecord | undefined {
  const patched = overlay.patched.get(index);
  if (patched !== undefined) return patched;
  if (overlay.deleted.length > 0 && overlay.deleted[countBelow(overlay.deleted, index)] === index)
    return undefined;
  return generateRecord(shape, collection, index);
}

/**
 * Generates a district. Nothing is generated up front: records are computed from
 * (seed, collection, index) when read, so the `largest` preset costs no memory until served.
 * @example
 * const district = generateDistrict({ preset: 'small', seed: 7 });
 * district.mutate.update('users', district.generate('users', 0).sourcedId, { givenName: 'Zoë' });
 */
export function generateDistrict(options: GenerateDistrictOptions = {}): District {
  const shape = resolveDistrictShape(options);
  const now = options.now ?? Date.now;
  const overlays = new Map<CollectionName, CollectionOverlay>(
    COLLECTION_NAMES.map((name) => [name, createOverlay(shape.counts[name])]),
  );
  const overlayOf = (collection: CollectionName): CollectionOverlay => {
    const overlay = overlays.get(collection);
    if (overlay === undefined) throw new TypeError(`generateDistrict: no collection ${collection}`);
    return overlay;
  };
  let revision = 0;
  let lastStampMs = shape.baseModifiedToMs;

  const nextModified = (): string => {
    lastStampMs = Math.max(now(), lastStampMs + 1);
    return new Date(lastStampMs).toISOString();
  };

  const find = (collection: CollectionName, sourcedId: string): RosterRecord | undefined => {
    const overlay = overlayOf(collection);
    const inserted = overlay.insertedById.get(sourcedId);
    if (inserted !== undefined) return inserted;
    const index = parseId(collection, sourcedId);
    if (index === undefined || index >= shape.counts[collection]) return undefined;
    return effectiveAt(shape, overlay, collection, index);
  };

  const store = (collection: CollectionName, record: RosterRecord): RosterRecord => {
    const overlay = overlayOf(collection);
    const index = parseId(collection, record.sourcedId);
    if (
      index !== undefined &&
      index < shape.counts[collection] &&
      !overlay.insertedById.has(record.sourcedId)
    ) {
      overlay.patched.set(index, record);
    } else {
      putInserted(overlay, record);
    }
    revision++;
    return structuredClone(record);
  };

  const requireRecord = (collection: CollectionName, sourcedId: string): RosterRecord => {
    const record = find(collection, sourcedId);
    if (record === undefined) throw new Error(`mutate: no ${collection} record ${sourcedId}`);
    return record;
  };

  const mutate: DistrictMutations = {
    update: (collection, sourcedId, patch) =>
      store(collection, {
        ...requireRecord(collection, sourcedId),
        ...patch,
        sourcedId,
        dateLastModified: patch.dateLastModified ?? nextModified(),
      }),
    tombstone: (collection, sourcedId) =>
      store(collection, {
        ...requireRecord(collection, sourcedId),
        status: 'tobedeleted',
        dateLastModified: nextModified(),
      }),
    delete: (collection, sourcedId) => {
      const overlay = overlayOf(collection);
      if (find(collection, sourcedId) === undefined) return false;
      // A record that is not an inserted one is a base record, whose id parses.
      const index = removeInserted(overlay, sourcedId) ? undefined : parseId(collection, sourcedId);
      if (index !== undefined) addDeleted(overlay, index);
      revision++;
      return true;
    },
    insert: (collection, record = {}) => {
      const overlay = overlayOf(collection);
      const index = overlay.nextIndex++;
      const sourcedId = record.sourcedId ?? formatId(collection, index);
      if (find(collection, sourcedId) !== undefined)
        throw new Error(`mutate: ${collection} ${sourcedId} exists`);
      const template = generateRecord(shape, collection, index);
      return store(collection, {
        ...template,
        ...record,
        sourcedId,
        status: record.status ?? 'active',
        dateLastModified: record.dateLastModified ?? nextModified(),
      });
    },
  };

  function* records(collection: CollectionName): IterableIterator<RosterRecord> {
    const overlay = overlayOf(collection);
    let next = 0;
    for (let index = 0; index < shape.counts[collection]; index++) {
      const record = effectiveAt(shape, overlay, collection, index);
      if (record === undefined) continue;
      while (
        next < overlay.inserted.length &&
        compareIds(overlay.inserted[next]!.sourcedId, record.sourcedId) < 0
      ) {
        yield overlay.inserted[next++]!;
      }
      yield record;
    }
    while (next < overlay.inserted.length) yield overlay.inserted[next++]!;
  }

  return {
    shape,
    name: districtIdentity(shape).name,
    get revision() {
      return revision;
    },
    count: (collection) => {
      const overlay = overlayOf(collection);
      return shape.counts[collection] - overlay.deleted.length + overlay.inserted.length;
    },
    get: (collection, sourcedId) => {
      const record = find(collection, sourcedId);
      return record === undefined ? undefined : structuredClone(record);
    },
    peek: find,
    generate: (collection, index) => generateRecord(shape, collection, index),
    records,
    mutate,
    overlay: overlayOf,
    nextModified,
  };
}
