import type { JsonValue } from './store-types.js';

/** What JSON.parse returns for an object: every value in it is JSON. */
function isJsonObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON object a store wrote (a record, a change record's values), read back.
 * @throws TypeError when the text holds something else
 */
export function parseJsonObject(text: string): Record<string, JsonValue> {
  const value: unknown = JSON.parse(text);
  if (!isJsonObject(value)) throw new TypeError('A stored value is not a JSON object');
  return value;
}

/**
 * A JSON array of strings a store wrote (a change record's changedFields), read back.
 * @throws TypeError when the text holds something else
 */
export function parseStringArray(text: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new TypeError('A stored value is not a JSON array of strings');
  }
  return value;
}
