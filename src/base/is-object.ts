/**
 * True for an object that is not an array (a JSON object, an error), which can then be read by key.
 * The one such check of the client's layers; values read from it are `unknown` until checked.
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
