/** Everything an error tracker could record of an error: own properties, message, stack and causes. */
export function serializeError(error: unknown, depth = 0): string {
  if (depth > 5 || error === null || error === undefined) return String(error);
  if (typeof error !== 'object') return String(error);
  const record: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = (error as Record<string, unknown>)[key];
    record[key] = key === 'cause' ? serializeError(value, depth + 1) : value;
  }
  const text = JSON.stringify(record, (_key, value) => (typeof value === 'bigint' ? String(value) : value));
  return `${String(error)}\n${text}`;
}
