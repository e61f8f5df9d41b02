import { fetchPage, type PageSource, type RawPage } from './fetch-page.js';
import { pagingLoopError } from './paging-loop-error.js';
import type { PageSlice, PrefetchRange } from './paging-progress.js';

/** What one pull's requests are sent with. */
export interface PageWindowOptions {
  source: PageSource;
  /** Stop with a ProtocolError after this many requests. */
  maxPages: number;
  /** Requests awaiting a body at most; one more page may be held while it is parsed. */
  prefetchPages: number;
  pageSize: number;
  signal: AbortSignal;
  /** How far ahead to request, read at every top-up (also when a body arrives mid-page). */
  range: () => PrefetchRange | undefined;
}

/** The requests of one pull: the pages in flight, and the counts its summary reports. */
export interface PageWindow {
  readonly requests: number;
  /** The page size in force (a 413 halves it for the pages after). */
  readonly pageSize: number;
  /** The page to read `offset` from: a prefetched one covering it, else a new request. */
  take(offset: number): Promise<PageSlice>;
  /**
   * Sends requests ahead up to the limits; true when it sent any. Never throws: it also runs inside
   * a request's exchange, so reaching `maxPages` stops the prefetching and the pull's own request
   * throws.
   */
  topUp(): boolean;
}

/** Opens the window of requests for one pull; the pull aborts `signal` when it ends. */
export function openPageWindow(options: PageWindowOptions): PageWindow {
  const { source, maxPages, prefetchPages, signal } = options;
  const inFlight = new Map<number, Promise<RawPage>>();
  /**
   * Requests whose body has not arrived: queued for the limiter, on the wire, or waiting to retry.
   * Prefetching counts these, so a pull never queues more requests than the client's concurrency
   * (at concurrency 1, a retried page still goes out before the next one). A body that arrives and
   * then fails to parse is retried without being counted again: one request more, for a rare fault.
   */
  const awaitingBody = new Set<number>();
  const requested = new Set<number>();
  let requests = 0;
  let pageSize = options.pageSize;
  let plannedOffset = 0;

  const request = (offset: number): Promise<RawPage> => {
    if (++requests > maxPages) throw pagingLoopError(source, `did not end within maxPages (${maxPages})`);
    requested.add(offset);
    awaitingBody.add(offset);
    const bodyReceived = (): boolean => {
      awaitingBody.delete(offset);
      // The limiter slot is free while this page is parsed: send the next request now.
      return topUp();
    };
    const resize = (size: number): void => {
      pageSize = size;
    };
    const promise = fetchPage(source, offset, pageSize, signal, resize, bodyReceived);
    // Aborted prefetches reject after the consumer is gone; the rejection is expected.
    promise.catch(() => awaitingBody.delete(offset));
    return promise;
  };

  const topUp = (): boolean => {
    const requestsBefore = requests;
    const range = options.range();
    if (range === undefined || signal.aborted) return false;
    if (plannedOffset < range.from) plannedOffset = range.from;
    while (
      awaitingBody.size < prefetchPages &&
      inFlight.size <= prefetchPages &&
      plannedOffset < range.to &&
      requests < maxPages
    ) {
      if (!requested.has(plannedOffset)) inFlight.set(plannedOffset, request(plannedOffset));
      plannedOffset += range.stride;
    }
    return requests > requestsBefore;
  };

  const take = async (offset: number): Promise<PageSlice> => {
    const covering = [...inFlight].filter(([at]) => at <= offset).sort(([a], [b]) => b - a);
    for (const [at, pending] of covering) {
      const page = await pending;
      inFlight.delete(at);
      if (at === offset || at + page.records.length > offset) return { page, start: offset - at };
    }
    // Every page consumed advanced the offset, so asking for one twice means the paging is broken.
    if (requested.has(offset)) throw pagingLoopError(source, `asked for offset ${offset} twice`);
    return { page: await request(offset), start: 0 };
  };

  return {
    get requests() {
      return requests;
    },
    get pageSize() {
      return pageSize;
    },
    take,
    topUp,
  };
}
