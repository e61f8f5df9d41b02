import type { AuthStrategy } from './auth-strategy.js';
import { type Clock, systemClock } from './clock.js';
import type { EventListener } from './events.js';
import { DEFAULT_ONEROSTER_VERSION, isOneRosterVersion, type OneRosterVersion } from './oneroster-version.js';

/** How failed requests are retried: exponential backoff with full jitter, honouring `Retry-After`. */
export interface RetryOptions {
  /**
   * Retries after the first attempt, for network errors, timeouts, 408, 429, 500, 502, 503, 504 and
   * unreadable 2xx bodies. 400, 403, 404 and 422 are never retried.
   * @default 5
   */
  retries?: number;
  /**
   * Ceiling of the first backoff; each retry doubles it (full jitter picks a wait between 0 and the ceiling).
   * @default 500
   */
  minDelayMs?: number;
  /**
   * Largest backoff ceiling.
   * @default 30_000
   */
  maxDelayMs?: number;
  /**
   * Longest wait the client accepts from `Retry-After` or `X-RateLimit-Reset`. A provider asking for
   * more fails the call at once with `RateLimitError.retryAfterMs` instead of sleeping.
   * @default 120_000
   */
  maxRetryAfterMs?: number;
  /**
   * Total time one request may take across all its attempts and the waits between them, in
   * milliseconds. A retry whose wait would end past it is not made: the request fails with its last
   * error, so a provider that keeps failing slowly cannot hold a page (and a sync) for a quarter of
   * an hour. Each attempt's timeout is cut to what is left of it.
   * @default 300_000
   */
  maxElapsedMs?: number;
}

/**
 * Options of {@link createOneRosterClient}. Only `baseUrl` and `auth` are required. `V` is the
 * OneRoster version the client speaks (see `version`).
 */
export interface ClientOptions<V extends OneRosterVersion = '1.1'> {
  /**
   * The whole base URL, including any prefix before and the version after it: it ends in
   * `/ims/oneroster/v1p1` for 1.1 and `/ims/oneroster/rostering/v1p2` for 1.2.
   * @example 'https://sis.example.org/aeries/ims/oneroster/v1p1'
   */
  baseUrl: string;
  /**
   * The OneRoster version the provider serves at `baseUrl`. It picks the record models (a 1.2 user
   * has `roles` instead of `role` and `orgs`), the `minimal` preset, the fields a projection may
   * name, the nested collections and the filter grammar (1.2 allows more than two clauses). A base
   * URL ending in the other version's path (`/v1p1`, `/v1p2`) is refused.
   * @default '1.1'
   * @example createOneRosterClient({ baseUrl: 'https://sis.example.org/ims/oneroster/rostering/v1p2', auth, version: '1.2' })
   */
  version?: V;
  /** How requests are authorised: `oauth2ClientCredentials(...)`, `oauth1(...)` or `bearerToken(...)`. */
  auth: AuthStrategy;
  /**
   * Records asked for per page. Providers may clamp it silently; paging copes with that.
   * @default 1000
   */
  pageSize?: number;
  /**
   * Most requests in flight at once, shared by everything the client does (every iterator, every call).
   * @default 4
   */
  concurrency?: number;
  /**
   * Most requests started per second, shared by everything the client does. Unlimited when absent.
   * After a 429 the client halves its pace and grows back while the provider keeps answering.
   */
  requestsPerSecond?: number;
  /** Retry policy; see {@link RetryOptions}. */
  retry?: RetryOptions;
  /**
   * Per-request timeout covering the headers and the whole body, in milliseconds.
   * @default 60_000
   */
  timeoutMs?: number;
  /**
   * Largest response body the client reads, in bytes, counted after decompression; for data and
   * token requests. A body that grows past it (an endless stream, a decompression bomb) fails the
   * request with `ResponseTooLargeError` once that much has been read.
   * @default 268_435_456 (256 MiB)
   */
  maxResponseBytes?: number;
  /**
   * Sent as `User-Agent`.
   * @default 'oneroster-js'
   */
  userAgent?: string;
  /**
   * Headers sent with every data request of the client, such as the key an API gateway in front of
   * the provider asks for. A call's own `headers` (`list`, `get`, `pages`, `request`) are merged over
   * these. Names are case-insensitive. Not sent with token requests: the token endpoint may be
   * another host, and a gateway key is no business of it.
   *
   * Refused with a `TypeError` (the client's, or the call's): `authorization`, `accept` and
   * `user-agent`, which the `auth` strategy, the JSON reader and `userAgent` own, and any header the
   * auth strategy sets itself (checked per request), so no header can replace a credential. Every
   * value is treated as a secret: errors never quote it, and it is scrubbed from what a provider
   * echoes into one.
   * @default {}
   * @example { 'x-api-key': process.env.GATEWAY_KEY }
   */
  headers?: Record<string, string>;
  /**
   * The fetch implementation (for proxies, custom agents or tests).
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
  /**
   * `lenient` normalises the deviations real providers send and quarantines a record that still
   * breaks the schema (skipped, counted, reported through `onEvent`); `strict` fails the pull with
   * `ResponseValidationError` instead.
   * @default 'lenient'
   */
  validation?: 'lenient' | 'strict';
  /**
   * Allow built filters of more than two clauses on a 1.1 server (some accept them). A 1.2 client
   * (`version: '1.2'`) always allows them: 1.2 lifts the limit.
   * @default false
   */
  allowExtendedFilters?: boolean;
  /**
   * Ask for `sort=sourcedId&orderBy=asc` when a read names no sort, so offset paging stays stable
   * over data that changes during the pull (providers that cannot sort answer with a warning).
   *
   * `'auto'` lets the client learn, per collection, whether the provider already serves records in
   * ascending sourcedId order without being asked: it reads without the sort and checks every id
   * against the one before; at the first id out of order it reads on in `sourcedId` order from the
   * start, yielding only what it has not yet, and asks for the sort from then on. A provider that
   * sorts in memory is spared the sort when its own order makes it useless (docs/paging.md).
   * @default true
   */
  stableSort?: boolean | 'auto';
  /**
   * Skip records already yielded in the same pull (offset paging over changing data repeats records).
   * Costs one sourcedId string per record for the duration of the pull (see docs/paging.md).
   * @default true
   */
  dedupe?: boolean;
  /**
   * A pull that makes more requests than this fails with a `ProtocolError`: a guard against a
   * provider whose paging never ends.
   * @default 100_000
   */
  maxPages?: number;
  /** Observability: request, response, retry, rate-limited and token-refreshed events, never secrets or records. */
  onEvent?: EventListener;
  /**
   * Time source for backoff, rate limiting and timeouts; tests inject a fake one.
   * @default the system clock
   */
  clock?: Clock;
  /**
   * Random source in [0, 1) for backoff jitter; tests inject a fixed one.
   * @default Math.random
   */
  random?: () => number;
}

