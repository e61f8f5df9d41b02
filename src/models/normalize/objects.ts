import { isObject } from '../../base/is-object.js';

/**
 * Drops `null` properties of a small nested object (a GUIDRef, a userId): providers send `null` for
 * "absent" (digest "Deviations"). Returns the same object when there is nothing to drop, so the common
 * case allocates nothing.
 */
export function withoutNulls(value: unknown): unknown {
  if (!isObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    if (value[key] !== null) continue;
    copy ??= { ...value };
    delete copy[key];
  }
  return copy ?? value;
}

/** {@link withoutNulls} over each element of a list, copying the list only when an element changed. */
export function listWithoutNulls(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  let copy: unknown[] | undefined;
  for (let index = 0; index < value.length; index++) {
    const element: unknown = value[index];
    const cleaned = withoutNulls(element);
    if (cleaned === element) continue;
    copy ??= value.slice();
    copy[index] = cleaned;
  }
  return copy ?? value;
}
