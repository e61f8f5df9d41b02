import { isDeeperThan, MAX_RECORD_DEPTH } from '../models/record-depth.js';
import type { RawPage } from './fetch-page.js';
import { sourcedIdOf } from './sourced-id-of.js';

/** A page's records from `start` on, where an earlier short page left the offsets misaligned. */
export interface PageSlice {
  page: RawPage;
  /** Index in `page.records` of the first record not yet yielded. */
  start: number;
}

/** What the provider's counts said so far: `X-Total-Count`, and ClassLink's `x-perm-rev`. */
export interface CountWatch {
  /** Pages observed, the empty last one included. */
  readonly pages: number;
  readonly firstTotal: number | undefined;
  /** The last count sent (a page without one keeps the one before). */
  readonly lastTotal: number | undefined;
  readonly firstPermRev: string | undefined;
  readonly lastPermRev: string | undefined;
  /** The count changed, went missing, or was exceeded by the records that arrived: it no longer ends the pull. */
  readonly totalUntrusted: boolean;
}

/** A pull between two pages. Each transition returns a new one; nothing here sends a request. */
export interface PagingProgress {
  readonly counts: CountWatch;
  /** Offset of the first record not yet yielded: it advances by the records received. */
  readonly nextOffset: number;
  /** Records the first page held, the prefetch stride; 0 until a page with records arrives. */
  readonly stride: number;
  /**
   * True while the only page read is a short one whose `Link` names no next page: reaching the count
   * then ends the pull without the confirming request. A page that says `rel="next"` is never taken
   * for the whole collection, so a provider that clamps the page size and counts only the page it
   * sent loses nothing.
   */
  readonly mayEndUnconfirmed: boolean;
  /** {@link pageSignature} of the last page, and how many pages in a row had it. */
  readonly lastSignature: string;
  readonly identicalPages: number;
}

/** What the pull does next, decided from its progress alone. */
export type PagingStep =
  /** Read the page at `offset`: prefetched, or requested now. */
  | { kind: 'read'; offset: number }
  /**
   * The trusted count is reached: one more request at it confirms the end (an empty page), or shows
   * that the count was too low (records, and the count is no longer trusted).
   */
  | { kind: 'confirm'; offset: number }
  /** The count is reached by one short first page that held everything. */
  | { kind: 'end' };

/** What a page did to the pull. */
export type PageOutcome =
  /** Records arrived: yield them and go on. */
  | { kind: 'more'; progress: PagingProgress }
  /** An empty page (or none past the offset): the end of the collection. */
  | { kind: 'ended'; progress: PagingProgress }
  /** The same page again and again: a provider that ignores `offset`. */
  | { kind: 'loop'; progress: PagingProgress; what: string };

/** How far ahead pages may be requested: from the next offset up to the count, a first page apart. */
export interface PrefetchRange {
  from: number;
  to: number;
  stride: number;
}

/**
 * Non-empty pages in a row with the same content before the provider is taken to ignore `offset`.
 * De-duplication by sourcedId cannot see this when the records have no readable sourcedId (they are
 * quarantined instead), and the pull would run to `maxPages`.
 */
const MAX_IDENTICAL_PAGES = 3;

/** A pull before its first page. */
export function startProgress(): PagingProgress {
  return {
    counts: {
      pages: 0,
      firstTotal: undefined,
      lastTotal: undefined,
      firstPermRev: undefined,
      lastPermRev: undefined,
      totalUntrusted: false,
    },
    nextOffset: 0,
    stride: 0,
    mayEndUnconfirmed: false,
    lastSignature: '',
    identicalPages: 0,
  };
}

/** The count that may end the pull: the provider's, while it stays consistent. */
export function trustedTotal(counts: CountWatch): number | undefined {
  return counts.totalUntrusted ? undefined : counts.lastTotal;
}

/**
 * Reaching `X-Total-Count` ends the pull only when one short first page held everything. Otherwise
 * one more request at the count confirms the end: a provider whose count is consistently too low
 * would else truncate the roster silently.
 */
export function nextStep(progress: PagingProgress): PagingStep {
  const total = trustedTotal(progress.counts);
  const offset = progress.nextOffset;
  if (total === undefined || offset < total) return { kind: 'read', offset };
  return progress.mayEndUnconfirmed ? { kind: 'end' } : { kind: 'confirm', offset };
}

/** Prefetching needs a trusted count and a stride; without them the pull reads one page at a time. */
export function prefetchRange(progress: PagingProgress): PrefetchRange | undefined {
  const total = trustedTotal(progress.counts);
  if (total === undefined || progress.stride === 0) return undefined;
  return { from: progress.nextOffset, to: total, stride: progress.stride };
}

/** The counts after a page: a count that changes, goes missing or is exceeded is no longer trusted. */
function observeCounts(counts: CountWatch, page: RawPage): CountWatch {
  const { total, permRev } = page;
  const first = counts.pages === 0;
  const changed = counts.lastTotal !== undefined && total !== counts.lastTotal;
  const exceeded = total !== undefined && page.offset + page.records.length > total;
  return {
    pages: counts.pages + 1,
    firstTotal: first ? total : counts.firstTotal,
    lastTotal: total ?? counts.lastTotal,
    firstPermRev: first ? permRev : counts.firstPermRev,
    lastPermRev: permRev ?? counts.lastPermRev,
    totalUntrusted: counts.totalUntrusted || changed || exceeded,
  };
}

/**
 * A record as it goes in a page signature. One nested deeper than `MAX_RECORD_DEPTH` would overflow
 * `JSON.stringify`'s stack, so it stands in by its sourcedId (it is quarantined when read).
 */
function edgeOf(record: unknown): string {
  if (!isDeeperThan(record, MAX_RECORD_DEPTH)) return JSON.stringify(record) ?? 'undefined';
  const id = sourcedIdOf(record);
  return `too-deep:${id === undefined ? '' : JSON.stringify(id)}`;
}

/** Equal for two pages only when they hold the same records: length, first and last record. */
function pageSignature(records: readonly unknown[]): string {
  return `${records.length}:${edgeOf(records[0])}:${edgeOf(records.at(-1))}`;
}

/** The pull after the page it just read. */
export function afterPage(progress: PagingProgress, slice: PageSlice): PageOutcome {
  const { page, start } = slice;
  const counts = observeCounts(progress.counts, page);
  const received = page.records.length - start;
  if (received <= 0) return { kind: 'ended', progress: { ...progress, counts } };
  const signature = pageSignature(page.records);
  const identicalPages = signature === progress.lastSignature ? progress.identicalPages + 1 : 1;
  if (identicalPages >= MAX_IDENTICAL_PAGES) {
    return {
      kind: 'loop',
      progress: { ...progress, counts },
      what: `served the same page ${MAX_IDENTICAL_PAGES} times in a row, up to offset ${progress.nextOffset}`,
    };
  }
  const first = progress.stride === 0;
  return {
    kind: 'more',
    progress: {
      counts,
      nextOffset: progress.nextOffset + received,
      stride: first ? page.records.length : progress.stride,
      mayEndUnconfirmed: first && page.records.length < page.limit && !page.linksNext,
      lastSignature: signature,
      identicalPages,
    },
  };
}
