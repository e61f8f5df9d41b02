import type { AnyOneRosterClient, OneRosterClient } from '../../client/create-client.js';
import { isHttpError } from '../../errors/guards.js';
import { isResponseValidationError } from '../../errors/response-validation-error.js';
import type { CollectionName, EntityOfCollection } from '../../resources/collections.js';
import type { CollectionResource, OneRosterResources } from '../../resources/resource-types.js';
import { type Check, check } from './doctor-report.js';
import type { ProbeContext } from './probe-context.js';

/** The collections a sync pulls by default. */
const COLLECTIONS_READ = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'] as const;
/** Records read of each: enough to meet a provider's usual shapes, few enough to stay quick. */
const PAGE_SIZE = 20;

/** The records of a collection's first page, read and validated by the client as a pull reads them. */
function firstPagesOf<V extends '1.1' | '1.2', C extends CollectionName>(
  client: OneRosterClient<V>,
  collection: C,
): AsyncIterable<{ items: readonly unknown[] }> {
  const resources: OneRosterResources<V> = client;
  const resource: CollectionResource<EntityOfCollection<C>, V> = resources[collection];
  return resource.list({ pageSize: PAGE_SIZE }).pages();
}

async function readFirstPage(client: AnyOneRosterClient, collection: CollectionName): Promise<number> {
  // Branching on the version types each read by its own version's models.
  const pages =
    client.version === '1.2' ? firstPagesOf(client, collection) : firstPagesOf(client, collection);
  for await (const page of pages) return page.items.length;
  return 0;
}

/** `role`, `orgs`: the fields a record broke the schema on, from issue paths (`orgs.0.sourcedId`). */
function fieldsOf(paths: readonly { path: string }[]): string[] {
  return [...new Set(paths.map(({ path }) => path.split('.')[0] || '(record)'))];
}

/**
 * Reads the first page of each collection through the client in the command's validation mode and
 * version, as `sync` would (every field, so that what the schema says of each one shows): strict
 * mode fails on a record that breaks the schema, lenient mode quarantines it.
 */
export async function probeValidation(context: ProbeContext): Promise<Check> {
  const title = 'Records as the client reads them';
  const mode = context.configured.validation;
  const clientVersion = context.client.version;
  const read: Record<string, number> = {};
  const rejected: Record<string, string[]> = {};
  const failed: Record<string, string> = {};
  const quarantinedBefore = { ...context.session.quarantined() };
  for (const collection of COLLECTIONS_READ) {
    try {
      read[collection] = await readFirstPage(context.client, collection);
    } catch (error) {
      if (isResponseValidationError(error)) rejected[collection] = fieldsOf(error.issues);
      else
        failed[collection] = isHttpError(error)
          ? `HTTP ${error.status}`
          : error instanceof Error
            ? error.name
            : 'failed';
    }
  }
  const quarantined = Object.fromEntries(
    Object.entries(context.session.quarantined())
      .map(([collection, count]): [string, number] => [
        collection,
        count - (quarantinedBefore[collection] ?? 0),
      ])
      .filter(([, count]) => count > 0),
  );
  const detected = { mode, clientVersion, read, rejected, quarantined, failed };
  const asVersion = clientVersion === context.version ? '' : ` read as ${clientVersion} records`;
  const failures = Object.entries(failed).map(([collection, why]) => `${collection}: ${why}`);
  if (Object.keys(rejected).length > 0) {
    const what = Object.entries(rejected).map(
      ([collection, fields]) => `${collection} (${fields.join(', ')})`,
    );
    return check(
      'validation',
      title,
      'unsupported',
      [`strict validation rejects ${what.join(', ')}${asVersion}`, ...failures].join('; '),
      detected,
    );
  }
  if (Object.keys(quarantined).length > 0) {
    const what = Object.entries(quarantined).map(([collection, count]) => `${count} ${collection}`);
    return check(
      'validation',
      title,
      'deviation',
      [
        `lenient validation quarantines ${what.join(', ')} of the first ${PAGE_SIZE} of each${asVersion}`,
        ...failures,
      ].join('; '),
      detected,
    );
  }
  if (failures.length > 0) {
    const status = Object.keys(read).length === 0 ? 'failed' : 'unknown';
    return check('validation', title, status, `cannot tell: ${failures.join(', ')}`, detected);
  }
  return check(
    'validation',
    title,
    'ok',
    `${mode} validation reads every record${clientVersion === context.version ? '' : ` (the client speaks ${clientVersion})`}`,
    detected,
  );
}
