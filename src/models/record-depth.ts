/**
 * The deepest nesting a provider's record may have, in levels: the record itself is level 1, a
 * `metadata` object level 2, a user's `userIds[0]` level 3. Real OneRoster records stay under 10,
 * extensions included; 64 leaves room for any of them while keeping every recursive walk over a
 * record (canonical JSON, `JSON.stringify`, a store's serialiser) far from the call-stack limit that
 * a record nested 10,000 levels deep overflows.
 */
export const MAX_RECORD_DEPTH = 64;

/** The validation issue code of a record nested deeper than {@link MAX_RECORD_DEPTH}. */
export const TOO_DEEP_ISSUE_CODE = `nested_deeper_than_${MAX_RECORD_DEPTH}_levels`;

/**
 * True when `value` holds objects or arrays more than `levels` deep. Recursion stops at `levels`,
 * so the stack stays shallow however deep the value is. It runs on every record of a pull, so it
 * recurses only into objects (about a twentieth of a record's parse time, measured).
 */
export function isDeeperThan(value: unknown, levels: number): boolean {
  return typeof value === 'object' && value !== null && objectDeeperThan(value, levels);
}

function objectDeeperThan(value: object, levels: number): boolean {
  if (levels <= 0) return true;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (typeof item === 'object' && item !== null && objectDeeperThan(item, levels - 1)) return true;
    }
    return false;
  }
  for (const key in value) {
    const item: unknown = Reflect.get(value, key);
    if (typeof item === 'object' && item !== null && objectDeeperThan(item, levels - 1)) return true;
  }
  return false;
}

/** The first field of a record that nests deeper than {@link MAX_RECORD_DEPTH} (the record counts as one level). */
export function findTooDeepField(record: Record<string, unknown>): string | undefined {
  for (const key in record) {
    if (isDeeperThan(record[key], MAX_RECORD_DEPTH - 1)) return key;
  }
  return undefined;
}
