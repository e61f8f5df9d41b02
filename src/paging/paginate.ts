import { ProtocolError } from '../errors/protocol-error.js';
import { isDeeperThan, MAX_RECORD_DEPTH } from '../models/record-depth.js';
import { letRequestsGoOut } from '../transport/let-requests-go-out.js';
import { fetchPage, type PageSource, type RawPage } from './fetch-page.js';

/** How one pull pages through a collection. */
export interface PagingPlan extends PageSource {
  pageSize: number;
  /** Stop with a ProtocolError after this many requests (a provider that never ends). */
  maxPages: number;
  /**
   * Requests sent ahead when the total is known (the client's concurrency). One more page may be
   * held while it is parsed, so memory holds at most `prefetchPages + 1` pages.
   */
  prefetchPages: number;
  signal: AbortSignal | undefined;
}

/** What the paginator learnt about the pull, read by the summary. */
export interface PagingState {
  requests: number;
  pageSize: number;
  firstTotal: number | undefined;
  lastTotal: number | undefined;
  firstPermRev: string | undefined;
  lastPermRev: string | undefined;
  /** The provider's count changed or contradicted what arrived, so it no longer ends the pull. */
  totalUntrusted: boolean;
  complete: boolean;
}

/**
 * Non-empty pages in a row with the same content before the provider is taken to ignore `offset`.
 * De-duplication by sourcedId cannot see this when the records have no readable sourcedId (they are
 * quarantined instead), and the pull would run to `maxPages`.
 */
const MAX_IDENTICAL_PAGES = 3;

/**
 * A record as it goes in a page signature. One nested deeper than `MAX_RECORD_DEPTH` would overflow
 * `JSON.stringify`'s stack, so it stands in by its sourcedId (it is quarantined when read).
 */
function edgeOf(record: unknown): string {
  if (!isDeeperThan(record, MAX_RECORD_DEPTH)) return JSON.stringify(record) ?? 'undefined';
  const id = (record as { sourcedId?: unknown }).sourcedId;
  return `too-deep:${typeof id === 'string' ? JSON.stringify(id) : ''}`;
}

/** Equal for two pages only when they hold the same records: length, first and last record. */
function pageSignature(records: readonly unknown[]): string {
  return `${records.length}:${edgeOf(records[0])}:${edgeOf(records.at(-1))}`;
}

/** A page's records from `start` on, where an earlier short page left the offsets misaligned. */
export interface PageSlice {
  page: RawPage;
  /** Index in `page.records` of the first record not yet yielded. */
  start: number;
}

/**
 * Yields every page of a collection in order, never losing a record:
 * - the offset advances by the records received, so a provider that clamps `limit` silently loses nothing;
 * - the pull ends on an empty page, or on reaching `X-Total-Count` while that count stays consistent
 *   (a count that changes or is exceeded is ignored, and paging goes on to an empty page);
 * - with a trusted total, following pages are fetched concurrently (through the client's limiter),
 *   still yielded in order, at most `prefetchPages` requests ahead (plus one page being parsed);
 * - a page shorter than expected leaves a hole that is fetched before going on;
 * - breaking out aborts the requests in flight.
 */
