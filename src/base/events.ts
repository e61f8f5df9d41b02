/**
 * Observability events passed to `onEvent`. They carry timings, statuses and redacted URLs, never a
 * secret, a token, a signature or record content (a quarantined record is named by its sourcedId).
 */
export type OneRosterEvent =
  | RequestEvent
  | ResponseEvent
  | RetryEvent
  | RateLimitedEvent
  | TokenRefreshedEvent
  | RecordQuarantinedEvent
  | UnknownEnumValueEvent
  | RefTypeMismatchEvent
  | DriftEvent
  | UnstableSortEvent
  | ProviderOrderEvent;

/** A request is about to be sent (once per attempt). */
export interface RequestEvent {
  type: 'request';
  requestId: number;
  attempt: number;
  method: string;
  /** Redacted URL. */
  url: string;
  time: number;
}

/**
 * A response arrived (its body read), the attempt failed without one (`error`), or it was cancelled
 * (`cancelled`). Exactly one of `status`, `error` and `cancelled` is set.
 */
export interface ResponseEvent {
  type: 'response';
  requestId: number;
  attempt: number;
  method: string;
  url: string;
  status?: number;
  durationMs: number;
  /** Error class name when the attempt failed (`'NetworkError'`, `'RedirectError'`, ...). */
  error?: string;
  /**
   * True when the request was aborted before its answer arrived, because nothing needs that answer
   * any more: a pull that ended (its prefetched pages past the end, a `break` out of `for await`) or
   * the caller's `signal`. Not a failure, so `error` is absent: a dashboard that counts errors
   * counts `error`, never `cancelled`.
   */
  cancelled?: true;
}

/** An attempt failed and will be retried after `delayMs`. */
export interface RetryEvent {
  type: 'retry';
  requestId: number;
  attempt: number;
  method: string;
  url: string;
  delayMs: number;
  /** The HTTP status (`'503'`), or the error class name (`'NetworkError'`, `'ProtocolError'`) otherwise. */
  reason: string;
}

/** The provider throttled us; the client's allowed rate is now `requestsPerSecond`. */
export interface RateLimitedEvent {
  type: 'rate-limited';
  requestId: number;
  url: string;
  retryAfterMs?: number;
  requestsPerSecond: number;
}

/** A new access token was obtained. */
export interface TokenRefreshedEvent {
  type: 'token-refreshed';
  durationMs: number;
  /** Lifetime granted, in milliseconds, when the provider said. */
  expiresInMs?: number;
  /** Why the token was requested. */
  reason: 'initial' | 'expiring' | 'rejected';
}

/** A record failed validation in lenient mode: skipped, counted, named by its sourcedId and issue paths. */
export interface RecordQuarantinedEvent {
  type: 'record-quarantined';
  collection: string;
  sourcedId?: string;
  issues: { path: string; code: string }[];
}

/**
 * A record carried an enum value the spec does not list (a role, a grade, an org type...); it was
 * kept as sent. Fired once per distinct field and value in a pull; `PullSummary.unknownEnumValues`
 * counts every occurrence.
 */
export interface UnknownEnumValueEvent {
  type: 'unknown-enum-value';
  collection: string;
  sourcedId?: string;
  path: string;
  value: string;
}

/**
 * A GUIDRef's `type` contradicts its field (an `orgs[]` entry typed `teacher`); the record was kept
 * as sent. Fired once per distinct field and value in a pull; `PullSummary.refTypeMismatches`
 * counts every occurrence.
 */
export interface RefTypeMismatchEvent {
  type: 'ref-type-mismatch';
  collection: string;
  sourcedId?: string;
  /** Path of the `type`, e.g. `orgs.0.type`. */
  path: string;
  /** The `type` sent, e.g. `teacher`. */
  value: string;
  /** What the field points at, e.g. `org`. */
  expected: string;
}

/** The collection changed while it was being paged (total moved, or ClassLink's x-perm-rev changed). */
export interface DriftEvent {
  type: 'drift';
  collection: string;
  totalBefore?: number;
  totalAfter?: number;
  permRevBefore?: string;
  permRevAfter?: string;
}

/**
 * A read sorted by something other than `sourcedId` (or not sorted) served a record twice: the sign of
 * a provider that orders ties differently from one request to the next, which makes offset paging
 * skip as many records as it repeats (records inserted ahead of the cursor repeat records too, and
 * the two cannot be told apart mid-pull). The pull reads on in `sourcedId` order from the start,
 * yielding only the records it has not yielded yet (see docs/paging.md).
 */
export interface UnstableSortEvent {
  type: 'unstable-sort';
  collection: string;
  /** The sort the read asked for; absent when it asked for none (`stableSort: false`). */
  sort?: string;
  /** Offset of the page where the first record came back a second time. */
  offset: number;
}

/** Receives every event; must not throw (a throwing listener is ignored). */
export type EventListener = (event: OneRosterEvent) => void;

/**
 * With `stableSort: 'auto'`, what a pull learned of a collection's own order (asked for no sort):
 * `ascending`, every sourcedId after the one before it to the end, so the client goes on reading the
 * collection unsorted; or not, an id out of order (or served twice) at `offset`, so the pull reads on
 * in `sourcedId` order from the start, yielding only what it has not yet, and the client asks for
 * the sort from then on. Fired once per collection and client, when the client learns it.
 */
export interface ProviderOrderEvent {
  type: 'provider-order';
  collection: string;
  ascending: boolean;
  /** Offset of the page where an id came out of order; absent when `ascending`. */
  offset?: number;
}
