/**
 * Reading fields of stored records, which a store keeps as opaque JSON: every reader here accepts
 * anything and answers with a plain value, so a provider's odd record is counted, never thrown on.
 */

/** True for a non-null object that is not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sourcedId a GUIDRef (`{ sourcedId, type, href }`) points at, if it names one. */
export function refId(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const id = value['sourcedId'];
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** The sourcedIds of a list of GUIDRefs, each once, in order. */
export function refIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids: string[] = [];
  for (const item of value) {
    const id = refId(item);
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A string field, or undefined when it is absent, empty or not a string. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * A list of strings such as `grades` or `periods`. The JSON binding sends an array; a lone string (as
 * some providers send a single grade) is read as a one-item list.
 */
export function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.length > 0 ? [value] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item.length > 0);
}
