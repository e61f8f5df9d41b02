/** A raw record's sourcedId when it is a string, read before the record is validated. */
export function sourcedIdOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('sourcedId' in raw)) return undefined;
  const id = raw.sourcedId;
  return typeof id === 'string' ? id : undefined;
}
