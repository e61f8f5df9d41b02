import type { ResolvedClientOptions } from '../base/options.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { EntityName } from '../models/entities.js';
import { parseRecord } from '../models/parse-record.js';
import { readSingleEnvelope } from '../paging/read-envelope.js';
import { type FieldSelection, resolveFields } from '../query/fields.js';
import { renderFilter } from '../query/render-filter.js';
import type { RequestExecutor } from '../transport/request-executor.js';
import { checkSourcedId } from './check-sourced-id.js';
import {
  COLLECTIONS,
  type CollectionDefinition,
  type CollectionName,
  NESTED_COLLECTIONS,
} from './collections.js';
import type { GetOptions, ListQuery } from './list-query.js';
import { createRecordPull, type RecordPull } from './record-pull.js';
import type { OneRosterResources } from './resource-types.js';

type AnyQuery = ListQuery<EntityName, FieldSelection<EntityName> | undefined>;
type Selection = FieldSelection<EntityName> | undefined;

/** Builds every resource of {@link OneRosterResources} from the collection tables. */
export function createResources(
  options: ResolvedClientOptions,
  executor: RequestExecutor,
): OneRosterResources {
  const context = { options, emit: executor.emit };

  // resolveFields has checked the names against the entity, so the list is a valid selection.
  const parseOptionsOf = (fields: readonly string[] | undefined) => ({
    mode: options.validation,
    ...(fields ? { fields: fields as FieldSelection<EntityName> } : {}),
  });

  function read(
    collection: string,
    definition: CollectionDefinition,
    path: readonly string[],
    query: AnyQuery = {},
  ): RecordPull<unknown> {
    const fields = resolveFields(definition.entity, query.fields as Selection);
    // sourcedId is always asked for: de-duplication and quarantine reports need it.
    const requested = fields && !fields.includes('sourcedId') ? [...fields, 'sourcedId'] : fields;
    const sort = query.sort ?? (options.stableSort ? 'sourcedId' : undefined);
    const pageSize = query.pageSize ?? options.pageSize;
    const parseOptions = parseOptionsOf(fields);
    return createRecordPull(
      {
        executor,
        path,
        collection,
        keys: definition.keys,
        query: {
          filter: query.filter === undefined ? undefined : renderFilter(query.filter, options),
          fields: requested?.join(','),
          sort,
          orderBy: query.orderBy ?? (sort ? 'asc' : undefined),
        },
        pageSize,
        maxPages: options.maxPages,
        prefetchPages: options.concurrency,
        signal: query.signal,
      },
      {
        parse: (raw) => parseRecord(definition.entity, raw, parseOptions),
        mode: options.validation,
        dedupe: options.dedupe,
      },
      context,
    );
  }

  async function get(
    collection: CollectionName,
    sourcedId: string,
    getOptions: GetOptions<EntityName, Selection> = {},
  ): Promise<unknown> {
    const definition: CollectionDefinition = COLLECTIONS[collection];
    const fields = resolveFields(definition.entity, getOptions.fields);
    const response = await executor.requestJson({
      path: [definition.path, sourcedId],
      query: { fields: fields?.join(',') },
      collection,
      sourcedId,
      ...(getOptions.signal ? { signal: getOptions.signal } : {}),
      read: (body, _exchange, readContext) => readSingleEnvelope(body, definition.keys, readContext),
    });
    const parsed = parseRecord(definition.entity, response.data, parseOptionsOf(fields));
    // A single read has nothing to quarantine into: an invalid record fails in both modes.
    if (!parsed.ok) throw new ResponseValidationError({ collection, sourcedId, issues: parsed.issues });
    return parsed.record;
  }

  const resources: Record<string, Record<string, unknown>> = {};
  for (const [name, definition] of Object.entries(COLLECTIONS) as [CollectionName, CollectionDefinition][]) {
    resources[name] = {
      list: (query?: AnyQuery) => read(name, definition, [definition.path], query),
      pages: (query?: AnyQuery) => read(name, definition, [definition.path], query).pages(),
      get: async (sourcedId: string, getOptions?: GetOptions<EntityName, Selection>) =>
        get(name, checkSourcedId(sourcedId, `${name}.get`), getOptions),
    };
  }
  for (const nested of NESTED_COLLECTIONS) {
    const returns: CollectionDefinition = COLLECTIONS[nested.returns];
    const arity = nested.segments.filter((segment) => typeof segment === 'number').length;
    const collection = `${nested.parent}.${nested.method}`;
    resources[nested.parent]![nested.method] = (...args: unknown[]) => {
      // Checked at the call, so a bad id fails where it was passed rather than on iteration.
      const ids = args.slice(0, arity).map((id) => checkSourcedId(id, collection));
      const path = nested.segments.map((segment) => (typeof segment === 'number' ? ids[segment]! : segment));
      return read(collection, returns, path, args[arity] as AnyQuery | undefined);
    };
  }
  // The object is built from the tables above; resource-types.ts states the same shape for the compiler,
  // and test/resources checks every method exists.
  return resources as unknown as OneRosterResources;
}
