import type { ResolvedClientOptions } from '../base/options.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { EntityName } from '../models/shared/entity-name.js';
import { readSingleEnvelope } from '../paging/read-envelope.js';
import { type FieldSelection, resolveFields } from '../query/fields.js';
import type { EntityProjection } from '../query/projection.js';
import { type ParseRecordOptions, parseRecord } from '../query/parse-record.js';
import { renderFilter } from '../query/render-filter.js';
import type { RequestExecutor } from '../transport/request-executor.js';
import { checkSourcedId } from './check-sourced-id.js';
import {
  COLLECTIONS,
  type CollectionDefinition,
  type CollectionName,
  type EntityOfCollection,
  NESTED_COLLECTIONS,
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

type Selection<E extends EntityName> = FieldSelection<E> | undefined;

/** Builds every resource of {@link OneRosterResources} from the collection tables. */
export function createResources(
  options: ResolvedClientOptions,
  executor: RequestExecutor,
): OneRosterResources {
  const context = { options, emit: executor.emit };

  const parseOptionsOf = <E extends EntityName, F extends Selection<E>>(
    fields: F | undefined,
  ): ParseRecordOptions<F> => ({
    validation: options.validation,
    ...(fields === undefined ? {} : { fields }),
  });

  function read<E extends EntityName, F extends Selection<E>>(
    collection: string,
    definition: CollectionDefinition<E>,
    path: readonly string[],
    query: ListQuery<E, F> = {},
  ): RecordPull<EntityProjection<E, F>> {
    const fields = resolveFields(definition.entity, query.fields);
    // sourcedId is always asked for: de-duplication and quarantine reports need it.
    const requested = fields && !fields.includes('sourcedId') ? [...fields, 'sourcedId'] : fields;
    const sort = query.sort ?? (options.stableSort ? 'sourcedId' : undefined);
    const pageSize = query.pageSize ?? options.pageSize;
    const parseOptions = parseOptionsOf<E, F>(query.fields);
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

  async function get<E extends EntityName, F extends Selection<E>>(
    collection: CollectionName,
    definition: CollectionDefinition<E>,
    sourcedId: string,
    getOptions: GetOptions<E, F> = {},
  ): Promise<EntityProjection<E, F>> {
    const fields = resolveFields(definition.entity, getOptions.fields);
    const response = await executor.requestJson({
      path: [definition.path, sourcedId],
      query: { fields: fields?.join(',') },
      collection,
      sourcedId,
      ...(getOptions.signal ? { signal: getOptions.signal } : {}),
      read: (body, _exchange, readContext) => readSingleEnvelope(body, definition.keys, readContext),
    });
    const parsed = parseRecord(definition.entity, response.data, parseOptionsOf<E, F>(getOptions.fields));
    // A single read has nothing to quarantine into: an invalid record fails in both modes.
    if (!parsed.ok) throw new ResponseValidationError({ collection, sourcedId, issues: parsed.issues });
    return parsed.record;
  }

  function collectionResource<C extends CollectionName>(name: C): CollectionResource<EntityOfCollection<C>> {
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
  ): NestedRead<E> & NestedReadOfSchoolClass<E> {
    const arity = nested.segments.filter((segment) => typeof segment === 'number').length;
    const collection = `${nested.parent}.${nested.method}`;
    function readNested<const F extends Selection<E> = undefined>(
      id: string,
      query?: ListQuery<E, F>,
    ): RecordPull<EntityProjection<E, F>>;
    function readNested<const F extends Selection<E> = undefined>(
      schoolId: string,
      classId: string,
      query?: ListQuery<E, F>,
    ): RecordPull<EntityProjection<E, F>>;
    function readNested<F extends Selection<E>>(
      ...args: readonly (string | ListQuery<E, F> | undefined)[]
    ): RecordPull<EntityProjection<E, F>> {
      // Checked at the call, so a bad id fails where it was passed rather than on iteration.
      const ids = args.slice(0, arity).map((id) => checkSourcedId(id, collection));
      const path = nested.segments.map((segment) => (typeof segment === 'number' ? ids[segment]! : segment));
      const query = args[arity];
      return read(collection, returns, path, typeof query === 'object' ? query : undefined);
    }
    return readNested;
  }

  function nestedMethods(parent: CollectionName): [string, unknown][] {
    return NESTED_COLLECTIONS.filter((nested) => nested.parent === parent).map((nested) => [
      nested.method,
      nestedRead(nested, COLLECTIONS[nested.returns]),
    ]);
  }

  const names = Object.keys(COLLECTIONS).filter((name): name is CollectionName => name in COLLECTIONS);
  const resources = names.map((name): [string, unknown] => [
    name,
    Object.fromEntries([...Object.entries(collectionResource(name)), ...nestedMethods(name)]),
  ]);
  // The one cast: each resource above is typed by its table row (collectionResource<C>, nestedRead<E>),
  // but TypeScript types an object built in a loop by the union of its keys, so it cannot see that
  // each key of the tables gets the value OneRosterResources names for it.
  // test/architecture/resource-types.test.ts holds the built object to the tables.
  return Object.fromEntries(resources) as OneRosterResources;
}
