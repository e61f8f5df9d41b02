import { COLLECTIONS, type EntityName, type FieldSelection, resolveFields } from '../index.js';
import type { SyncCollectionName, SyncOptions } from './sync-options.js';

/** Fields every stored record needs: the key, the status a commit reads, the delta watermark. */
const REQUIRED_FIELDS = ['sourcedId', 'status', 'dateLastModified'] as const;

/** What one collection's pull asks for: a field list, the `minimal` preset, or every field. */
export type CollectionFields = readonly string[] | 'minimal' | undefined;

function selectionOf(
  collection: SyncCollectionName,
  fields: SyncOptions['fields'],
): readonly string[] | 'minimal' | undefined {
  if (fields === undefined) return undefined;
  if (fields === 'minimal') return collection === 'demographics' ? undefined : 'minimal';
  const named = fields[collection];
  if (named !== undefined) return named;
  return collection === 'demographics' ? undefined : fields.default;
}

/**
 * The field selection of each collection, checked before the first request so a typo in the last
 * collection does not fail a run halfway. Lists get the fields stores and deltas rely on.
 * @throws InvalidFieldsError for a name the entity does not have or an empty list
 * @throws TypeError for a `minimal` run that names demographics without naming their fields
 *   (privacy: demographics are never requested by a preset)
 */
export function resolveCollectionFields(
  collections: readonly SyncCollectionName[],
  fields: SyncOptions['fields'],
): Map<SyncCollectionName, CollectionFields> {
  const resolved = new Map<SyncCollectionName, CollectionFields>();
  const minimalRun = fields === 'minimal' || (typeof fields === 'object' && fields.default === 'minimal');
  for (const collection of collections) {
    const selection = selectionOf(collection, fields);
    if (collection === 'demographics' && selection === undefined && minimalRun) {
      throw new TypeError(
        'syncRoster: `fields: minimal` has no demographics preset; name the demographics fields you need',
      );
    }
    const entity: EntityName = COLLECTIONS[collection].entity;
    if (selection === undefined || selection === 'minimal') {
      if (selection === 'minimal') resolveFields(entity, 'minimal' as FieldSelection<EntityName>);
      resolved.set(collection, selection);
      continue;
    }
    const list = [...selection, ...REQUIRED_FIELDS.filter((field) => !selection.includes(field))];
    // resolveFields checks every name against the entity at run time, whatever the static type says.
    resolved.set(collection, resolveFields(entity, list as FieldSelection<EntityName>));
  }
  return resolved;
}
