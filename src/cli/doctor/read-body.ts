import { isObject } from '../../base/is-object.js';
import { parseStatusInfo } from '../../errors/status-info.js';

/** The records of a list body: the envelope's list, or a bare array; undefined when neither. */
export function recordsOf(body: unknown, key: string): Record<string, unknown>[] | undefined {
  const list = Array.isArray(body) ? body : isObject(body) ? body[key] : undefined;
  return Array.isArray(list) ? list.filter(isObject) : undefined;
}

/** The sourcedIds of a list body, in order. */
export function idsOf(body: unknown, key: string): string[] {
  return (recordsOf(body, key) ?? []).flatMap((record) =>
    typeof record['sourcedId'] === 'string' ? [record['sourcedId']] : [],
  );
}

/** The codeMinor values of the warnings a 200 carries in `statusInfoSet` (spec 1.1: unknown sort or fields). */
export function warningsOf(body: unknown): string[] {
  if (!isObject(body)) return [];
  const set = body['statusInfoSet'];
  const list = Array.isArray(set) ? set : set === undefined ? [] : [set];
  return list.flatMap((entry) => {
    const code = parseStatusInfo(entry)?.codeMinor;
    return code === undefined ? [] : [code.toLowerCase()];
  });
}

/** The sourcedId of a GUIDRef, or of the first one of a list. */
export function refId(value: unknown): string | undefined {
  const ref = Array.isArray(value) ? value[0] : value;
  return isObject(ref) && typeof ref['sourcedId'] === 'string' ? ref['sourcedId'] : undefined;
}
