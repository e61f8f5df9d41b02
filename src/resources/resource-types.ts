import type { EntityName } from '../models/shared/entity-name.js';
import type { OneRosterVersion } from '../models/versions.js';
import type { Page, PullSummary } from '../paging/read-pages.js';
import type { FieldSelection } from '../query/fields.js';
import type { EntityProjection } from '../query/projection.js';
import type { CollectionName, EntityOfCollection, NESTED_COLLECTIONS_BY_VERSION } from './collections.js';
import type { GetOptions, ListQuery } from './list-query.js';
import type { RecordPull } from './record-pull.js';

/**
 * A top-level collection: `list`, `pages` and `get`, reading records of entity `E` in OneRoster
 * version `V` (a projection of a 1.2 user may name `roles`; a 1.1 one may not).
 */
export interface CollectionResource<E extends EntityName, V extends OneRosterVersion = '1.1'> {
  /**
   * Every record of the collection, as an async iterable that pages for you.
   * @example
   * for await (const student of client.students.list({ fields: 'minimal' })) ids.push(student.sourcedId);
   */
  list<const F extends FieldSelection<E, V> | undefined = undefined>(
    query?: ListQuery<E, F, V>,
  ): RecordPull<EntityProjection<E, F, V>>;
  /** The same read, page by page. */
  pages<const F extends FieldSelection<E, V> | undefined = undefined>(
    query?: ListQuery<E, F, V>,
  ): AsyncIterable<Page<EntityProjection<E, F, V>>>;
  /**
   * One record by sourcedId.
   * @throws NotFoundError when the provider does not know it
   */
  get<const F extends FieldSelection<E, V> | undefined = undefined>(
    sourcedId: string,
    options?: GetOptions<E, F, V>,
  ): Promise<EntityProjection<E, F, V>>;
}

/** A nested collection under one parent id, e.g. `client.classes.students(classId)`. */
export type NestedRead<E extends EntityName, V extends OneRosterVersion = '1.1'> = <
  const F extends FieldSelection<E, V> | undefined = undefined,
>(
  id: string,
  query?: ListQuery<E, F, V>,
) => RecordPull<EntityProjection<E, F, V>>;

/** A nested collection under a school and a class, e.g. `client.schools.classStudents(schoolId, classId)`. */
export type NestedReadOfSchoolClass<E extends EntityName, V extends OneRosterVersion = '1.1'> = <
  const F extends FieldSelection<E, V> | undefined = undefined,
>(
  schoolId: string,
  classId: string,
  query?: ListQuery<E, F, V>,
) => RecordPull<EntityProjection<E, F, V>>;

/** A nested collection of version `V` (a row of `NESTED_COLLECTIONS_BY_VERSION[V]`). */
export type NestedCollection<V extends OneRosterVersion = '1.1'> =
  (typeof NESTED_COLLECTIONS_BY_VERSION)[V][number];

/** The read a nested collection offers: one id, or a school's and a class's when its path holds two. */
export type NestedReadOf<
  N extends NestedCollection<OneRosterVersion>,
  V extends OneRosterVersion = '1.1',
> = 1 extends N['segments'][number]
  ? NestedReadOfSchoolClass<EntityOfCollection<N['returns']>, V>
  : NestedRead<EntityOfCollection<N['returns']>, V>;

/** The nested collections under parent `P` in version `V`, by method name: for `classes`, `students` and `teachers`. */
export type NestedMethods<P extends CollectionName, V extends OneRosterVersion = '1.1'> = {
  [N in Extract<NestedCollection<V>, { parent: P }> as N['method']]: NestedReadOf<N, V>;
};

/** The resource of collection `C` in version `V`: `list`, `pages` and `get`, and its nested collections. */
export type CollectionResourceOf<
  C extends CollectionName,
  V extends OneRosterVersion = '1.1',
> = CollectionResource<EntityOfCollection<C>, V> & NestedMethods<C, V>;

/**
 * Every rostering resource of a client of version `V`, derived from the collections tables
 * (`COLLECTIONS`, `NESTED_COLLECTIONS_BY_VERSION`): `schools` reads `org` records and has
 * `classStudents(schoolId, classId)`.
 */
export type OneRosterResources<V extends OneRosterVersion = '1.1'> = {
  [C in CollectionName]: CollectionResourceOf<C, V>;
};

export type { Page, PullSummary };
