import { isObject } from '../base/is-object.js';
import type { FieldKinds } from './field-kinds.js';

/** The kind of record a GUIDRef field points at: `orgs[]` at orgs, `terms[]` at academic sessions. */
export type RefTarget = 'org' | 'academicSession' | 'user' | 'class' | 'course' | 'resource';

/**
 * The GUIDRef `type` values that fit each target. 1.1's `GUIDRef.Type` names kinds of a target too:
 * a `term` or `gradingPeriod` is an academic session, a `student` or `teacher` a user.
 */
const TYPES_OF_TARGET: { readonly [T in RefTarget]: readonly string[] } = {
  org: ['org'],
  academicSession: ['academicSession', 'term', 'gradingPeriod'],
  user: ['user', 'student', 'teacher'],
  class: ['class'],
  course: ['course'],
  resource: ['resource'],
};

/**
 * A GUIDRef whose `type` contradicts the field it is in (an `orgs[]` entry typed `teacher`, seen
 * thousands of times in data generated from the 1.1 OpenAPI). The record is kept as sent: joins use
 * the `sourcedId`, and the client reports the contradiction as a `RefTypeMismatchEvent`.
 */
export interface RefTypeMismatch {
  /** Path of the `type`, e.g. `orgs.0.type`. */
  path: string;
  /** The `type` sent. */
  value: string;
  /** What the field points at. */
  expected: RefTarget;
}

const NO_MISMATCHES: readonly RefTypeMismatch[] = Object.freeze([]);
const NONE: readonly string[] = [];

type Found = RefTypeMismatch[] | undefined;

function checkRef(
  ref: unknown,
  path: string,
  target: RefTarget,
  refTypes: readonly string[],
  found: Found,
): Found {
  if (!isObject(ref)) return found;
  const type = ref['type'];
  // A type the version does not know is an unknown enum value, reported as such; only a known type
  // that names another kind of record is a contradiction.
  if (typeof type !== 'string' || !refTypes.includes(type) || TYPES_OF_TARGET[target].includes(type))
    return found;
  const list = found ?? [];
  list.push({ path: `${path}.type`, value: type, expected: target });
  return list;
}

function collect(
  record: Record<string, unknown>,
  kinds: FieldKinds,
  refTypes: readonly string[],
  prefix: string,
  found: Found,
): Found {
  const targets = kinds.refTargets;
  if (targets) {
    for (const field of kinds.refs ?? NONE) {
      const target = targets[field];
      if (target) found = checkRef(record[field], `${prefix}${field}`, target, refTypes, found);
    }
    for (const field of kinds.refLists ?? NONE) {
      const target = targets[field];
      const list = record[field];
      if (!target || !Array.isArray(list)) continue;
      for (let index = 0; index < list.length; index++) {
        found = checkRef(list[index], `${prefix}${field}.${index}`, target, refTypes, found);
      }
    }
  }
  if (kinds.nestedLists) {
    for (const field in kinds.nestedLists) {
      const nested = kinds.nestedLists[field];
      const list = record[field];
      if (nested === undefined || !Array.isArray(list)) continue;
      for (let index = 0; index < list.length; index++) {
        const item: unknown = list[index];
        if (isObject(item)) found = collect(item, nested, refTypes, `${prefix}${field}.${index}.`, found);
      }
    }
  }
  return found;
}

/** Lists the GUIDRefs of a validated record whose known `type` contradicts their field. */
export function findRefTypeMismatches(
  record: Record<string, unknown>,
  kinds: FieldKinds,
  refTypes: readonly string[],
): readonly RefTypeMismatch[] {
  return collect(record, kinds, refTypes, '', undefined) ?? NO_MISMATCHES;
}
