/**
 * Infinite Campus's move from 1.1 to 1.2 (kb.infinitecampus.com, "OneRoster - What's new in 1.2?"):
 * records get new sourcedIds, and `metadata.ic.legacysourceId` keeps the legacy one. The mock's new
 * id is the old one behind a fixed prefix: a different id that keeps sourcedId order (so `sort` and
 * paging stay consistent) and maps back without a table, whatever the district's size.
 */
import type { CollectionName } from '../district/records.js';

/** What a re-keyed record's sourcedId starts with: `ic12-usr-0000000042` for 1.1's `usr-0000000042`. */
export const REKEYED_ID_PREFIX = 'ic12-';

/** Where a re-keyed record keeps its 1.1 sourcedId: `metadata.ic.legacysourceId` (Infinite Campus's key). */
export const LEGACY_ID_PATH = ['ic', 'legacysourceId'] as const;

/** The re-keying in force. */
export interface Rekeying {
  /** Whether records of the collection get new sourcedIds. */
  covers(collection: CollectionName): boolean;
  /** The sourcedId served for a stored one. */
  served(collection: CollectionName, storedId: string): string;
  /** The stored sourcedId a served one names; undefined when it names none (a re-keyed record's old id). */
  stored(collection: CollectionName, servedId: string): string | undefined;
  /** Whether re-keyed records carry their 1.1 sourcedId in `metadata`. */
  readonly link: boolean;
  /** Tells re-keyings apart in the query engine's cache keys. */
  readonly key: string;
}

/** No re-keying: every id is served as stored. */
export const NO_REKEYING: Rekeying = {
  covers: () => false,
  served: (_collection, id) => id,
  stored: (_collection, id) => id,
  link: false,
  key: '',
};

/**
 * The re-keying of the chosen collections (`true`: all). Demographics follow users: a demographics
 * record shares its user's sourcedId (spec), so they are re-keyed exactly when users are.
 */
export function createRekeying(
  collections: boolean | readonly CollectionName[],
  link: 'metadata' | 'omit',
): Rekeying {
  if (collections === false || (collections !== true && collections.length === 0)) return NO_REKEYING;
  const listed = (collection: CollectionName): boolean =>
    collections === true || collections.includes(collection);
  const covers = (collection: CollectionName): boolean =>
    listed(collection === 'demographics' ? 'users' : collection);
  return {
    covers,
    served: (collection, id) => (covers(collection) ? `${REKEYED_ID_PREFIX}${id}` : id),
    stored: (collection, id) => {
      if (!covers(collection)) return id;
      return id.startsWith(REKEYED_ID_PREFIX) ? id.slice(REKEYED_ID_PREFIX.length) : undefined;
    },
    link: link === 'metadata',
    key: `rekey:${collections === true ? '*' : [...collections].sort().join(',')}:${link}`,
  };
}
