import type { OneRosterVersion } from '../models/versions.js';
import type { Filter } from './filter.js';
import { InvalidFilterError } from './invalid-filter-error.js';

/** OneRoster 1.1 allows at most two clauses and one logical operator (digest "Filter grammar"). */
export const MAX_STANDARD_FILTER_CLAUSES = 2;

/** Options of `renderFilter`. */
export interface RenderFilterOptions {
  /**
   * The OneRoster version of the server. 1.2 lifts 1.1's limit of two clauses (any number joined by
   * one logical operator); the operators (`=`, `!=`, `>`, `>=`, `<`, `<=`, `~`) and the quoting are
   * the same in both.
   * @default '1.1'
   */
  version?: OneRosterVersion;
  /**
   * Send filters of more than two clauses to a 1.1 server (some accept them). 1.2 servers always do.
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
 * caller owns it. A built filter of more than two clauses is refused in 1.1 unless extended filters
 * are on, because a 1.1 server may reject it or, worse, apply only part of it.
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
  const limited = options.version !== '1.2' && options.allowExtendedFilters !== true;
  if (limited && value.clauses.length > MAX_STANDARD_FILTER_CLAUSES) {
    throw new InvalidFilterError({
      reason: 'too-many-clauses',
      message: `filter has ${value.clauses.length} clauses; OneRoster 1.1 allows ${MAX_STANDARD_FILTER_CLAUSES}. Set allowExtendedFilters if the provider accepts more, or version: '1.2' for a 1.2 server`,
    });
  }
  return value.toString();
}
