import { AbortError } from '../errors/abort-error.js';
import { letRequestsGoOut } from '../transport/let-requests-go-out.js';
import type { PageSource } from './fetch-page.js';
import { openPageWindow } from './page-window.js';
import { pagingLoopError } from './paging-loop-error.js';
import { afterPage, nextStep, type PageSlice, prefetchRange, startProgress } from './paging-progress.js';

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

/** What the paging of a pull saw, read by its summary (also after a failure or a `break`). */
export interface PagingReport {
  requests: number;
  /** The page size in force (a 413 halves it). */
  pageSize: number;
  firstTotal: number | undefined;
  lastTotal: number | undefined;
  firstPermRev: string | undefined;
  lastPermRev: string | undefined;
  /** The pull reached its end: an empty page, or a consistent total. */
  complete: boolean;
}

/** The pages of one pull, and what its paging has seen so far. */
export interface Paging {
  readonly pages: AsyncGenerator<PageSlice>;
  report(): PagingReport;
}

/**
 * Pages through a collection in order, never losing a record:
 * - the offset advances by the records received, so a provider that clamps `limit` silently loses nothing;
 * - the pull ends on an empty page, or on reaching `X-Total-Count` while that count stays consistent
 *   (a count that changes or is exceeded is ignored, and paging goes on to an empty page);
 * - with a trusted total, following pages are fetched concurrently (through the client's limiter),
 *   still yielded in order, at most `prefetchPages` requests ahead (plus one page being parsed);
 * - a page shorter than expected leaves a hole that is fetched before going on;
 * - breaking out aborts the requests in flight.
 *
 * The decisions are the pure transitions of `paging-progress.ts`; this loop only carries them out.
 */
export function paginate(plan: PagingPlan): Paging {
  const controller = new AbortController();
  const signal = plan.signal ? AbortSignal.any([plan.signal, controller.signal]) : controller.signal;
  let progress = startProgress();
  let complete = false;
  const window = openPageWindow({
    source: plan,
    maxPages: plan.maxPages,
    prefetchPages: plan.prefetchPages,
    pageSize: plan.pageSize,
    signal,
    // Read when a body arrives too, so a prefetch always starts from the pull's latest position.
    range: () => prefetchRange(progress),
  });

  async function* pages(): AsyncGenerator<PageSlice> {
    try {
      for (;;) {
        // The caller's abort (the pull's own comes only once it has ended).
        if (signal.aborted) throw new AbortError({ collection: plan.collection, reason: signal.reason });
        const step = nextStep(progress);
        if (step.kind === 'end') break;
        const slice = await window.take(step.offset);
        const outcome = afterPage(progress, slice);
        progress = outcome.progress;
        if (outcome.kind === 'ended') break;
        if (outcome.kind === 'loop') throw pagingLoopError(plan, outcome.what);
        // Lets the requests just sent reach the socket before the consumer reads the page.
        if (window.topUp()) await letRequestsGoOut();
        yield slice;
      }
      complete = true;
    } finally {
      controller.abort(new Error('pull finished'));
    }
  }

  return {
    pages: pages(),
    report: () => {
      const { firstTotal, lastTotal, firstPermRev, lastPermRev } = progress.counts;
      return {
        requests: window.requests,
        pageSize: window.pageSize,
        firstTotal,
        lastTotal,
        firstPermRev,
        lastPermRev,
        complete,
      };
    },
  };
}
