import {
  assertFieldSelection,
  COLLECTIONS,
  type EntityName,
  type EntityOfCollection,
  MINIMAL_FIELDS_BY_VERSION,
  type OneRosterVersion,
} from '../index.js';
import type { OpenClientPull } from './open-client-pull.js';
import type { UncheckedFields } from './resolve-sync-options.js';
import type { RosterSource } from './roster-source.js';
import type { SyncCollectionName } from './sync-options.js';

/** Fields every stored record needs: the key, the status a commit reads, the delta watermark. */
const REQUIRED_FIELDS = ['sourcedId', 'status', 'dateLastModified'] as const;

/** One collection's read in a run. */
export interface CollectionRead {
  readonly open: OpenClientPull;
  /**
   * Fields asked for only so that `legacyIdOf` can read them in a switching run, dropped from each
   * record before it is staged: the store keeps the fields the caller selected.
   */
  readonly linkOnly: readonly string[];
}

/** What the options ask of one collection: a field list, the `minimal` preset, or every field. */
function selectionOf(collection: SyncCollectionName, fields: UncheckedFields): unknown {
  if (fields === undefined) return undefined;
  if (fields === 'minimal') return collection === 'demographics' ? undefined : 'minimal';
  const named = fields[collection];
  if (named !== undefined) return named;
  return collection === 'demographics' ? undefined : fields.default;
}

/** The `minimal` preset of an entity in a version (1.2 users: `roles`); none for demographics. */
function minimalOf(entity: EntityName, version: OneRosterVersion): readonly string[] | undefined {
  const presets: { readonly [E in EntityName]?: readonly string[] } = MINIMAL_FIELDS_BY_VERSION[version];
  return presets[entity];
}

/** The names to ask for besides a list: the required fields, then the link's, each once. */
function withFields(names: readonly unknown[], extra: readonly string[]): unknown[] {
  return [
    ...names,
    ...extra.filter((field, index) => !names.includes(field) && extra.indexOf(field) === index),
  ];
}

/** The read of a checked selection from the source. */
function openOf(
  source: RosterSource,
  collection: SyncCollectionName,
  fields: 'minimal' | readonly string[] | undefined,
): OpenClientPull {
  return (request) => source.pull(collection, fields, request);
}

/** The collection's read with its selection checked against the entity in the source's version. */
function pullOf<C extends SyncCollectionName>(
  source: RosterSource,
  collection: C,
  fields: UncheckedFields,
  minimalRun: boolean,
  linkFields: readonly string[],
): CollectionRead {
  const selection = selectionOf(collection, fields);
  if (collection === 'demographics' && selection === undefined && minimalRun) {
    throw new TypeError(
      'syncRoster: `fields: minimal` has no demographics preset; name the demographics fields you need',
    );
  }
  // Every field: the link's fields come with them.
  if (selection === undefined) return { open: openOf(source, collection, undefined), linkOnly: [] };
  const entity: EntityOfCollection<C> = COLLECTIONS[collection].entity;
  let checked: unknown = selection;
  let linkOnly: readonly string[] = [];
  if (selection !== 'minimal' || linkFields.length > 0) {
    // The preset of the client's version (1.2 users: `roles`), spelt out to add the link's fields.
    const names: unknown =
      selection === 'minimal' ? (minimalOf(entity, source.version) ?? selection) : selection;
    const listed = Array.isArray(names) ? withFields(names, REQUIRED_FIELDS) : names;
    checked = Array.isArray(listed) ? withFields(listed, linkFields) : listed;
    linkOnly = Array.isArray(listed) ? linkFields.filter((field) => !listed.includes(field)) : [];
  }
  // Typed by the check, which holds it against the entity whatever the static type says
  // (plain-JavaScript callers, and lists typed for the version the client does not speak).
  assertFieldSelection(entity, checked, source.version);
  return { open: openOf(source, collection, checked), linkOnly };
}

function pullsOf(
  source: RosterSource,
  collections: readonly SyncCollectionName[],
  fields: UncheckedFields,
  linkFields: readonly string[],
): Map<SyncCollectionName, CollectionRead> {
  const minimalRun = fields === 'minimal' || (typeof fields === 'object' && fields.default === 'minimal');
  return new Map(
    collections.map((collection) => [collection, pullOf(source, collection, fields, minimalRun, linkFields)]),
  );
}

/**
 * The read of each collection with its field selection, checked against the client's OneRoster
 * version before the first request (or file) so a typo in the last collection does not fail a run halfway.
 * `linkFields` (a switching run's) are asked for besides a selection and dropped before staging.
 * @throws InvalidFieldsError for a name the entity does not have in that version, or an empty list
 * @throws TypeError for a `minimal` run that names demographics without naming their fields
 *   (privacy: demographics are never requested by a preset)
 */
export function resolveCollectionPulls(
  source: RosterSource,
  collections: readonly SyncCollectionName[],
  fields: UncheckedFields,
  linkFields: readonly string[] = [],
): Map<SyncCollectionName, CollectionRead> {
  return pullsOf(source, collections, fields, linkFields);
}
