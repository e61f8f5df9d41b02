import { isObject } from '../base/is-object.js';
import type { FieldKinds } from './field-kinds.js';

/**
 * An enum value the spec does not list, kept on the record as sent. The client turns each into an
 * `UnknownEnumValueEvent`; the value is an enum code, never personal data.
 */
export interface UnknownEnumValue {
  /** Path inside the record, e.g. `role`, `orgs.0.type` or `roles.1.role`. */
  path: string;
  value: string;
}

/** Shared result for the common case, so a clean record allocates nothing here. */
const NO_UNKNOWN_ENUMS: readonly UnknownEnumValue[] = Object.freeze([]);
const NONE: readonly string[] = [];

type Found = UnknownEnumValue[] | undefined;

function note(found: Found, path: string, value: string): UnknownEnumValue[] {
  const list = found ?? [];
  list.push({ path, value });
  return list;
}

function checkRef(ref: unknown, path: string, refTypes: readonly string[], found: Found): Found {
  if (!isObject(ref)) return found;
  const type = ref['type'];
  if (typeof type !== 'string' || refTypes.includes(type)) return found;
  return note(found, `${path}.type`, type);
}

function collect(
  record: Record<string, unknown>,
  kinds: FieldKinds,
  refTypes: readonly string[],
  prefix: string,
  found: Found,
): Found {
  if (kinds.enums) {
    for (const field in kinds.enums) {
      const value = record[field];
      const known = kinds.enums[field];
      if (typeof value !== 'string' || known === undefined || known.includes(value)) continue;
      found = note(found, `${prefix}${field}`, value);
    }
  }
  if (kinds.enumLists) {
    for (const field in kinds.enumLists) {
      const list = record[field];
      const known = kinds.enumLists[field];
      if (!Array.isArray(list) || known === undefined) continue;
      for (let index = 0; index < list.length; index++) {
        const value: unknown = list[index];
        if (typeof value === 'string' && !known.includes(value))
          found = note(found, `${prefix}${field}.${index}`, value);
      }
    }
  }
  for (const field of kinds.refs ?? NONE) {
    found = checkRef(record[field], `${prefix}${field}`, refTypes, found);
  }
  for (const field of kinds.refLists ?? NONE) {
    const list = record[field];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      found = checkRef(list[index], `${prefix}${field}.${index}`, refTypes, found);
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

/**
 * Lists the unknown enum values of a validated record (digest "Deviations": keep the raw value,
 * report it): the entity's own enums, each value of its enum lists (`grades.0`), those of its nested
 * objects (a 1.2 user's `roles[].role`), and the `type` of every GUIDRef that is not one of the
 * version's `refTypes`.
 */
export function findUnknownEnums(
  record: Record<string, unknown>,
  kinds: FieldKinds,
  refTypes: readonly string[],
): readonly UnknownEnumValue[] {
  return collect(record, kinds, refTypes, '', undefined) ?? NO_UNKNOWN_ENUMS;
}
