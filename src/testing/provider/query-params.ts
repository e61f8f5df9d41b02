/** Reading the query string the way OneRoster providers do: `%20` for spaces, and `+` accepted too. */

/** Decoded query parameters, in order, as (name, value) pairs. */
export type QueryPairs = ReadonlyArray<readonly [string, string]>;

/** Decodes one component; `+` is a space (form encoding), which some clients send. */
export function decodeComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** Splits and decodes a raw query string (without `?`); throws URIError on a malformed escape. */
export function parseQuery(rawQuery: string): QueryPairs {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals === -1
        ? ([decodeComponent(part), ''] as const)
        : ([decodeComponent(part.slice(0, equals)), decodeComponent(part.slice(equals + 1))] as const);
    });
}

/** The first value of a parameter. */
export function queryValue(pairs: QueryPairs, name: string): string | undefined {
  return pairs.find(([key]) => key === name)?.[1];
}

/** RFC 3986 percent-encoding (unreserved characters only stay), as used in Link URLs and OAuth 1.0a. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Serialises pairs back into a query string with `%20` for spaces. */
export function formatQuery(pairs: QueryPairs): string {
  return pairs.map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`).join('&');
}
