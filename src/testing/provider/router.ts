/** Maps a path below the base path to a rostering route (spec 1.1 endpoints, nested ones included). */
import type { CollectionName } from '../district/records.js';
import { type EndpointView, viewOf } from './views.js';

/** A nested endpoint's child: the collection it reads and its envelope key. */
interface ChildEndpoint {
  readonly collection: CollectionName;
  readonly listKey: string;
}

const CHILDREN: Record<string, ChildEndpoint> = {
  courses: { collection: 'courses', listKey: 'courses' },
  classes: { collection: 'classes', listKey: 'classes' },
  enrollments: { collection: 'enrollments', listKey: 'enrollments' },
  students: { collection: 'users', listKey: 'users' },
  teachers: { collection: 'users', listKey: 'users' },
  terms: { collection: 'academicSessions', listKey: 'academicSessions' },
  gradingPeriods: { collection: 'academicSessions', listKey: 'academicSessions' },
};

/** Nested endpoints of 1.1, by parent endpoint. */
const NESTED: Record<string, readonly string[]> = {
  schools: ['courses', 'classes', 'enrollments', 'students', 'teachers', 'terms'],
  classes: ['students', 'teachers'],
  courses: ['classes'],
  terms: ['classes', 'gradingPeriods'],
  users: ['classes'],
  students: ['classes'],
  teachers: ['classes'],
};

/** Children of `/schools/{sid}/classes/{cid}/...`. */
const SCHOOL_CLASS_CHILDREN: readonly string[] = ['enrollments', 'students', 'teachers'];

/** A matched route. `key` names it for statistics, e.g. `/classes/{id}/students`. */
export type Route =
  | { readonly kind: 'list'; readonly key: string; readonly view: EndpointView }
  | { readonly kind: 'single'; readonly key: string; readonly view: EndpointView; readonly id: string }
  | {
      readonly kind: 'nested';
      readonly key: string;
      readonly parent: EndpointView;
      readonly parentId: string;
      /** For `/schools/{sid}/classes/{cid}/...`: the school the class must belong to. */
      readonly schoolId?: string;
      readonly child: string;
      readonly collection: CollectionName;
      readonly listKey: string;
    };

/** Matches a path relative to the base path (e.g. `/classes/cls-1/students`, already percent-decoded). */
export function matchRoute(segments: readonly string[]): Route | undefined {
  const [first, second, third, fourth, fifth, ...rest] = segments;
  const view = first === undefined ? undefined : viewOf(first);
  if (view === undefined || first === undefined) return undefined;
  if (second === undefined) return { kind: 'list', key: `/${first}`, view };
  if (third === undefined) return { kind: 'single', key: `/${first}/{id}`, view, id: second };
  if (fourth === undefined) {
    const child = CHILDREN[third];
    if (child === undefined || !NESTED[first]?.includes(third)) return undefined;
    return {
      kind: 'nested',
      key: `/${first}/{id}/${third}`,
      parent: view,
      parentId: second,
      child: third,
      ...child,
    };
  }
  const classes = viewOf('classes');
  if (
    first !== 'schools' ||
    third !== 'classes' ||
    fifth === undefined ||
    rest.length > 0 ||
    classes === undefined
  ) {
    return undefined;
  }
  const child = CHILDREN[fifth];
  if (child === undefined || !SCHOOL_CLASS_CHILDREN.includes(fifth)) return undefined;
  return {
    kind: 'nested',
    key: `/schools/{id}/classes/{id}/${fifth}`,
    parent: classes,
    parentId: fourth,
    schoolId: second,
    child: fifth,
    ...child,
  };
}
