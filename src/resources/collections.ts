import type { EntityName } from '../models/shared/entity-name.js';
import type { OneRosterVersion } from '../models/versions.js';
import type { EnvelopeKeys } from '../paging/read-envelope.js';

/** One top-level rostering collection: its path, the entity it serves and its envelope keys. */
export interface CollectionDefinition<E extends EntityName = EntityName> {
  readonly path: string;
  readonly entity: E;
  readonly keys: EnvelopeKeys;
}

const ORG_KEYS: EnvelopeKeys = { list: 'orgs', single: 'org', singleAliases: ['school', 'district'] };
const SESSION_KEYS: EnvelopeKeys = { list: 'academicSessions', single: 'academicSession' };
const USER_KEYS: EnvelopeKeys = { list: 'users', single: 'user' };

/**
 * Every rostering collection (digest "Base path and endpoints"). OneRoster 1.1 and 1.2 have the same
 * top-level collections, paths and envelope keys (1.2 OpenAPI `paths`, `*SetDType`, `Single*DType`).
 * Resources, nested collections and the sync engine are all built from this one table.
 */
export const COLLECTIONS = {
  orgs: { path: 'orgs', entity: 'org', keys: ORG_KEYS },
  schools: { path: 'schools', entity: 'org', keys: ORG_KEYS },
  academicSessions: { path: 'academicSessions', entity: 'academicSession', keys: SESSION_KEYS },
  terms: { path: 'terms', entity: 'academicSession', keys: SESSION_KEYS },
  gradingPeriods: { path: 'gradingPeriods', entity: 'academicSession', keys: SESSION_KEYS },
  courses: { path: 'courses', entity: 'course', keys: { list: 'courses', single: 'course' } },
  classes: { path: 'classes', entity: 'class', keys: { list: 'classes', single: 'class' } },
  users: { path: 'users', entity: 'user', keys: USER_KEYS },
  students: { path: 'students', entity: 'user', keys: USER_KEYS },
  teachers: { path: 'teachers', entity: 'user', keys: USER_KEYS },
  enrollments: {
    path: 'enrollments',
    entity: 'enrollment',
    keys: { list: 'enrollments', single: 'enrollment' },
  },
  demographics: {
    path: 'demographics',
    entity: 'demographics',
    // spec: `demographics` for one record too; Ed-Fi's server answers `{"demographic": {...}}`.
    keys: { list: 'demographics', single: 'demographics', singleAliases: ['demographic'] },
  },
} as const satisfies Record<string, CollectionDefinition>;

/** The name of a top-level collection, e.g. `students`. */
export type CollectionName = keyof typeof COLLECTIONS;

/** The entity a collection serves: `schools` serves `org`, `students` serves `user`. */
export type EntityOfCollection<C extends CollectionName> = (typeof COLLECTIONS)[C]['entity'];

/** A nested collection: the parent resource it hangs off, its method name and the path it reads. */
export interface NestedDefinition {
  readonly parent: CollectionName;
  readonly method: string;
  /** The collection whose records it returns (its entity and envelope). */
  readonly returns: CollectionName;
  /** Path segments, with the caller's ids (`0`, `1`) in place. */
  readonly segments: readonly (string | 0 | 1)[];
}

/** Every nested rostering collection of 1.1 (digest "Nested collections"). */
export const NESTED_COLLECTIONS = [
  { parent: 'schools', method: 'courses', returns: 'courses', segments: ['schools', 0, 'courses'] },
  { parent: 'schools', method: 'classes', returns: 'classes', segments: ['schools', 0, 'classes'] },
  {
    parent: 'schools',
    method: 'enrollments',
    returns: 'enrollments',
    segments: ['schools', 0, 'enrollments'],
  },
  { parent: 'schools', method: 'students', returns: 'students', segments: ['schools', 0, 'students'] },
  { parent: 'schools', method: 'teachers', returns: 'teachers', segments: ['schools', 0, 'teachers'] },
  { parent: 'schools', method: 'terms', returns: 'terms', segments: ['schools', 0, 'terms'] },
  {
    parent: 'schools',
    method: 'classEnrollments',
    returns: 'enrollments',
    segments: ['schools', 0, 'classes', 1, 'enrollments'],
  },
  {
    parent: 'schools',
    method: 'classStudents',
    returns: 'students',
    segments: ['schools', 0, 'classes', 1, 'students'],
  },
  {
    parent: 'schools',
    method: 'classTeachers',
    returns: 'teachers',
    segments: ['schools', 0, 'classes', 1, 'teachers'],
  },
  { parent: 'classes', method: 'students', returns: 'students', segments: ['classes', 0, 'students'] },
  { parent: 'classes', method: 'teachers', returns: 'teachers', segments: ['classes', 0, 'teachers'] },
  { parent: 'courses', method: 'classes', returns: 'classes', segments: ['courses', 0, 'classes'] },
  { parent: 'terms', method: 'classes', returns: 'classes', segments: ['terms', 0, 'classes'] },
  {
    parent: 'terms',
    method: 'gradingPeriods',
    returns: 'gradingPeriods',
    segments: ['terms', 0, 'gradingPeriods'],
  },
  { parent: 'users', method: 'classes', returns: 'classes', segments: ['users', 0, 'classes'] },
  { parent: 'students', method: 'classes', returns: 'classes', segments: ['students', 0, 'classes'] },
  { parent: 'teachers', method: 'classes', returns: 'classes', segments: ['teachers', 0, 'classes'] },
] as const satisfies readonly NestedDefinition[];

/**
 * The nested collections of each version. The 1.2 rostering OpenAPI defines exactly the 17 nested
 * paths of 1.1 (`/classes/{id}/students`, ..., `/users/{id}/classes`; checked path by path in
 * test/resources/versions.test.ts), so 1.2 shares the table. A server may still not implement them
 * (Ed-Fi's answers 404): a nested read then fails with `NotFoundError`.
 */
export const NESTED_COLLECTIONS_BY_VERSION = {
  '1.1': NESTED_COLLECTIONS,
  '1.2': NESTED_COLLECTIONS,
} as const satisfies { readonly [V in OneRosterVersion]: readonly NestedDefinition[] };
