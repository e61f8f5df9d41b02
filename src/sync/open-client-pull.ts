import type { FieldSelection, Filter, OneRosterClient, RecordPull } from '../index.js';
import type { CollectionFields } from './sync-fields.js';
import type { SyncCollectionName } from './sync-options.js';

/** What a sync asks of one collection read. */
export interface PullRequest {
  readonly fields: CollectionFields;
  readonly filter: Filter | undefined;
  readonly signal: AbortSignal | undefined;
}

/**
 * Opens a read of a collection through the client's public resources. The selection was checked by
 * `resolveCollectionFields` against the collection's entity, which is what the casts state.
 */
export function openClientPull(
  client: OneRosterClient,
  collection: SyncCollectionName,
  request: PullRequest,
): RecordPull<unknown> {
  const query = {
    ...(request.filter === undefined ? {} : { filter: request.filter }),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  };
  const fields = request.fields;
  switch (collection) {
    case 'orgs':
      return client.orgs.list({ ...query, fields: fields as FieldSelection<'org'> | undefined });
    case 'academicSessions':
      return client.academicSessions.list({
        ...query,
        fields: fields as FieldSelection<'academicSession'> | undefined,
      });
    case 'courses':
      return client.courses.list({ ...query, fields: fields as FieldSelection<'course'> | undefined });
    case 'classes':
      return client.classes.list({ ...query, fields: fields as FieldSelection<'class'> | undefined });
    case 'users':
      return client.users.list({ ...query, fields: fields as FieldSelection<'user'> | undefined });
    case 'enrollments':
      return client.enrollments.list({
        ...query,
        fields: fields as FieldSelection<'enrollment'> | undefined,
      });
    case 'demographics':
      return client.demographics.list({
        ...query,
        fields: fields as FieldSelection<'demographics'> | undefined,
      });
  }
}
