/**
 * Reads a spec boolean. The 1.1 JSON binding sends `"true"`/`"false"` strings; JSON booleans and any
 * letter case are harmless encodings of the same value, accepted in both modes. Lenient mode also
 * reads the abbreviations some providers send (digest: `"t"`; `"f"`, `"1"`/`"0"`, `1`/`0` from
 * SQL-backed systems). Anything else is left for the schema to reject: guessing `"yes"` would be
 * inventing data.
 *
 * @returns the boolean, or `undefined` when the value is not a recognised encoding
 */
export function toBoolean(value: unknown, lenient: boolean): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (value === 'true') return true;
    if (value === 'false') return false;
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (!lenient) return undefined;
    if (text === 't' || text === '1') return true;
    if (text === 'f' || text === '0') return false;
    return undefined;
  }
  if (lenient && typeof value === 'number') {
    if (value === 1) return true;
    if (value === 0) return false;
  }
  return undefined;
}
