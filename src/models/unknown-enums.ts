import { isObject } from '../base/is-object.js';
import type { FieldKinds } from './field-kinds.js';
import { GUID_REF_TYPES } from './shared/enums.js';

/**
 * An enum value the spec does not list, kept on the record as sent. The client turns each into an
 * `UnknownEnumValueEvent`; the value is an enum code, never personal data.
 */
export interface UnknownEnumValue {
  /** Path inside the record, e.g. `role` or `orgs.0.type`. */
  path: string;
  value: string;
}

/** Shared result for the common case, so a clean record allocates nothing here. */
const NO_UNKNOWN_ENUMS: readonly UnknownEnumValue[] = Object.freeze([]);
const NONE: readonly string[] = [];
const KNOWN_REF_TYPES: readonly string[] = GUID_REF_TYPES;

function checkRef(
  ref: unknown,
  path: string,
  found: UnknownEnumValue[] | undefined,
): UnknownEnumValue[] | undefined {
  if (!isObject(ref)) return found;
  const type = ref['type'];
  if (typeof type !== 'string' || KNOWN_REF_TYPES.includes(type)) return found;
  const list = found ?? [];
  list.push({ path: `${path}.type`, value: type });
  return list;
}

/**
 * Lists the unknown enum values of a validated record: the entity's own enums (digest "Deviations":
 * keep the raw value, report it) and the `type` of every GUIDRef.
 */
export function findUnknownEnums(
  record: Record<string, unknown>,
  kinds: FieldKinds,
): readonly UnknownEnumValue[] {
  let found: UnknownEnumValue[] | undefined;
  if (kinds.enums) {
    for (const field in kinds.enums) {
      const value = record[field];
      const known = kinds.enums[field];
      if (typeof value !== 'string' || known === undefined || known.includes(value)) continue;
      found ??= [];
      found.push({ path: field, value });
    }
  }
  for (const field of kinds.refs ?? NONE) {
    found = checkRef(record[field], field, found);
  }
  for (const field of kinds.refLists ?? NONE) {
    const list = record[field];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      found = checkRef(list[index], `${field}.${index}`, found);
    }
  }
  return found ?? NO_UNKNOWN_ENUMS;
}
