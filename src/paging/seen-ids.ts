/** Joins a page's ids into one string; an id containing it is kept in a Set instead. */
const ID_SEPARATOR = '\u0000';

/** The sourcedIds a pull has yielded: `add` answers whether an id is new, exactly. */
export interface SeenIds {
  add(id: string): boolean;
  /** The page's ids are final: pack them. */
  endPage(): void;
}

/**
 * The ids yielded so far, exact, in a quarter of a Set's memory while the provider serves them in
 * ascending order (the client asks for `sort=sourcedId`): an id above every id seen cannot have been
 * seen, so no lookup is needed, and each page's ids are packed into one string (about 1 byte per
 * character instead of a string and a Set entry per id, which also spares the garbage collector from
 * promoting every id). The first id out of order (drift, a provider that ignores the sort or collates
 * differently) unpacks everything into a Set, which then answers like a plain Set.
 */
export function createSeenIds(): SeenIds {
  let max: string | undefined;
  let packed: string[] = [];
  let page: string[] = [];
  let set: Set<string> | undefined;
  const unpack = (): Set<string> => {
    const all = new Set<string>();
    for (const chunk of packed) for (const id of chunk.split(ID_SEPARATOR)) all.add(id);
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
      const size = set.size;
      set.add(id);
      return set.size !== size;
    },
    endPage() {
      if (page.length === 0) return;
      packed.push(page.join(ID_SEPARATOR));
      page = [];
    },
  };
}
