/** `X-Total-Count` as sent: absent, a count, a negative number, or something else. */
export type TotalCountHeader =
  | { kind: 'absent' }
  | { kind: 'count'; value: number }
  | { kind: 'negative'; value: number }
  | { kind: 'invalid'; text: string };

/**
 * Reads `X-Total-Count` without trusting it. The one reader of the header: paging takes only a
 * `count` ({@link readTotalCount}), the doctor reports the other kinds.
 */
export function classifyTotalCount(headers: Headers): TotalCountHeader {
  const text = headers.get('x-total-count')?.trim();
  if (!text) return { kind: 'absent' };
  if (/^\d+$/.test(text)) return { kind: 'count', value: Number(text) };
  // Providers have been seen sending negative or non-numeric counts: such a count is no count.
  if (/^-\d+$/.test(text)) return { kind: 'negative', value: Number(text) };
  return { kind: 'invalid', text };
}

/** `X-Total-Count` when it is a whole, non-negative number, else undefined. */
export function readTotalCount(headers: Headers): number | undefined {
  const total = classifyTotalCount(headers);
  return total.kind === 'count' ? total.value : undefined;
}