/** Options with every default applied; each field is documented on {@link ClientOptions}. */
export interface ResolvedClientOptions<V extends OneRosterVersion = OneRosterVersion> {
  baseUrl: string;
  version: V;
  auth: AuthStrategy;
  pageSize: number;
  concurrency: number;
  requestsPerSecond: number | undefined;
  retry: Required<RetryOptions>;
  timeoutMs: number;
  maxResponseBytes: number;
  userAgent: string;
  /** The client's headers, checked, with their names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** The fetch in use (the global one, looked up per call, unless one was given). */
  fetch: typeof globalThis.fetch;
  signal: AbortSignal | undefined;
  validation: 'lenient' | 'strict';
  allowExtendedFilters: boolean;
  stableSort: boolean | 'auto';
  dedupe: boolean;
  maxPages: number;
  onEvent: EventListener | undefined;
  clock: Clock;
  /** Random source for backoff jitter. */
  random: () => number;
}

export const DEFAULT_PAGE_SIZE = 1_000;
export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRIES = 5;
export const DEFAULT_MIN_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 30_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;
export const DEFAULT_MAX_ELAPSED_MS = 300_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_USER_AGENT = 'oneroster-js';
export const DEFAULT_MAX_PAGES = 100_000;

/** A wrong option is a programming error: fail at construction with a clear message. */
function requirePositive(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new TypeError(
      `oneroster: \`${name}\` must be a positive ${integer ? 'integer' : 'number'}, got ${value}`,
    );
  }
}

function requireNonNegative(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`oneroster: \`${name}\` must be a non-negative number, got ${value}`);
  }
}

/** Headers the client sends itself: a caller's header must not replace them. */
const RESERVED_HEADERS: Readonly<Record<string, string>> = {
  authorization: 'the `auth` strategy sends it',
  accept: 'the client reads JSON',
  'user-agent': 'use the `userAgent` option',
};

/** RFC 9110 5.1: a field name is a token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 5.5: no CR, LF or NUL in a field value (they would split the header). */
const UNSAFE_HEADER_VALUE = /[\r\n\0]/;

/**
 * Checks a caller's headers (the client's `headers`, or a call's) and lower-cases their names. Each
 * message names the header, never its value: a value may be a gateway key.
 * @throws TypeError for a name that is not a token, a value that is not a string or holds a line
 *   break, two spellings of one name, or a header the client sends itself (`authorization`, ...)
 */
export function resolveHeaders(headers: unknown, where: string): Record<string, string> {
  if (headers === undefined) return {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new TypeError(`oneroster: \`${where}\` must be an object of header names and values`);
  }
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw new TypeError(`oneroster: \`${where}\` holds an invalid header name ${JSON.stringify(name)}`);
    }
    const key = name.toLowerCase();
    const owner = Object.hasOwn(RESERVED_HEADERS, key) ? RESERVED_HEADERS[key] : undefined;
    if (owner !== undefined) throw new TypeError(`oneroster: \`${where}\` cannot set ${key}: ${owner}`);
    if (typeof value !== 'string' || UNSAFE_HEADER_VALUE.test(value)) {
      throw new TypeError(
        `oneroster: \`${where}\` header ${key} must be a string without line breaks (its value is not shown)`,
      );
    }
    if (Object.hasOwn(resolved, key)) {
      throw new TypeError(`oneroster: \`${where}\` names the header ${key} twice`);
    }
    resolved[key] = value;
  }
  return resolved;
}

