import { assertFieldSelection, COLLECTIONS, type EntityOfCollection, type FieldSelection } from '../index.js';
import { clientPullOf, type OpenClientPull } from './open-client-pull.js';
import type { SyncCollectionFieldSelections, SyncCollectionName, SyncOptions } from './sync-options.js';

/** Fields every stored record needs: the key, the status a commit reads, the delta watermark. */
const REQUIRED_FIELDS = ['sourcedId', 'status', 'dateLastModified'] as const;

/** What the options ask of one collection: a field list, the `minimal` preset, or every field. */
function selectionOf<C extends SyncCollectionName>(
  collection: C,
  fields: SyncOptions['fields'],
): FieldSelection<EntityOfCollection<C>> | 'minimal' | undefined {
  if (fields === undefined) return undefined;
  if (fields === 'minimal') return collection === 'demographics' ? undefined : 'minimal';
  // Read through the per-collection part alone, where TypeScript maps `C` to its entity's selection.
  const lists: SyncCollectionFieldSelections = fields;
  const named = lists[collection];
  if (named !== undefined) return named;
  return collection === 'demographics' ? undefined : fields.default;
}

/** The collection's read with its selection checked; lists get the fields stores and deltas rely on. */
function pullOf<C extends SyncCollectionName>(
  collection: C,
  fields: SyncOptions['fields'],
  minimalRun: boolean,
): OpenClientPull {
  const selection = selectionOf(collection, fields);
  if (collection === 'demographics' && selection === undefined && minimalRun) {
    throw new TypeError(
      'syncRoster: `fields: minimal` has no demographics preset; name the demographics fields you need',
    );
  }
  if (selection === undefined) return clientPullOf(collection, undefined);
  // Typed by the check below, which holds it against the entity whatever the static type says
  // (plain-JavaScript callers).
  const checked: unknown =
    selection === 'minimal'
      ? selection
      : [...selection, ...REQUIRED_FIELDS.filter((field) => !selection.includes(field))];
  const entity: EntityOfCollection<C> = COLLECTIONS[collection].entity;
  assertFieldSelection(entity, checked);
  return clientPullOf(collection, checked);
}

/**
 * The read of each collection with its field selection, checked before the first request so a typo
 * in the last collection does not fail a run halfway.
 * @throws InvalidFieldsError for a name the entity does not have or an empty list
 * @throws TypeError for a `minimal` run that names demographics without naming their fields
 *   (privacy: demographics are never requested by a preset)
 */
export function resolveCollectionPulls(
  collections: readonly SyncCollectionName[],
  fields: SyncOptions['fields'],
): Map<SyncCollectionName, OpenClientPull> {
  const minimalRun = fields === 'minimal' || (typeof fields === 'object' && fields.default === 'minimal');
  return new Map(collections.map((collection) => [collection, pullOf(collection, fields, minimalRun)]));
}
