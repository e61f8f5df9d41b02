import type { Filter } from './filter.js';
import { InvalidFilterError } from './invalid-filter-error.js';

/** OneRoster 1.1 allows at most two clauses and one logical operator (digest "Filter grammar"). */
export const MAX_STANDARD_FILTER_CLAUSES = 2;

/** Options of {@link renderFilter}. */
export interface RenderFilterOptions {
  /**
   * Send filters of more than two clauses, which 1.2 servers and some 1.1 servers accept.
   * @default false
   */
  allowExtendedFilters?: boolean;
}

/** True for a filter built with `filter.*` (as opposed to a raw string). */
export function isFilter(value: unknown): value is Filter {
  return typeof value === 'object' && value !== null && 'clauses' in value && Array.isArray(value.clauses);
}

/**
 * The `filter` query value for a request, not yet URL-encoded. A raw string is sent as it is: the
 * caller owns it. A built filter of more than two clauses is refused unless extended filters are on,
 * because a 1.1 server may reject it or, worse, apply only part of it.
 *
 * @throws InvalidFilterError for too many clauses, or something that is neither a string nor a filter
 * @example renderFilter(filter.eq('role', 'student')) // "role='student'"
 */
export function renderFilter(value: Filter | string, options: RenderFilterOptions = {}): string {
  if (typeof value === 'string') return value;
  if (!isFilter(value)) {
    throw new InvalidFilterError({
      reason: 'invalid-value',
      message: 'filter must be a string or built with filter.*',
    });
  }
  if (value.clauses.length > MAX_STANDARD_FILTER_CLAUSES && options.allowExtendedFilters !== true) {
    throw new InvalidFilterError({
      reason: 'too-many-clauses',
      message: `filter has ${value.clauses.length} clauses; OneRoster 1.1 allows ${MAX_STANDARD_FILTER_CLAUSES}. Set allowExtendedFilters if the provider accepts more`,
    });
  }
  return value.toString();
}
