import type {
  CollectionResource,
  EntityOfCollection,
  FieldSelection,
  Filter,
  OneRosterClient,
  OneRosterResources,
  RecordPull,
} from '../index.js';
import type { SyncCollectionName } from './sync-options.js';

/** What a sync asks of one collection read besides its fields. */
export interface PullRequest {
  readonly filter: Filter | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Opens a read of one collection, with the field selection it was made with ({@link clientPullOf}). */
export type OpenClientPull = (client: OneRosterClient, request: PullRequest) => RecordPull<unknown>;

/**
 * The read of `collection` through the client's public resources, with its checked selection:
 * typed by the collection, so the selection is one of its entity's (no cast between the two).
 */
export function clientPullOf<C extends SyncCollectionName>(
  collection: C,
  fields: FieldSelection<EntityOfCollection<C>> | undefined,
): OpenClientPull {
  return (client, request) => {
    const resources: OneRosterResources = client;
    const resource: CollectionResource<EntityOfCollection<C>> = resources[collection];
    return resource.list({
      ...(fields === undefined ? {} : { fields }),
      ...(request.filter === undefined ? {} : { filter: request.filter }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  };
}