export async function* paginate(plan: PagingPlan, state: PagingState): AsyncGenerator<PageSlice> {
  const controller = new AbortController();
  const signal = plan.signal ? AbortSignal.any([plan.signal, controller.signal]) : controller.signal;
  const inFlight = new Map<number, Promise<RawPage>>();
  /**
   * Requests whose body has not arrived: queued for the limiter, on the wire, or waiting to retry.
   * Prefetching counts these, so a pull never queues more requests than the client's concurrency
   * (at concurrency 1, a retried page still goes out before the next one). A body that arrives and
   * then fails to parse is retried without being counted again: one request more, for a rare fault.
   */
  const awaitingBody = new Set<number>();
  const requested = new Set<number>();
  let nextOffset = 0;
  let plannedOffset = 0;
  let stride = 0;
  let pagesSeen = 0;
  let firstPageFilled = false;
  let lastSignature = '';
  let identicalPages = 0;

  const pagingLoop = (what: string): ProtocolError =>
    new ProtocolError({
      reason: 'paging-loop',
      method: 'GET',
      url: `/${plan.path.join('/')}`,
      collection: plan.collection,
      message: `Paging ${plan.collection} ${what}`,
    });

  const request = (offset: number): Promise<RawPage> => {
    if (++state.requests > plan.maxPages) throw pagingLoop(`did not end within maxPages (${plan.maxPages})`);
    requested.add(offset);
    awaitingBody.add(offset);
    const bodyReceived = (): boolean => {
      awaitingBody.delete(offset);
      // The limiter slot is free while this page is parsed: send the next request now.
      return topUp();
    };
    const promise = fetchPage(
      plan,
      offset,
      state.pageSize,
      signal,
      (size) => {
        state.pageSize = size;
      },
      bodyReceived,
    );
    // Aborted prefetches reject after the consumer is gone; the rejection is expected.
    promise.catch(() => awaitingBody.delete(offset));
    return promise;
  };

  const observe = (page: RawPage): void => {
    const { total, permRev } = page;
    if (pagesSeen++ === 0) {
      state.firstTotal = total;
      state.firstPermRev = permRev;
    }
    if (state.lastTotal !== undefined && total !== state.lastTotal) state.totalUntrusted = true;
    if (total === undefined && state.lastTotal !== undefined) state.totalUntrusted = true;
    state.lastTotal = total ?? state.lastTotal;
    state.lastPermRev = permRev ?? state.lastPermRev;
    if (total !== undefined && page.offset + page.records.length > total) state.totalUntrusted = true;
  };

  const trustedTotal = (): number | undefined => (state.totalUntrusted ? undefined : state.lastTotal);

  /**
   * Reaching `X-Total-Count` ends the pull only when one short first page held everything. Otherwise
   * one more request at the total confirms the end: a provider whose count is consistently too low
   * would else truncate the roster silently. An empty answer ends the pull; records mean the count
   * was wrong (observe() stops trusting it) and paging goes on.
   */
  const needsEndConfirmation = (): boolean =>
    (state.requests > 1 || firstPageFilled) && !requested.has(nextOffset);

  /**
   * Sends requests ahead up to the limits; true when it sent any. Never throws: it also runs inside
   * a request's exchange (see `request`), so reaching `maxPages` stops the prefetching and the loop's
   * own request throws.
   */
  const topUp = (): boolean => {
    const requestsBefore = state.requests;
    const total = trustedTotal();
    if (total === undefined || stride === 0 || signal.aborted) return false;
    if (plannedOffset < nextOffset) plannedOffset = nextOffset;
    while (
      awaitingBody.size < plan.prefetchPages &&
      inFlight.size <= plan.prefetchPages &&
      plannedOffset < total &&
      state.requests < plan.maxPages
    ) {
      if (!requested.has(plannedOffset)) inFlight.set(plannedOffset, request(plannedOffset));
      plannedOffset += stride;
    }
    return state.requests > requestsBefore;
  };

  /** The page to read `nextOffset` from: a prefetched one covering it, else a new request. */
  const takePage = async (): Promise<PageSlice> => {
    const covering = [...inFlight.keys()].filter((offset) => offset <= nextOffset).sort((a, b) => b - a);
    for (const offset of covering) {
      const page = await inFlight.get(offset)!;
      inFlight.delete(offset);
      if (offset === nextOffset || offset + page.records.length > nextOffset) {
        return { page, start: nextOffset - offset };
      }
    }
    // Every page consumed advanced the offset, so asking for one twice means the paging is broken.
    if (requested.has(nextOffset)) throw pagingLoop(`asked for offset ${nextOffset} twice`);
    return { page: await request(nextOffset), start: 0 };
  };

  try {
    for (;;) {
      signal.throwIfAborted();
      const total = trustedTotal();
      if (total !== undefined && nextOffset >= total && state.requests > 0 && !needsEndConfirmation()) break;
      const slice = await takePage();
      observe(slice.page);
      const received = slice.page.records.length - slice.start;
      if (received <= 0) break;
      const signature = pageSignature(slice.page.records);
      identicalPages = signature === lastSignature ? identicalPages + 1 : 1;
      lastSignature = signature;
      if (identicalPages >= MAX_IDENTICAL_PAGES) {
        throw pagingLoop(
          `served the same page ${MAX_IDENTICAL_PAGES} times in a row, up to offset ${nextOffset}`,
        );
      }
      if (stride === 0) {
        stride = slice.page.records.length;
        firstPageFilled = stride >= slice.page.limit;
      }
      nextOffset += received;
      // Lets the requests just sent reach the socket before the consumer reads the page.
      if (topUp()) await letRequestsGoOut();
      yield slice;
    }
    state.complete = true;
  } finally {
    controller.abort(new Error('pull finished'));
  }
}
