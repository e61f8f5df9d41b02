import { parseStatusInfo } from '../../errors/status-info.js';

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

/** `X-Total-Count` as sent: absent, a whole number, or something else. */
export type TotalHeader =
  | { kind: 'absent' }
  | { kind: 'number'; value: number }
  | { kind: 'invalid'; text: string };

/** Reads `X-Total-Count` without trusting it. */
export function readTotal(headers: Headers): TotalHeader {
  const text = headers.get('x-total-count');
  if (text === null || text.trim() === '') return { kind: 'absent' };
  const value = Number(text.trim());
  return /^-?\d+$/.test(text.trim()) ? { kind: 'number', value } : { kind: 'invalid', text };
}

/** A whole, non-negative `X-Total-Count`, else undefined. */
export function trustedTotal(headers: Headers): number | undefined {
  const total = readTotal(headers);
  return total.kind === 'number' && total.value >= 0 ? total.value : undefined;
}
