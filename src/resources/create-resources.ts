import type { ResolvedClientOptions } from '../base/options.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { EntityName } from '../models/shared/entity-name.js';
import type { OneRosterVersion } from '../models/versions.js';
import { readSingleEnvelope } from '../paging/read-envelope.js';
import type { ProviderOrderMemory } from '../paging/read-pages.js';
import { type FieldSelection, resolveFields } from '../query/fields.js';
import { type ParseRecordOptions, parseRecord } from '../query/parse-record.js';
import type { EntityProjection } from '../query/projection.js';
import { renderFilter } from '../query/render-filter.js';
import { resolveCall } from '../transport/call-options.js';
import type { RequestExecutor } from '../transport/request-executor.js';
import { checkSourcedId } from './check-sourced-id.js';
import {
  COLLECTIONS,
  type CollectionDefinition,
  type CollectionName,
  type EntityOfCollection,
  NESTED_COLLECTIONS_BY_VERSION,
  type NestedDefinition,
} from './collections.js';
import type { GetOptions, ListQuery } from './list-query.js';
import { createRecordPull, type RecordPull } from './record-pull.js';
import type {
  CollectionResource,
  NestedRead,
  NestedReadOfSchoolClass,
  OneRosterResources,
} from './resource-types.js';

/** Builds every resource of {@link OneRosterResources} of the client's version from the collection tables. */
export function createResources<V extends OneRosterVersion>(
  options: ResolvedClientOptions<V>,
  executor: RequestExecutor,
): OneRosterResources<V> {
  type Selection<E extends EntityName> = FieldSelection<E, V> | undefined;
  const { version } = options;
  const context = { options, emit: executor.emit };
  // `stableSort: 'auto'`: what this client has learned of each collection's own order, per path and
  // by whether a filter narrows the read (a provider may order a filtered query differently).
  const providerOrders = new Map<string, boolean>();
  const providerOrderOf = (key: string): ProviderOrderMemory => ({
    ascending: () => providerOrders.get(key),
    learn: (ascending) => providerOrders.set(key, ascending),
  });

  const parseOptionsOf = <E extends EntityName, F extends Selection<E>>(
    fields: F | undefined,
  ): ParseRecordOptions<F, V> => ({
    version,
    validation: options.validation,
    ...(fields === undefined ? {} : { fields }),
  });

  function read<E extends EntityName, F extends Selection<E>>(
    collection: string,
    definition: CollectionDefinition<E>,
    path: readonly string[],
    query: ListQuery<E, F, V> = {},
  ): RecordPull<EntityProjection<E, F, V>> {
    const fields = resolveFields(definition.entity, query.fields, version);
    // sourcedId is always asked for: de-duplication and quarantine reports need it.
    const requested = fields && !fields.includes('sourcedId') ? [...fields, 'sourcedId'] : fields;
    const sort = query.sort ?? (options.stableSort === true ? 'sourcedId' : undefined);
    const learnsOrder = query.sort === undefined && options.stableSort === 'auto';
    const pageSize = query.pageSize ?? options.pageSize;
    const parseOptions = parseOptionsOf<E, F>(query.fields);
    // Checked here, so a wrong timeout or header fails where it was passed rather than on iteration.
    const call = resolveCall(options, query);
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
        call,
      },
      {
        parse: (raw) => parseRecord(definition.entity, raw, parseOptions),
        mode: options.validation,
        dedupe: options.dedupe,
        ...(learnsOrder
          ? {
              providerOrder: providerOrderOf(
                `${path.join('/')}${query.filter === undefined ? '' : '?filter'}`,
              ),
            }
          : {}),
      },
      context,
    );
  }

  async function get<E extends EntityName, F extends Selection<E>>(
    collection: CollectionName,
    definition: CollectionDefinition<E>,
    sourcedId: string,
    getOptions: GetOptions<E, F, V> = {},
  ): Promise<EntityProjection<E, F, V>> {
    const fields = resolveFields(definition.entity, getOptions.fields, version);
    const response = await executor.requestJson({
      path: [definition.path, sourcedId],
      query: { fields: fields?.join(',') },
      call: resolveCall(options, getOptions),
      collection,
      sourcedId,
      ...(getOptions.signal ? { signal: getOptions.signal } : {}),
      read: (body, _exchange, readContext) => readSingleEnvelope(body, definition.keys, readContext),
    });
    const parsed = parseRecord(definition.entity, response.data, parseOptionsOf<E, F>(getOptions.fields));
    // A single read has nothing to quarantine into: an invalid record fails in both modes.
    if (!parsed.ok) {
      throw new ResponseValidationError({ collection, sourcedId, issues: parsed.issues, hint: parsed.hint });
    }
    return parsed.record;
  }

  function collectionResource<C extends CollectionName>(
    name: C,
  ): CollectionResource<EntityOfCollection<C>, V> {
    const definition: CollectionDefinition<EntityOfCollection<C>> = COLLECTIONS[name];
    const list = [definition.path];
    return {
      list: (query) => read(name, definition, list, query),
      pages: (query) => read(name, definition, list, query).pages(),
      get: async (sourcedId, getOptions) =>
        get(name, definition, checkSourcedId(sourcedId, `${name}.get`), getOptions),
    };
  }

  /** One nested collection's read; its overloads serve both arities (one id, or a school's and a class's). */
  function nestedRead<E extends EntityName>(
    nested: NestedDefinition,
    returns: CollectionDefinition<E>,
  ): NestedRead<E, V> & NestedReadOfSchoolClass<E, V> {
    const arity = nested.segments.filter((segment) => typeof segment === 'number').length;
    const collection = `${nested.parent}.${nested.method}`;
    function readNested<const F extends Selection<E> = undefined>(
      id: string,
      query?: ListQuery<E, F, V>,
    ): RecordPull<EntityProjection<E, F, V>>;
    function readNested<const F extends Selection<E> = undefined>(
      schoolId: string,
      classId: string,
      query?: ListQuery<E, F, V>,
    ): RecordPull<EntityProjection<E, F, V>>;
    function readNested<F extends Selection<E>>(
      ...args: readonly (string | ListQuery<E, F, V> | undefined)[]
    ): RecordPull<EntityProjection<E, F, V>> {
      // Checked at the call, so a bad id fails where it was passed rather than on iteration.
      const ids = args.slice(0, arity).map((id) => checkSourcedId(id, collection));
      const path = nested.segments.map((segment) => (typeof segment === 'number' ? ids[segment]! : segment));
      const query = args[arity];
      return read(collection, returns, path, typeof query === 'object' ? query : undefined);
    }
    return readNested;
  }

  function nestedMethods(parent: CollectionName): [string, unknown][] {
    const nestedOfVersion: readonly NestedDefinition[] = NESTED_COLLECTIONS_BY_VERSION[version];
    return nestedOfVersion
      .filter((nested) => nested.parent === parent)
      .map((nested) => [nested.method, nestedRead(nested, COLLECTIONS[nested.returns])]);
  }

  const names = Object.keys(COLLECTIONS).filter((name): name is CollectionName => name in COLLECTIONS);
  const resources = names.map((name): [string, unknown] => [
    name,
    Object.fromEntries([...Object.entries(collectionResource(name)), ...nestedMethods(name)]),
  ]);
  // The one cast: each resource above is typed by its table row (collectionResource<C>, nestedRead<E>),
  // but TypeScript types an object built in a loop by the union of its keys, so it cannot see that
  // each key of the tables of `version` gets the value OneRosterResources<V> names for it.
  // test/architecture/resource-types.test.ts holds the built object to the tables.
  return Object.fromEntries(resources) as OneRosterResources<V>;
}
