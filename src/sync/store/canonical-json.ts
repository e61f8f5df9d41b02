import * as crypto from 'node:crypto';
import { MAX_RECORD_DEPTH, RecordTooDeepError } from '../../index.js';

/**
 * JSON text with object keys sorted, so two copies of a record that differ only in key order (one
 * provider page to the next, or jsonb's reordering) hash the same. It runs once per staged record,
 * millions of times a sync, so it copies only the objects whose keys are out of order and leaves
 * the text to the native `JSON.stringify` (faster than building it here, and no GC churn).
 *
 * @throws RecordTooDeepError for a value nested deeper than `MAX_RECORD_DEPTH` levels, rather than
 * overflow the stack (parsed records never are: such a record is quarantined when read).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(withSortedKeys(value, MAX_RECORD_DEPTH)) ?? 'null';
}

/** `levels`: how many more levels of objects and arrays `value` may hold, itself included. */
function withSortedKeys(value: unknown, levels: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (levels <= 0) throw new RecordTooDeepError('canonicalJson');
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = withSortedKeys(value[index], levels - 1);
      if (item === value[index]) continue;
      copy ??= value.slice();
      copy[index] = item;
    }
    return copy ?? value;
  }
  // Dates and other toJSON objects serialise to what toJSON returns; leave them to JSON.stringify.
  if ('toJSON' in value && typeof value.toJSON === 'function') return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let index = 1; index < keys.length && sorted; index++) sorted = keys[index - 1]! < keys[index]!;
  // A record's keys come in its schema's order, so most objects need a sorted copy; the default
  // sort compares UTF-16 code units, as `<` does.
  let copy: Record<string, unknown> | undefined;
  if (!sorted) {
    keys.sort();
    copy = emptyCopyFor(keys);
  }
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    // Reflect.get reads an object's own key as fast as indexing it, without a cast to a record type.
    const item: unknown = Reflect.get(value, key);
    const sortedItem = withSortedKeys(item, levels - 1);
    if (copy === undefined && sortedItem !== item) {
      copy = emptyCopyFor(keys);
      for (let earlier = 0; earlier < index; earlier++)
        copy[keys[earlier]!] = Reflect.get(value, keys[earlier]!);
    }
    if (copy !== undefined) copy[key] = sortedItem;
  }
  return copy ?? value;
}

/**
 * An empty object to copy into: a plain one (V8 keeps its fast shape, which `JSON.stringify` reads
 * quickly), or one without a prototype when a `"__proto__"` key (from JSON.parse) must stay a key
 * rather than become the copy's prototype.
 */
function emptyCopyFor(keys: readonly string[]): Record<string, unknown> {
  return keys.includes('__proto__') ? Object.create(null) : {};
}

/** A short content hash of canonical JSON text: equal hashes mean an unchanged record. */
export function contentHash(canonical: string): string {
  // crypto.hash (Node 20.12+) is about three times faster than createHash for short inputs.
  if (typeof crypto.hash === 'function') return crypto.hash('sha1', canonical, 'base64url');
  return crypto.createHash('sha1').update(canonical).digest('base64url');
}
