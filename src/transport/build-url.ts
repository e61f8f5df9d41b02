import { percentEncode } from '../base/percent-encode.js';

/** Query values in the order they go on the wire; undefined values are left out. */
export type QueryParameters = Record<string, string | number | undefined>;

/** A path segment that URL parsers and servers resolve instead of keeping: empty, `.` or `..`. */
const DOT_OR_EMPTY = /^\.{0,2}$/;

/**
 * True for a segment that would change the path however it is encoded: `''`, `.` and `..` (WHATWG
 * URL resolves `%2e`, `%2E%2e` and the like as dots too, and servers that decode twice see `%252e`
 * as one), so an id such as `..` cannot turn `/schools/{id}/students` into `/students`.
 */
export function isUnsafePathSegment(segment: string): boolean {
  let text = segment;
  for (;;) {
    if (DOT_OR_EMPTY.test(text)) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return false;
    }
    if (decoded === text) return false;
    text = decoded;
  }
}

/**
 * Joins the base URL, path segments and query parameters, encoding each per RFC 3986 (spaces as
 * `%20`, never `+`): the URL sent is byte for byte the one an OAuth 1.0a signature is computed over.
 * Segments are taken raw (a sourcedId may hold `/` or `%`) and encoded once here, so each stays one
 * segment.
 *
 * @throws TypeError for an empty, `.` or `..` segment (see {@link isUnsafePathSegment})
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
  const path = pathSegments
    .map((segment) => {
      if (isUnsafePathSegment(segment)) {
        throw new TypeError(
          `oneroster: a path segment cannot be empty, "." or ".." (got ${JSON.stringify(segment)})`,
        );
      }
      return `/${percentEncode(segment)}`;
    })
    .join('');
  return `${baseUrl}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}
