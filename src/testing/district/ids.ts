import type { CollectionName } from './records.js';

/** Digits of the index inside a sourcedId: fixed width, so string order is generation order. */
const ID_DIGITS = 10;

/** sourcedId prefix of each collection. Demographics share the user's sourcedId (spec). */
const ID_PREFIX: Record<CollectionName, string> = {
  orgs: 'org',
  academicSessions: 'as',
  courses: 'crs',
  classes: 'cls',
  users: 'usr',
  enrollments: 'enr',
  demographics: 'usr',
};

/** The sourcedId of base record `index` of a collection, e.g. `usr-0000000042`. */
export function formatId(collection: CollectionName, index: number): string {
  return `${ID_PREFIX[collection]}-${String(index).padStart(ID_DIGITS, '0')}`;
}

/** The base index encoded in a sourcedId, or undefined when the id is not a base id of that collection. */
export function parseId(collection: CollectionName, sourcedId: string): number | undefined {
  const prefix = `${ID_PREFIX[collection]}-`;
  if (sourcedId.length !== prefix.length + ID_DIGITS || !sourcedId.startsWith(prefix)) return undefined;
  const digits = sourcedId.slice(prefix.length);
  if (!/^\d+$/.test(digits)) return undefined;
  return Number(digits);
}

/** Code-unit order, the order that zero-padded ids sort in; `localeCompare` would not agree with it. */
export function compareIds(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
