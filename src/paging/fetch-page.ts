import { isHttpError } from '../errors/guards.js';
import type { ResolvedCall } from '../transport/call-options.js';
import type { RequestExecutor } from '../transport/request-executor.js';
import { linksNext } from './parse-link-header.js';
import { type EnvelopeKeys, readListEnvelope } from './read-envelope.js';
import { readTotalCount } from './read-total-count.js';

/** One page as the provider sent it, before validation. */
export interface RawPage {
  offset: number;
  /** The `limit` the page was asked with (after any 413 halving). */
  limit: number;
  records: unknown[];
  /** `X-Total-Count` when present and sane. */
  total: number | undefined;
  /** ClassLink's roster revision, which changes when the roster does. */
  permRev: string | undefined;
  /** The page's `Link` header names a next page (see `PagingProgress.mayEndUnconfirmed`). */
  linksNext: boolean;
}

/** What is fixed for every page of one pull. */
export interface PageSource {
  executor: RequestExecutor;
  path: readonly string[];
  /** Collection name for errors and events, e.g. `users`. */
  collection: string;
  keys: EnvelopeKeys;
  /** sort, orderBy, filter and fields, already rendered; limit and offset are added per page. */
  query: Record<string, string | undefined>;
  /** The read's timeout, retry and headers; the client's when absent. */
  call?: ResolvedCall;
}

/** The smallest page a 413 may shrink the page size to. */
const MIN_PAGE_SIZE = 1;

/**
 * Fetches the page at `offset`. A 413 (page too large, some providers) halves the page size and asks
 * again; `onPageSizeChange` lets the pull keep the smaller size for the pages after.
 * `onBodyReceived` runs when the page's body has arrived, before it is parsed.
 */
export async function fetchPage(
  source: PageSource,
  offset: number,
  limit: number,
  signal: AbortSignal,
  onPageSizeChange: (pageSize: number) => void,
  onBodyReceived?: () => boolean,
): Promise<RawPage> {
  for (let pageSize = limit; ; ) {
    try {
      const response = await source.executor.requestJson({
        path: source.path,
        query: { limit: pageSize, offset, ...source.query },
        signal,
        ...(source.call ? { call: source.call } : {}),
        collection: source.collection,
        read: (body, _exchange, context) => readListEnvelope(body, source.keys, context),
        ...(onBodyReceived ? { onBodyReceived } : {}),
      });
      const { headers } = response;
      return {
        offset,
        limit: pageSize,
        records: response.data,
        total: readTotalCount(headers),
        permRev: headers.get('x-perm-rev') ?? undefined,
        linksNext: linksNext(headers.get('link')),
      };
    } catch (error) {
      if (!isHttpError(error) || error.status !== 413 || pageSize <= MIN_PAGE_SIZE) throw error;
      pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
      onPageSizeChange(pageSize);
    }
  }
}
