import type { EntityName } from '../models/shared/entity-name.js';
import type { Page, PullSummary } from '../paging/read-pages.js';
import type { FieldSelection } from '../query/fields.js';
import type { EntityProjection } from '../query/projection.js';
import type { CollectionName, EntityOfCollection, NESTED_COLLECTIONS } from './collections.js';
import type { GetOptions, ListQuery } from './list-query.js';
import type { RecordPull } from './record-pull.js';

/** A top-level collection: `list`, `pages` and `get`. */
export interface CollectionResource<E extends EntityName> {
  /**
   * Every record of the collection, as an async iterable that pages for you.
   * @example
   * for await (const student of client.students.list({ fields: 'minimal' })) ids.push(student.sourcedId);
   */
  list<const F extends FieldSelection<E> | undefined = undefined>(
    query?: ListQuery<E, F>,
  ): RecordPull<EntityProjection<E, F>>;
  /** The same read, page by page. */
  pages<const F extends FieldSelection<E> | undefined = undefined>(
    query?: ListQuery<E, F>,
  ): AsyncIterable<Page<EntityProjection<E, F>>>;
  /**
   * One record by sourcedId.
   * @throws NotFoundError when the provider does not know it
   */
  get<const F extends FieldSelection<E> | undefined = undefined>(
    sourcedId: string,
    options?: GetOptions<E, F>,
  ): Promise<EntityProjection<E, F>>;
}

/** A nested collection under one parent id, e.g. `client.classes.students(classId)`. */
export type NestedRead<E extends EntityName> = <const F extends FieldSelection<E> | undefined = undefined>(
  id: string,
  query?: ListQuery<E, F>,
) => RecordPull<EntityProjection<E, F>>;

/** A nested collection under a school and a class, e.g. `client.schools.classStudents(schoolId, classId)`. */
export type NestedReadOfSchoolClass<E extends EntityName> = <
  const F extends FieldSelection<E> | undefined = undefined,
>(
  schoolId: string,
  classId: string,
  query?: ListQuery<E, F>,
) => RecordPull<EntityProjection<E, F>>;

/** A nested collection of the table `NESTED_COLLECTIONS`. */
export type NestedCollection = (typeof NESTED_COLLECTIONS)[number];

/** The read a nested collection offers: one id, or a school's and a class's when its path holds two. */
export type NestedReadOf<N extends NestedCollection> = 1 extends N['segments'][number]
  ? NestedReadOfSchoolClass<EntityOfCollection<N['returns']>>
  : NestedRead<EntityOfCollection<N['returns']>>;

/** The nested collections under parent `P`, by method name: for `classes`, `students` and `teachers`. */
export type NestedMethods<P extends CollectionName> = {
  [N in Extract<NestedCollection, { parent: P }> as N['method']]: NestedReadOf<N>;
};

/** The resource of collection `C`: `list`, `pages` and `get`, and its nested collections. */
export type CollectionResourceOf<C extends CollectionName> = CollectionResource<EntityOfCollection<C>> &
  NestedMethods<C>;

/**
 * Every rostering resource of a client, derived from the collections tables (`COLLECTIONS`,
 * `NESTED_COLLECTIONS`): `schools` reads `org` records and has `classStudents(schoolId, classId)`.
 */
export type OneRosterResources = { [C in CollectionName]: CollectionResourceOf<C> };

export type { Page, PullSummary };
