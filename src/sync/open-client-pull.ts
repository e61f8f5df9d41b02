import {
  type AnyOneRosterClient,
  assertFieldSelection,
  COLLECTIONS,
  type CollectionResource,
  type EntityOfCollection,
  type FieldSelection,
  type Filter,
  type OneRosterClient,
  type OneRosterResources,
  type OneRosterVersion,
} from '../index.js';
import type { RosterSource, RosterSourcePull } from './roster-source.js';
import type { SyncCollectionName } from './sync-options.js';

/** What a sync asks of one collection read besides its fields. */
export interface PullRequest {
  readonly filter: Filter | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Opens a read of one collection, with the source and field selection it was made with. */
export type OpenClientPull = (request: PullRequest) => RosterSourcePull;

/**
 * The read of `collection` through a client's public resources, with its checked selection: typed by
 * the collection and the client's version, so the selection is one of its entity's in that version
 * (no cast between the two).
 */
export function clientPullOf<C extends SyncCollectionName, V extends OneRosterVersion>(
  client: OneRosterClient<V>,
  collection: C,
  fields: FieldSelection<EntityOfCollection<C>, V> | undefined,
): OpenClientPull {
  return (request) => {
    const resources: OneRosterResources<V> = client;
    const resource: CollectionResource<EntityOfCollection<C>, V> = resources[collection];
    return resource.list({
      ...(fields === undefined ? {} : { fields }),
      ...(request.filter === undefined ? {} : { filter: request.filter }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  };
}

function pullThrough<C extends SyncCollectionName, V extends OneRosterVersion>(
  client: OneRosterClient<V>,
  collection: C,
  fields: unknown,
): OpenClientPull {
  if (fields === undefined) return clientPullOf(client, collection, undefined);
  const entity: EntityOfCollection<C> = COLLECTIONS[collection].entity;
  // Checked once more here (sync-fields checked it): the check is what types the selection.
  assertFieldSelection(entity, fields, client.version);
  return clientPullOf(client, collection, fields);
}

/** A client as a sync source: every collection, in whatever mode the run picks. */
export function clientSource(client: AnyOneRosterClient): RosterSource {
  return {
    version: client.version,
    mode: undefined,
    collections: undefined,
    pull: (collection, fields, request) =>
      (client.version === '1.2'
        ? pullThrough(client, collection, fields)
        : pullThrough(client, collection, fields))(request),
  };
}