/** `stableSort` as given, checked: a JavaScript caller's `'yes'` must not silently mean "sort". */
function resolveStableSort(stableSort: unknown): boolean | 'auto' {
  if (stableSort === undefined) return true;
  if (stableSort === true || stableSort === false || stableSort === 'auto') return stableSort;
  throw new TypeError(`oneroster: \`stableSort\` must be true, false or 'auto', got ${String(stableSort)}`);
}

/** The last path segment of a versioned OneRoster base URL, by version (spec base paths). */
const VERSION_SEGMENTS: { readonly [V in OneRosterVersion]: string } = { '1.1': 'v1p1', '1.2': 'v1p2' };

/**
 * The version a client speaks. An explicit base URL that ends in the other version's path is a
 * mistake: the client would send 1.1 field names to a 1.2 server (which answers 400) or read 1.2
 * users with the 1.1 model. Only the last path segment is read, so any prefix before it is fine.
 */
function resolveVersion(baseUrl: string, version: unknown): OneRosterVersion {
  if (version !== undefined && !isOneRosterVersion(version)) {
    throw new TypeError(`oneroster: \`version\` must be '1.1' or '1.2', got ${String(version)}`);
  }
  const resolved = version ?? DEFAULT_ONEROSTER_VERSION;
  const lastSegment = baseUrl
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .pop()
    ?.toLowerCase();
  for (const [other, segment] of Object.entries(VERSION_SEGMENTS)) {
    if (other !== resolved && lastSegment === segment) {
      throw new TypeError(
        `oneroster: \`baseUrl\` ends in /${segment}, a OneRoster ${other} path, but \`version\` is '${resolved}'${version === undefined ? ' (the default)' : ''}: pass \`version: '${other}'\` or the ${resolved} base URL`,
      );
    }
  }
  return resolved;
}

/** The one place where client defaults are applied and options are checked. */
export function resolveClientOptions(options: ClientOptions<OneRosterVersion>): ResolvedClientOptions {
  if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl)) {
    throw new TypeError('oneroster: `baseUrl` must be an absolute http(s) URL');
  }
  const version = resolveVersion(options.baseUrl, options.version);
  if (!options.auth || typeof options.auth.authorize !== 'function') {
    throw new TypeError('oneroster: `auth` must be an auth strategy such as oauth2ClientCredentials(...)');
  }
  requirePositive('pageSize', options.pageSize, true);
  requirePositive('concurrency', options.concurrency, true);
  requirePositive('requestsPerSecond', options.requestsPerSecond, false);
  requirePositive('timeoutMs', options.timeoutMs, false);
  requirePositive('maxResponseBytes', options.maxResponseBytes, true);
  requirePositive('retry.maxElapsedMs', options.retry?.maxElapsedMs, false);
  requirePositive('maxPages', options.maxPages, true);
  if (
    options.validation !== undefined &&
    options.validation !== 'lenient' &&
    options.validation !== 'strict'
  ) {
    throw new TypeError(
      `oneroster: \`validation\` must be 'lenient' or 'strict', got ${String(options.validation)}`,
    );
  }
  requireNonNegative('retry.retries', options.retry?.retries);
  requireNonNegative('retry.minDelayMs', options.retry?.minDelayMs);
  requireNonNegative('retry.maxDelayMs', options.retry?.maxDelayMs);
  requireNonNegative('retry.maxRetryAfterMs', options.retry?.maxRetryAfterMs);
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new TypeError('oneroster: no `fetch` available; pass one in the options');
  }
  // Looked up per call, so interceptors installed after the client was made (msw, nock) still apply.
  const fetchImplementation = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    // A trailing slash would double up with the collection paths.
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    version,
    auth: options.auth,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    requestsPerSecond: options.requestsPerSecond,
    retry: {
      retries: options.retry?.retries ?? DEFAULT_RETRIES,
      minDelayMs: options.retry?.minDelayMs ?? DEFAULT_MIN_DELAY_MS,
      maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
      maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
      maxElapsedMs: options.retry?.maxElapsedMs ?? DEFAULT_MAX_ELAPSED_MS,
    },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    headers: resolveHeaders(options.headers, 'headers'),
    fetch: fetchImplementation,
    signal: options.signal,
    validation: options.validation ?? 'lenient',
    allowExtendedFilters: options.allowExtendedFilters ?? false,
    stableSort: resolveStableSort(options.stableSort),
    dedupe: options.dedupe ?? true,
    maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
    onEvent: options.onEvent,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };
}
