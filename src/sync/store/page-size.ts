/** Records per page when iterating: large enough to amortise a query, small enough to bound memory. */
export const DEFAULT_ITERATE_PAGE_SIZE_RECORDS = 1_000;

/** The iteration page size, checked: a page size of 0 would loop forever. */
export function resolvePageSize(pageSize: number | undefined): number {
  const size = pageSize ?? DEFAULT_ITERATE_PAGE_SIZE_RECORDS;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`pageSize must be a positive integer, got ${size}`);
  return size;
}
