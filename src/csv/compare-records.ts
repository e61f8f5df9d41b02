import type { SyncCollectionName } from '../sync/index.js';
import { tableOf } from './csv-tables.js';
import type { FieldNormalization } from './reconcile-types.js';

/** Fields never compared: the provider's own stamps, not roster content. */
const NOT_COMPARED = new Set(['sourcedId', 'dateLastModified', 'metadata']);

/**
 * The fields compared in a collection: those both bindings carry (the CSV table's), so a tenant synced
 * from the API and one synced from files compare record by record (`children`, which only the REST
 * binding has, is left out).
 */
export function comparedFields(collection: SyncCollectionName): string[] {
  return tableOf(collection)
    .columns.map((column) => column.field)
    .filter((field) => !NOT_COMPARED.has(field));
}

function refId(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const sourcedId: unknown = Reflect.get(value, 'sourcedId');
  return typeof sourcedId === 'string' ? sourcedId : value;
}

function normalizeText(text: string, how: FieldNormalization | undefined): string {
  if (how === undefined) return text;
  const trimmed = how === 'case-insensitive' ? text : text.trim();
  return how === 'trim' ? trimmed : trimmed.toLowerCase();
}

/**
 * A value in a form where equal roster content is equal text: GUIDRefs as their sourcedId (an `href`
 * is an address, not content), a list of references in sorted order, an empty list as absent.
 */
export function comparable(value: unknown, how: FieldNormalization | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const items = value.map((item) => {
      const id = refId(item);
      return typeof id === 'string' ? normalizeText(id, how) : JSON.stringify(id);
    });
    const isRefs = value.every((item) => typeof refId(item) === 'string' && typeof item === 'object');
    return JSON.stringify(isRefs ? items.sort() : items);
  }
  const id = refId(value);
  if (typeof id === 'string') return JSON.stringify(normalizeText(id, how));
  return JSON.stringify(id);
}

/** The compared fields whose values differ. */
export function differingFields(
  fields: readonly string[],
  left: Readonly<Record<string, unknown>>,
  right: Readonly<Record<string, unknown>>,
  normalize: Readonly<Record<string, FieldNormalization>>,
): string[] {
  const differing: string[] = [];
  for (const field of fields) {
    const a = left[field];
    const b = right[field];
    // Most fields of most matched records are the same text: equal as given, so equal normalised.
    if (a === b) continue;
    const how = normalize[field];
    if (comparable(a, how) !== comparable(b, how)) differing.push(field);
  }
  return differing;
}

/** The school sourcedIds a record belongs to: its `school`, `org`, or `orgs`. */
export function schoolsOf(record: Readonly<Record<string, unknown>>): string[] {
  for (const field of ['school', 'org', 'orgs']) {
    const value = record[field];
    if (value === undefined) continue;
    const refs = Array.isArray(value) ? value : [value];
    return refs.map(refId).filter((id): id is string => typeof id === 'string');
  }
  return [];
}

/** A school code for matching: case, whitespace and leading zeros do not count ("0123" is "123"). */
export function normalizeCode(code: string): string {
  const folded = code.replace(/\s+/g, '').toLowerCase();
  const stripped = folded.replace(/^0+(?=.)/, '');
  return stripped;
}

/** A key's value for matching: org identifiers normalised as codes, other keys for case and whitespace. */
export function keyValue(
  collection: SyncCollectionName,
  key: string,
  record: Readonly<Record<string, unknown>>,
) {
  const value = record[key];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (collection === 'orgs' && key === 'identifier') return normalizeCode(value);
  return value.trim().toLowerCase();
}
