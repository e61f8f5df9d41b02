import { isObject } from '../../base/is-object.js';
import type { FieldKinds } from '../field-kinds.js';
import { toBoolean } from './booleans.js';
import { toCanonicalDateTime, toIsoDate } from './dates.js';
import { listWithoutNulls, withoutNulls } from './objects.js';

/**
 * `strict`: harmless encodings are normalised (boolean strings in any case, datetimes with or without
 * milliseconds or with an offset, `null` for absent, `periods` as a string, status letter case) and
 * anything else must match the schema of the client's OneRoster version. `lenient` also repairs the
 * deviations real providers send (digest "Deviations"): `"t"`/`"f"`/`"1"`/`"0"` booleans, date-only or
 * zone-less datetimes, 1.0's `inactive`, users of the other version's shape (`roles[]` on 1.1,
 * `role`/`orgs` on 1.2), numeric `schoolYear`, empty strings in optional dates, booleans and enums.
 */
export type ValidationMode = 'lenient' | 'strict';

const NONE: readonly string[] = [];

/**
 * Returns a normalised shallow copy of a raw record; `raw` is never modified. Values it cannot read
 * are left as sent, for the schema to reject with a precise path.
 */
export function normalizeRecord(
  raw: Record<string, unknown>,
  kinds: FieldKinds,
  mode: ValidationMode,
): Record<string, unknown> {
  const lenient = mode === 'lenient';
  const record = copyWithoutNulls(raw);

  const status = record['status'];
  if (typeof status === 'string' && status !== 'active' && status !== 'tobedeleted') {
    const lower = status.trim().toLowerCase();
    if (lower === 'active' || lower === 'tobedeleted') record['status'] = lower;
    // OneRoster 1.0 marked deletions `inactive` (digest "Data model").
    else if (lenient && lower === 'inactive') record['status'] = 'tobedeleted';
  }
  const modified = toCanonicalDateTime(record['dateLastModified'], lenient);
  if (modified !== undefined) record['dateLastModified'] = modified;

  normalizeFields(record, kinds, lenient);
  return record;
}

/**
 * Applies an entity's field kinds to the normaliser's own copy of a record (or of a nested object,
 * such as one of a 1.2 user's `roles`): booleans, dates, GUIDRefs, lists, and the lenient repairs.
 */
function normalizeFields(record: Record<string, unknown>, kinds: FieldKinds, lenient: boolean): void {
  if (lenient && kinds.repair) kinds.repair(record);

  for (const field of kinds.booleans ?? NONE) {
    const value = record[field];
    if (value === undefined || typeof value === 'boolean') continue;
    const parsed = toBoolean(value, lenient);
    if (parsed !== undefined) record[field] = parsed;
    else if (lenient && value === '') delete record[field];
  }
  for (const field of kinds.dates ?? NONE) {
    const value = record[field];
    if (value === undefined) continue;
    const parsed = toIsoDate(value, lenient);
    if (parsed !== undefined) record[field] = parsed;
    else if (lenient && value === '') delete record[field];
  }
  for (const field of kinds.refs ?? NONE) {
    if (record[field] !== undefined) record[field] = withoutNulls(record[field]);
  }
  for (const field of kinds.refLists ?? NONE) {
    if (record[field] !== undefined) record[field] = listWithoutNulls(record[field]);
  }
  for (const field of kinds.objectLists ?? NONE) {
    if (record[field] !== undefined) record[field] = listWithoutNulls(record[field]);
  }
  for (const field of kinds.stringLists ?? NONE) {
    const value = record[field];
    if (typeof value === 'string') record[field] = splitList(value);
  }
  if (lenient) {
    for (const field of kinds.numericStrings ?? NONE) {
      const value = record[field];
      if (typeof value === 'number' && Number.isFinite(value)) record[field] = String(value);
    }
    if (kinds.enums) {
      for (const field in kinds.enums) {
        if (record[field] === '') delete record[field];
      }
    }
  }
  if (kinds.nestedLists) {
    for (const field in kinds.nestedLists) {
      const nested = kinds.nestedLists[field];
      const list = record[field];
      if (nested === undefined || !Array.isArray(list)) continue;
      // Each element is copied: `raw` and its nested objects are never modified.
      record[field] = list.map((item: unknown) => {
        if (!isObject(item)) return item;
        const copy = copyWithoutNulls(item);
        normalizeFields(copy, nested, lenient);
        return copy;
      });
    }
  }
}

/**
 * A shallow copy of `raw` without its `null` properties (`null` means absent, digest "Deviations") and
 * without an own `__proto__` (JSON.parse makes one; assigning it later would replace a prototype).
 * Spreading clones the object's shape in one step, several times faster per record than adding
 * properties one by one (measured in bench/); the slow path runs only when there is something to drop.
 */
function copyWithoutNulls(raw: Record<string, unknown>): Record<string, unknown> {
  let clean = !Object.hasOwn(raw, '__proto__');
  if (clean) {
    for (const key in raw) {
      if (raw[key] === null) {
        clean = false;
        break;
      }
    }
  }
  if (clean) return { ...raw };
  const record: Record<string, unknown> = {};
  for (const key in raw) {
    const value = raw[key];
    if (value !== null && key !== '__proto__') record[key] = value;
  }
  return record;
}

/** `"1, 2,3"` → `['1', '2', '3']`; an empty string is an empty list. */
function splitList(value: string): string[] {
  const items: string[] = [];
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item !== '') items.push(item);
  }
  return items;
}
