import type { EntityName } from '../models/entities.js';
import type { Page, PullSummary } from '../paging/read-pages.js';
import type { EntityProjection, FieldSelection } from '../query/fields.js';
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

/** Every rostering resource of a client. */
export interface OneRosterResources {
  orgs: CollectionResource<'org'>;
  schools: CollectionResource<'org'> & {
    courses: NestedRead<'course'>;
    classes: NestedRead<'class'>;
    enrollments: NestedRead<'enrollment'>;
    students: NestedRead<'user'>;
    teachers: NestedRead<'user'>;
    terms: NestedRead<'academicSession'>;
    classEnrollments: NestedReadOfSchoolClass<'enrollment'>;
    classStudents: NestedReadOfSchoolClass<'user'>;
    classTeachers: NestedReadOfSchoolClass<'user'>;
  };
  academicSessions: CollectionResource<'academicSession'>;
  terms: CollectionResource<'academicSession'> & {
    classes: NestedRead<'class'>;
    gradingPeriods: NestedRead<'academicSession'>;
  };
  gradingPeriods: CollectionResource<'academicSession'>;
  courses: CollectionResource<'course'> & { classes: NestedRead<'class'> };
  classes: CollectionResource<'class'> & { students: NestedRead<'user'>; teachers: NestedRead<'user'> };
  users: CollectionResource<'user'> & { classes: NestedRead<'class'> };
  students: CollectionResource<'user'> & { classes: NestedRead<'class'> };
  teachers: CollectionResource<'user'> & { classes: NestedRead<'class'> };
  enrollments: CollectionResource<'enrollment'>;
  demographics: CollectionResource<'demographics'>;
}

export type { Page, PullSummary };
