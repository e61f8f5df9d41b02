/** The paging position a Link target names; the rest of its query is ignored on purpose. */
export interface LinkTarget {
  offset?: number;
  limit?: number;
}

/** The `Link` header's relations that OneRoster uses. */
export type PageLinks = Partial<Record<'next' | 'prev' | 'first' | 'last', LinkTarget>>;

const RELATIONS = new Set(['next', 'prev', 'first', 'last']);

function readInteger(parameters: URLSearchParams, name: string): number | undefined {
  const value = parameters.get(name);
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  // A 20-digit offset is no position in any roster (and 400 digits would read as Infinity).
  const number = Number(value.trim());
  return Number.isSafeInteger(number) ? number : undefined;
}

/** Reads offset and limit from a target that may be absolute, relative, or a bare query string. */
function readTarget(target: string): LinkTarget | undefined {
  const queryStart = target.indexOf('?');
  if (queryStart === -1) return undefined;
  const parameters = new URLSearchParams(target.slice(queryStart + 1));
  const offset = readInteger(parameters, 'offset');
  const limit = readInteger(parameters, 'limit');
  if (offset === undefined && limit === undefined) return undefined;
  return { ...(offset === undefined ? {} : { offset }), ...(limit === undefined ? {} : { limit }) };
}

/**
 * Parses a `Link` header leniently: targets with or without `<>`, relative URLs, trailing commas,
 * unquoted or upper-case `rel`. Only offset and limit are taken from a target, because providers
 * send `next` links that drop `filter` or `fields` (the caller's query is kept instead). Never throws.
 */
export function parseLinkHeader(header: string | null | undefined): PageLinks {
  const links: PageLinks = {};
  if (!header) return links;
  // A comma inside a URL is possible (fields=a,b), so split only before a new target.
  const parts = header.split(/,(?=\s*<|\s*[a-z][a-z0-9+.-]*:\/\/|\s*\/|\s*\?)/i);
  for (const part of parts) {
    // Empty entries and trailing commas (`<a>; rel="next",, <b>; rel="last",`) belong to no parameter.
    const sections = part
      .replace(/^[\s,]+|[\s,]+$/g, '')
      .split(';')
      .map((section) => section.trim());
    const target = sections[0]?.replace(/^<|>$/g, '').trim();
    if (!target) continue;
    for (const parameter of sections.slice(1)) {
      const match = /^rel\s*=\s*"?([^"]*)"?$/i.exec(parameter);
      if (!match?.[1]) continue;
      for (const relation of match[1].toLowerCase().split(/\s+/)) {
        const parsed = readTarget(target);
        if (RELATIONS.has(relation) && parsed) links[relation as keyof PageLinks] = parsed;
      }
    }
  }
  return links;
}
