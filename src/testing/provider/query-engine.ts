/** Answers list queries (filter, sort, paging) over a view or a nested endpoint of a district. */
import type { District } from '../district/district.js';
import { compareIds } from '../district/ids.js';
import type { CollectionName, RosterRecord } from '../district/records.js';
import {
  arraySequence,
  createScanCache,
  type RecordSequence,
  scanningSequence,
  seekableSequence,
} from '../district/sequence.js';
import { baseVerdict, type RecordPredicate } from './filter-eval.js';
import type { FilterExpression } from './filter-parser.js';
import { tieRank } from './tie-order.js';
import type { EndpointView } from './views.js';

/** What a list request reads: a top-level view, or a nested endpoint's records. */
export type ListTarget =
  | { readonly kind: 'view'; readonly view: EndpointView }
  | {
      readonly kind: 'nested';
      readonly path: string;
      readonly collection: CollectionName;
      readonly load: () => RosterRecord[];
    };

/** A validated list query. */
export interface ListQuery {
  readonly offset: number;
  readonly limit: number;
  /** A known field to sort by, or undefined for the default order (sourcedId). */
  readonly sort?: string;
  readonly descending: boolean;
  readonly filter?: {
    readonly expression: FilterExpression;
    readonly text: string;
    readonly predicate: RecordPredicate;
  };
  /** Serve `tobedeleted` records? (false under the `hideTombstones` quirk). */
  readonly tombstones: boolean;
  /** The record as the served version describes it: sort keys are read from it. */
  readonly view?: (record: RosterRecord) => RosterRecord;
  /** Names the view in cache keys (re-keyed ids sort and filter differently). */
  readonly viewKey?: string;
  /** Order ties of a sort by this request number instead of by sourcedId (`unstableTieOrder`). */
  readonly tieSeed?: number;
}

/** One page of a list. */
export interface ListPage {
  readonly records: RosterRecord[];
  readonly total: number;
}

/** Sort key of a field value: GUIDRefs by sourcedId, arrays by their first element. */
function sortKey(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return sortKey(value[0]);
  if (typeof value === 'object') return 'sourcedId' in value ? sortKey(value.sourcedId) : '';
  return String(value);
}

/** A bounded most-recently-used map. */
function lru<T>(capacity: number): { get(key: string): T | undefined; set(key: string, value: T): void } {
  const entries = new Map<string, T>();
  return {
    get: (key) => {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set: (key, value) => {
      entries.set(key, value);
      const oldest = entries.keys().next();
      if (entries.size > capacity && !oldest.done) entries.delete(oldest.value);
    },
  };
}

/** The requested page, reading an ascending order backwards when the query is descending. */
function page(
  query: ListQuery,
  total: number,
  slice: (offset: number, limit: number) => RosterRecord[],
): RosterRecord[] {
  if (!query.descending) return slice(query.offset, query.limit);
  const end = Math.max(0, total - query.offset);
  const start = Math.max(0, end - query.limit);
  return slice(start, end - start).reverse();
}

/** The query engine of one district. */
export interface QueryEngine {
  list(target: ListTarget, query: ListQuery): ListPage;
}

/** Creates a query engine with its caches (bounded: a few sorted or nested result sets, some scan cursors). */
export function createQueryEngine(district: District): QueryEngine {
  const scans = createScanCache();
  const sorted = lru<RosterRecord[]>(2);
  const nested = lru<RosterRecord[]>(8);

  const sequenceOf = (target: ListTarget, query: ListQuery, key: string): RecordSequence => {
    const filter = query.filter?.predicate;
    const visible = (record: RosterRecord): boolean =>
      (query.tombstones || record.status !== 'tobedeleted') && (filter === undefined || filter(record));
    if (target.kind === 'nested') {
      const nestedKey = `${target.path}|${district.revision}`;
      let records = nested.get(nestedKey);
      if (records === undefined) {
        records = target.load();
        nested.set(nestedKey, records);
      }
      return arraySequence(records.filter(visible));
    }
    const { view } = target;
    const [from, to] = view.range(district.shape);
    const source = {
      district,
      collection: view.collection,
      from,
      to,
      predicate: (record: RosterRecord) => view.matches(record) && visible(record),
    };
    const verdict = baseVerdict(query.filter?.expression, district.shape);
    if (verdict === 'all') return seekableSequence(source);
    if (verdict === 'scan') return scanningSequence(source, scans, key);
    const overlay = district.overlay(view.collection);
    // Changed records from anywhere in the collection: a change can move a record into the view.
    const changed = [...overlay.patched.values()];
    return arraySequence(
      [...changed, ...overlay.inserted]
        .filter(source.predicate)
        .sort((a, b) => compareIds(a.sourcedId, b.sourcedId)),
    );
  };

  return {
    list: (target, query) => {
      const key = [
        target.kind === 'view' ? target.view.endpoint : target.path,
        query.filter?.text ?? '',
        query.tombstones,
        district.revision,
        query.viewKey ?? '',
      ].join('|');
      const sequence = sequenceOf(target, query, key);
      const total = sequence.total();
      if (query.sort !== undefined && query.sort !== 'sourcedId') {
        const sortedKey = `${key}|${query.sort}|${query.tieSeed ?? ''}`;
        let all = sorted.get(sortedKey);
        if (all === undefined) {
          const field = query.sort;
          const view = query.view ?? ((record: RosterRecord) => record);
          const seed = query.tieSeed;
          all = sequence
            .slice(0, total)
            .map((record) => ({
              record,
              key: sortKey(view(record)[field]),
              tie: seed === undefined ? 0 : tieRank(record.sourcedId, seed),
            }))
            .sort((a, b) =>
              a.key < b.key
                ? -1
                : a.key > b.key
                  ? 1
                  : a.tie - b.tie || compareIds(a.record.sourcedId, b.record.sourcedId),
            )
            .map(({ record }) => record);
          sorted.set(sortedKey, all);
        }
        const records = all;
        return {
          records: page(query, total, (offset, limit) => records.slice(offset, offset + limit)),
          total,
        };
      }
      return { records: page(query, total, sequence.slice), total };
    },
  };
}
