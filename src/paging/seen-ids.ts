import { createHashedIds, type HashedIds } from './hashed-ids.js';

/** Joins a page's ids into one string; an id containing it is kept in a Set instead. */
const ID_SEPARATOR = '\u0000';

/** The sourcedIds a pull has yielded: `add` answers whether an id is new, exactly. */
export interface SeenIds {
  add(id: string): boolean;
  /** The page's ids are final: pack them. */
  endPage(): void;
}

/**
 * Longest prefix an entry shares with the id before it, stored as one character code above 0 (the
 * separator): at most 254 keeps the packed string one byte per character.
 */
const MAX_SHARED_PREFIX = 254;

/** How many leading characters `id` shares with `previous`, up to {@link MAX_SHARED_PREFIX}. */
function sharedPrefixLength(previous: string, id: string): number {
  const limit = Math.min(previous.length, id.length, MAX_SHARED_PREFIX);
  let length = 0;
  while (length < limit && previous.charCodeAt(length) === id.charCodeAt(length)) length++;
  return length;
}

/**
 * Packs a page's ascending ids with front coding: each entry is the length of the prefix shared with
 * the id before it (as one character) and the rest of the id. Sorted ids share long prefixes
 * (`enr-0000123456` after `enr-0000123455` costs 3 bytes instead of 15).
 */
function packPage(ids: readonly string[]): string {
  const entries: string[] = [];
  let previous = '';
  for (const id of ids) {
    const shared = sharedPrefixLength(previous, id);
    entries.push(String.fromCharCode(shared + 1) + id.slice(shared));
    previous = id;
  }
  return entries.join(ID_SEPARATOR);
}

function unpackPage(packed: string): string[] {
  const ids: string[] = [];
  let previous = '';
  for (const entry of packed.split(ID_SEPARATOR)) {
    const id = previous.slice(0, entry.charCodeAt(0) - 1) + entry.slice(1);
    ids.push(id);
    previous = id;
  }
  return ids;
}

/**
 * The ids yielded so far, exact, in a small share of a Set's memory while the provider serves them
 * in ascending order (the client asks for `sort=sourcedId`): an id above every id seen cannot have
 * been seen, so no lookup is needed, and each page's ids are packed into one front-coded string
 * (about 3 bytes per sequential id, instead of a string and a Set entry per id; this also spares the
 * garbage collector from promoting every id). The first id out of order (drift, a provider that
 * ignores the sort or collates differently) unpacks everything into a set of 128-bit hashes
 * (`hashed-ids.ts`: 16 bytes an id in typed arrays, exact in effect), which answers from then on.
 */
export function createSeenIds(): SeenIds {
  let max: string | undefined;
  let packed: string[] = [];
  let page: string[] = [];
  let set: HashedIds | undefined;
  const unpack = (): HashedIds => {
    const all = createHashedIds();
    for (const chunk of packed) for (const id of unpackPage(chunk)) all.add(id);
    for (const id of page) all.add(id);
    packed = [];
    page = [];
    return all;
  };
  return {
    add(id) {
      if (set === undefined) {
        // Code-unit order, whatever the provider's collation: only "above every id seen" matters.
        if ((max === undefined || id > max) && !id.includes(ID_SEPARATOR)) {
          max = id;
          page.push(id);
          return true;
        }
        set = unpack();
      }
      return set.add(id);
    },
    endPage() {
      if (page.length === 0) return;
      packed.push(packPage(page));
      page = [];
    },
  };
}
