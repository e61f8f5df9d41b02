import { percentEncode } from '../url/percent-encode.js';

/** Query values in the order they go on the wire; undefined values are left out. */
export type QueryParameters = Record<string, string | number | undefined>;

/**
 * Joins the base URL, path segments and query parameters, encoding each per RFC 3986 (spaces as
 * `%20`, never `+`): the URL sent is byte for byte the one an OAuth 1.0a signature is computed over.
 * Segments are taken raw (a sourcedId may hold `/` or `%`) and encoded once here.
 */
export function buildUrl(
  baseUrl: string,
  pathSegments: readonly string[],
  query: QueryParameters = {},
): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    pairs.push(`${percentEncode(name)}=${percentEncode(String(value))}`);
  }
  const path = pathSegments.map((segment) => `/${percentEncode(segment)}`).join('');
  return `${baseUrl}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}
