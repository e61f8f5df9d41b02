/** The paging position a Link target names; the rest of its query is ignored on purpose. */
export interface LinkTarget {
  offset?: number;
  limit?: number;
}

/** The `Link` header's relations that OneRoster uses. */
export type PageLinks = Partial<Record<PageRelation, LinkTarget>>;

/** A `rel` of a `Link` entry that paging reads. */
export type PageRelation = 'next' | 'prev' | 'first' | 'last';

/** One entry of a `Link` header as written: its target (without `<>`) and its relations, lower-case. */
export interface LinkEntry {
  target: string;
  relations: string[];
}

const PAGE_RELATIONS: ReadonlySet<string> = new Set<PageRelation>(['next', 'prev', 'first', 'last']);

function isPageRelation(relation: string): relation is PageRelation {
  return PAGE_RELATIONS.has(relation);
}

/** The query of a target that may be absolute, relative, or a bare query string (empty when it has none). */
export function linkTargetQuery(target: string): URLSearchParams {
  const queryStart = target.indexOf('?');
  return new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1));
}

function readInteger(parameters: URLSearchParams, name: string): number | undefined {
  const value = parameters.get(name);
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  // A 20-digit offset is no position in any roster (and 400 digits would read as Infinity).
  const number = Number(value.trim());
  return Number.isSafeInteger(number) ? number : undefined;
}

/** The offset and limit a target names; undefined when it names neither. */
export function readLinkTarget(target: string): LinkTarget | undefined {
  const parameters = linkTargetQuery(target);
  const offset = readInteger(parameters, 'offset');
  const limit = readInteger(parameters, 'limit');
  if (offset === undefined && limit === undefined) return undefined;
  return { ...(offset === undefined ? {} : { offset }), ...(limit === undefined ? {} : { limit }) };
}

/**
 * Splits a `Link` header leniently: targets with or without `<>`, relative URLs, empty entries and
 * trailing commas, unquoted or upper-case `rel`. Never throws. The one reader of the header: paging
 * and the doctor's probe both go through it.
 */
export function readLinkEntries(header: string | null | undefined): LinkEntry[] {
  const entries: LinkEntry[] = [];
  if (!header) return entries;
  // A comma inside a URL is possible (fields=a,b), so split only before a new target.
  for (const part of header.split(/,(?=\s*<|\s*[a-z][a-z0-9+.-]*:\/\/|\s*\/|\s*\?)/i)) {
    // Empty entries and trailing commas (`<a>; rel="next",, <b>; rel="last",`) belong to no parameter.
    const sections = part
      .replace(/^[\s,]+|[\s,]+$/g, '')
      .split(';')
      .map((section) => section.trim());
    const target = sections[0]?.replace(/^<|>$/g, '').trim();
    if (!target) continue;
    const relations = sections.slice(1).flatMap((parameter) => {
      const match = /^rel\s*=\s*"?([^"]*)"?$/i.exec(parameter);
      return match?.[1] ? match[1].toLowerCase().split(/\s+/) : [];
    });
    entries.push({ target, relations });
  }
  return entries;
}

/**
 * Parses a `Link` header into the offset and limit of each paging relation. Only offset and limit are
 * taken from a target, because providers send `next` links that drop `filter` or `fields` (the
 * caller's query is kept instead). Never throws.
 */
export function parseLinkHeader(header: string | null | undefined): PageLinks {
  const links: PageLinks = {};
  for (const { target, relations } of readLinkEntries(header)) {
    for (const relation of relations) {
      if (!isPageRelation(relation)) continue;
      const parsed = readLinkTarget(target);
      if (parsed) links[relation] = parsed;
    }
  }
  return links;
}

/**
 * Whether the header names a next page. Any `rel="next"` counts, whatever its target: a malformed
 * target still says that more records follow.
 */
export function linksNext(header: string | null | undefined): boolean {
  return readLinkEntries(header).some((entry) => entry.relations.includes('next'));
}
