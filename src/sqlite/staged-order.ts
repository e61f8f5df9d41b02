import { compareCodePoints } from '../sync/store/compare-code-points.js';
import type { PreparedRecord } from '../sync/store/prepare-batch.js';

/** The staged records of a collection that arrived in strictly ascending sourcedId order. */
export interface AscendingStaging {
  /** Staged active records: each sourcedId once. */
  readonly active: number;
  /** Staged tombstones. */
  readonly tombstones: number;
}

interface CollectionOrder {
  last: string | undefined;
  ascending: boolean;
  active: number;
  tombstones: number;
}

/**
 * What one store handle knows of the order of its runs' staging, from its own stage calls. A
 * provider that pages in sourcedId order (the client's `stableSort`) stages each id once, in the
 * order SQLite keeps them, so a first sync's commit can copy the staging as it lies instead of
 * resolving the latest version of each id by a sort (see sqlite-commit.ts). Only runs this handle
 * began are known: another handle's (a resumed or approved run) may have staged in any order.
 */
export function trackStagedOrder() {
  const runs = new Map<number, Map<string, CollectionOrder>>();
  return {
    /** A run this handle began: nothing staged yet. */
    began(runSeq: number): void {
      runs.set(runSeq, new Map());
    },
    /** Call once the batch's transaction committed, with the batch as staged. */
    staged(runSeq: number, collection: string, batch: readonly PreparedRecord[]): void {
      const collections = runs.get(runSeq);
      if (collections === undefined) return;
      let order = collections.get(collection);
      if (order === undefined) {
        order = { last: undefined, ascending: true, active: 0, tombstones: 0 };
        collections.set(collection, order);
      }
      for (const record of batch) {
        if (!order.ascending) return;
        // SQLite's BINARY collation over UTF-8: code point order, not JavaScript's `<`.
        if (order.last !== undefined && compareCodePoints(order.last, record.sourcedId) >= 0) {
          order.ascending = false;
          return;
        }
        order.last = record.sourcedId;
        if (record.status === 'active') order.active++;
        else order.tombstones++;
      }
    },
    /** The collection's staging was dropped (discarded or committed): it starts empty again. */
    emptied(runSeq: number, collection: string): void {
      runs.get(runSeq)?.delete(collection);
    },
    /** The counts of a collection staged in ascending order; undefined when not so, or not known. */
    ascending(runSeq: number, collection: string): AscendingStaging | undefined {
      const order = runs.get(runSeq)?.get(collection);
      return order?.ascending === true ? order : undefined;
    },
    /** The run ended, or left this handle (released, held for review): what is known goes. */
    forget(runSeq: number): void {
      runs.delete(runSeq);
    },
    /** Something else changed the staging (an erasure): nothing is known any more. */
    forgetAll(): void {
      runs.clear();
    },
  };
}

/** The staging order of one store handle. */
export type StagedOrder = ReturnType<typeof trackStagedOrder>;
