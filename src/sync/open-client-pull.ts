import type {
  CollectionResource,
  EntityOfCollection,
  FieldSelection,
  Filter,
  OneRosterClient,
  OneRosterResources,
  OneRosterVersion,
  RecordPull,
} from '../index.js';
import type { SyncCollectionName } from './sync-options.js';

/** What a sync asks of one collection read besides its fields. */
export interface PullRequest {
  readonly filter: Filter | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Opens a read of one collection, with the client and field selection it was made with ({@link clientPullOf}). */
export type OpenClientPull = (request: PullRequest) => RecordPull<unknown>;

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
