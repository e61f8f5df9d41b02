import type { OneRosterEvent } from '../base/events.js';
import type { ResolvedClientOptions } from '../base/options.js';
import type { PagingPlan } from '../paging/paginate.js';
import {
  emptySummary,
  type Page,
  type PullSummary,
  type RecordReader,
  readPages,
} from '../paging/read-pages.js';
import { pageRecordsIterator } from './page-records-iterator.js';
import { TooManyItemsError } from './too-many-items-error.js';

/**
 * The records of one collection read: iterate it with `for await`, or read it page by page with
 * `pages()`. Each iteration is a new pull; `summary` describes the latest one (live while it runs).
 */
export interface RecordPull<T> extends AsyncIterable<T> {
  /** The same read, page by page (`items`, `offset`, `total`, `quarantined`, `duplicates`). */
  pages(): AsyncIterable<Page<T>>;
  /**
   * Collects the records into an array. `maxItems` is required, a guard against loading a whole
   * district into memory by accident; a read with more records fails rather than truncate.
   */
  toArray(options: { maxItems: number }): Promise<T[]>;
  /** What the latest pull saw: requests, received, quarantined, duplicates, total, drift, complete. */
  readonly summary: PullSummary;
}

/** Everything a pull needs from the client, fixed when the read is created. */
export interface PullContext {
  options: ResolvedClientOptions;
  emit(event: OneRosterEvent): void;
}

/** Creates the pull object; no request is sent until it is iterated. */
export function createRecordPull<T>(
  plan: Omit<PagingPlan, 'signal'> & { signal: AbortSignal | undefined },
  reader: Omit<RecordReader<T>, 'emit'>,
  context: PullContext,
): RecordPull<T> {
  let summary = emptySummary(plan.collection, plan.pageSize);

  const pages = (): AsyncIterable<Page<T>> => ({
    [Symbol.asyncIterator]: () => {
      summary = emptySummary(plan.collection, plan.pageSize);
      return readPages(plan, { ...reader, emit: context.emit }, summary);
    },
  });

  const records = (): AsyncIterableIterator<T> => pageRecordsIterator(pages()[Symbol.asyncIterator]());

  return {
    [Symbol.asyncIterator]: () => records(),
    pages,
    // Reads `maxItems` itself: JavaScript callers may pass nothing, and destructuring would throw
    // "Cannot destructure property 'maxItems' of 'undefined'".
    async toArray(options) {
      const maxItems: unknown =
        typeof options === 'object' && options !== null ? options.maxItems : undefined;
      if (typeof maxItems !== 'number' || !Number.isInteger(maxItems) || maxItems < 0) {
        throw new TypeError(
          'oneroster: toArray({ maxItems }): maxItems is required, a non-negative integer, the most ' +
            'records to collect (a guard against loading a whole district into memory by accident)',
        );
      }
      const items: T[] = [];
      for await (const item of records()) {
        if (items.length === maxItems) throw new TooManyItemsError(plan.collection, maxItems);
        items.push(item);
      }
      return items;
    },
    get summary() {
      return summary;
    },
  };
}
