/** Top-level endpoints as views over the stored collections (`students` = users whose role is student). */
import type { DistrictShape } from '../district/district-options.js';
import type { CollectionName, RosterRecord } from '../district/records.js';

/** A top-level endpoint: the collection it reads, where its base records sit, and what it serves. */
export interface EndpointView {
  /** Path segment, e.g. `students`. */
  readonly endpoint: string;
  readonly collection: CollectionName;
  /** Envelope key of a list response (spec: `users` for /students too). */
  readonly listKey: string;
  /** Envelope key of a single read. */
  readonly singleKey: string;
  /** Base indices [from, to) of the endpoint's base records: every one matches the view. */
  range(shape: DistrictShape): readonly [number, number];
  /** Whether a (changed or inserted) record belongs to the view. */
  matches(record: RosterRecord): boolean;
}

const always = (): boolean => true;
const whole =
  (collection: CollectionName) =>
  (shape: DistrictShape): readonly [number, number] => [0, shape.counts[collection]];

/** Views by endpoint. */
export const VIEWS: Readonly<Record<string, EndpointView>> = {
  orgs: {
    endpoint: 'orgs',
    collection: 'orgs',
    listKey: 'orgs',
    singleKey: 'org',
    range: whole('orgs'),
    matches: always,
  },
  schools: {
    endpoint: 'schools',
    collection: 'orgs',
    listKey: 'orgs',
    singleKey: 'org',
    range: (shape) => [1, 1 + shape.schools],
    matches: (record) => record['type'] === 'school',
  },
  academicSessions: {
    endpoint: 'academicSessions',
    collection: 'academicSessions',
    listKey: 'academicSessions',
    singleKey: 'academicSession',
    range: whole('academicSessions'),
    matches: always,
  },
  terms: {
    endpoint: 'terms',
    collection: 'academicSessions',
    listKey: 'academicSessions',
    singleKey: 'academicSession',
    range: (shape) => [1, 1 + shape.termsPerYear],
    matches: (record) => record['type'] === 'term',
  },
  gradingPeriods: {
    endpoint: 'gradingPeriods',
    collection: 'academicSessions',
    listKey: 'academicSessions',
    singleKey: 'academicSession',
    range: (shape) => [1 + shape.termsPerYear, shape.counts.academicSessions],
    matches: (record) => record['type'] === 'gradingPeriod',
  },
  courses: {
    endpoint: 'courses',
    collection: 'courses',
    listKey: 'courses',
    singleKey: 'course',
    range: whole('courses'),
    matches: always,
  },
  classes: {
    endpoint: 'classes',
    collection: 'classes',
    listKey: 'classes',
    singleKey: 'class',
    range: whole('classes'),
    matches: always,
  },
  users: {
    endpoint: 'users',
    collection: 'users',
    listKey: 'users',
    singleKey: 'user',
    range: whole('users'),
    matches: always,
  },
  students: {
    endpoint: 'students',
    collection: 'users',
    listKey: 'users',
    singleKey: 'user',
    range: (shape) => [0, shape.students],
    matches: (record) => record['role'] === 'student',
  },
  teachers: {
    endpoint: 'teachers',
    collection: 'users',
    listKey: 'users',
    singleKey: 'user',
    range: (shape) => [shape.students, shape.students + shape.teachers],
    matches: (record) => record['role'] === 'teacher',
  },
  enrollments: {
    endpoint: 'enrollments',
    collection: 'enrollments',
    listKey: 'enrollments',
    singleKey: 'enrollment',
    range: whole('enrollments'),
    matches: always,
  },
  demographics: {
    endpoint: 'demographics',
    collection: 'demographics',
    listKey: 'demographics',
    singleKey: 'demographics',
    range: whole('demographics'),
    matches: always,
  },
};

/** The view of an endpoint path segment, if it is a rostering endpoint. */
export function viewOf(endpoint: string): EndpointView | undefined {
  return Object.hasOwn(VIEWS, endpoint) ? VIEWS[endpoint] : undefined;
}
