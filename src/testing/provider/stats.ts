/** What the mock saw: requests, concurrency, statuses, faults and the fields asked of each collection. */

/** Live statistics of a mock provider. */
export interface MockProviderStats {
  /** Data requests received (token requests excluded). */
  requests: number;
  /** Requests to the OAuth 2.0 token endpoint. */
  tokenRequests: number;
  /** Data requests by path below the base path, e.g. `/classes/cls-0000000001/students`. */
  readonly byPath: Record<string, number>;
  /** Data requests by route, e.g. `/classes/{id}/students`. */
  readonly byRoute: Record<string, number>;
  /** Responses by HTTP status (token endpoint included). */
  readonly statuses: Record<number, number>;
  /** TCP connections accepted (`startMockServer` only): with keep-alive, far fewer than requests. */
  connections: number;
  /** Requests being answered now: from arrival until the response is fully written. */
  inFlight: number;
  /** The most requests in flight at once. */
  maxInFlight: number;
  /** Faults injected, by type; the rate limiter's refusals count as `rateLimiter`. */
  readonly faults: Record<string, number>;
  /**
   * Field names requested per collection (`users` for /students too), in first-seen order;
   * `*` means a request without `fields`, i.e. every field.
   */
  readonly fieldsRequested: Record<string, string[]>;
  /** Zeroes everything (requests in flight are still tracked). */
  reset(): void;
}

/** Creates empty statistics. */
export function createStats(): MockProviderStats {
  const clear = (record: Record<string | number, unknown>): void => {
    for (const key of Object.keys(record)) delete record[key];
  };
  const stats: MockProviderStats = {
    requests: 0,
    tokenRequests: 0,
    connections: 0,
    byPath: {},
    byRoute: {},
    statuses: {},
    inFlight: 0,
    maxInFlight: 0,
    faults: {},
    fieldsRequested: {},
    reset: () => {
      stats.requests = 0;
      stats.tokenRequests = 0;
      stats.connections = 0;
      stats.maxInFlight = stats.inFlight;
      clear(stats.byPath);
      clear(stats.byRoute);
      clear(stats.statuses);
      clear(stats.faults);
      clear(stats.fieldsRequested);
    },
  };
  return stats;
}

/** Adds one to a counter. */
export function bump<K extends string | number>(counters: Record<K, number>, key: K): void {
  counters[key] = (counters[key] ?? 0) + 1;
}

/** Records the fields a request asked of a collection. */
export function recordFields(stats: MockProviderStats, collection: string, fields: readonly string[]): void {
  const seen = stats.fieldsRequested[collection] ?? [];
  for (const field of fields) if (!seen.includes(field)) seen.push(field);
  stats.fieldsRequested[collection] = seen;
}
