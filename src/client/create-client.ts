import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from '../base/options.js';
import { createResources } from '../resources/create-resources.js';
import type { OneRosterResources } from '../resources/resource-types.js';
import type { QueryParameters } from '../transport/build-url.js';
import { type CallOptions, resolveCall } from '../transport/call-options.js';
import { createRequestExecutor, type JsonResponse } from '../transport/request-executor.js';

/** Options of a raw {@link OneRosterClient.request}: its query, signal, timeout, retry and headers. */
export interface RawRequestOptions extends CallOptions {
  /** Query parameters in wire order; encoded per RFC 3986. */
  query?: QueryParameters;
  /** Aborts the request with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * A OneRoster 1.1 client: every rostering collection as a resource (`client.students.list()`,
 * `client.classes.students(classId)`, `client.users.get(id)`), plus raw requests. Made by
 * {@link createOneRosterClient}.
 */
export interface OneRosterClient extends OneRosterResources {
  /**
   * A GET through the client's auth, limiter and retries, for endpoints without a typed resource
   * (gradebook, resources, vendor extensions). The body is returned unvalidated.
   * @param path raw segments after the base URL (`['classes', id, 'lineItems']`), or a path string
   *   (`'/classes/abc/lineItems'`) split at `/`; each segment is percent-encoded once
   */
  request<T = unknown>(
    path: string | readonly string[],
    options?: RawRequestOptions,
  ): Promise<JsonResponse<T>>;
  /** The options in force, defaults applied. */
  readonly options: Readonly<ResolvedClientOptions>;
}

/**
 * Creates a client for one provider connection. Every request it makes shares one limiter
 * (`concurrency`, `requestsPerSecond`), one retry policy and one auth strategy.
 *
 * @example
 * ```ts
 * import { createOneRosterClient, oauth2ClientCredentials } from 'oneroster';
 *
 * const client = createOneRosterClient({
 *   baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
 *   auth: oauth2ClientCredentials({ tokenUrl, clientId, clientSecret }),
 * });
 * ```
 */
export function createOneRosterClient(options: ClientOptions): OneRosterClient {
  const resolved = resolveClientOptions(options);
  const executor = createRequestExecutor(resolved);
  return {
    ...createResources(resolved, executor),
    request: async (path, requestOptions = {}) =>
      executor.requestJson({
        path: typeof path === 'string' ? path.split('/').filter((segment) => segment !== '') : path,
        ...(requestOptions.query ? { query: requestOptions.query } : {}),
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
        call: resolveCall(resolved, requestOptions),
      }),
    options: resolved,
  };
}
