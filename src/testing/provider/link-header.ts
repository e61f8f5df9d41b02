/** `Link` headers for a page (rel next, prev, first, last), in the standard form or a quirk's form. */

import { formatQuery, type QueryPairs } from './query-params.js';
import type { LinkStyle } from './quirks.js';

/** What a page's links are computed from. */
export interface PageLinks {
  /** Origin of the provider, e.g. `http://127.0.0.1:3000`. */
  readonly origin: string;
  /** Path of the collection, e.g. `/ims/oneroster/v1p1/users`. */
  readonly path: string;
  /** The request's parameters other than limit and offset. */
  readonly query: QueryPairs;
  readonly offset: number;
  /** The page size actually served (after any clamp), so links step by real pages. */
  readonly limit: number;
  readonly total: number;
}

/** The Link header value, or undefined when the style omits it or there is nothing to link. */
export function linkHeader(page: PageLinks, style: LinkStyle): string | undefined {
  if (style === 'omit') return undefined;
  const { offset, limit, total } = page;
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const url = (at: number, rel: string): string => {
    const kept = style === 'nextDropsQuery' && rel === 'next' ? [] : page.query;
    const query = formatQuery([...kept, ['limit', String(limit)], ['offset', String(at)]]);
    return `${style === 'relative' ? '' : page.origin}${page.path}?${query}`;
  };
  const links: Array<[string, number]> = [];
  if (offset + limit < total) links.push(['next', offset + limit]);
  if (offset > 0) links.push(['prev', Math.max(0, offset - limit)]);
  links.push(['first', 0], ['last', lastOffset]);
  const entries = links.map(([rel, at]) =>
    style === 'noAngleBrackets' ? `${url(at, rel)}; rel="${rel}"` : `<${url(at, rel)}>; rel="${rel}"`,
  );
  return style === 'trailingComma' ? `${entries.join(',, ')},` : entries.join(', ');
}
