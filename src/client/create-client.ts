import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from '../base/options.js';
import type { OneRosterVersion } from '../models/versions.js';
import { createResources } from '../resources/create-resources.js';
import type { OneRosterResources } from '../resources/resource-types.js';
import type { QueryParameters } from '../transport/build-url.js';
import { type CallOptions, resolveCall } from '../transport/call-options.js';
import {
  createRequestExecutor,
  type JsonResponse,
  type RequestExecutor,
} from '../transport/request-executor.js';

/** Options of a raw {@link OneRosterClient.request}: its query, signal, timeout, retry and headers. */
export interface RawRequestOptions extends CallOptions {
  /** Query parameters in wire order; encoded per RFC 3986. */
  query?: QueryParameters;
  /** Aborts the request with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * A OneRoster client of version `V` (1.1 unless created with `version: '1.2'`): every rostering
 * collection as a resource (`client.students.list()`, `client.classes.students(classId)`,
 * `client.users.get(id)`), plus raw requests. Made by {@link createOneRosterClient}.
 */
export interface OneRosterClient<V extends OneRosterVersion = '1.1'> extends OneRosterResources<V> {
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
  /** The OneRoster version this client speaks: its records, projections and filters follow it. */
  readonly version: V;
  /** The options in force, defaults applied. */
  readonly options: Readonly<ResolvedClientOptions<V>>;
}

/**
 * The client of each version in `V`: `OneRosterClient<'1.2'>` for `'1.2'`, and for a `version`
 * known only at run time the union of both, which `client.version` tells apart.
 */
export type OneRosterClientOf<V extends OneRosterVersion> = V extends OneRosterVersion
  ? OneRosterClient<V>
  : never;

/** A client of either version, as made from options whose `version` is known only at run time. */
export type AnyOneRosterClient = OneRosterClientOf<OneRosterVersion>;

function assembleClient<V extends OneRosterVersion>(
  resolved: ResolvedClientOptions,
  executor: RequestExecutor,
  version: V,
): OneRosterClient<V> {
  const options: ResolvedClientOptions<V> = { ...resolved, version };
  return {
    ...createResources(options, executor),
    request: async (path, requestOptions = {}) =>
      executor.requestJson({
        path: typeof path === 'string' ? path.split('/').filter((segment) => segment !== '') : path,
        ...(requestOptions.query ? { query: requestOptions.query } : {}),
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
        call: resolveCall(resolved, requestOptions),
      }),
    version,
    options,
  };
}

/**
 * Creates a client for one provider connection. Every request it makes shares one limiter
 * (`concurrency`, `requestsPerSecond`), one retry policy and one auth strategy. Its type follows
 * `version`: without one it is a 1.1 client, with `version: '1.2'` a 1.2 one.
 *
 * @example
 * ```ts
 * import { createOneRosterClient, oauth2ClientCredentials } from 'oneroster';
 *
 * const client = createOneRosterClient({
 *   baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
 *   auth: oauth2ClientCredentials({ tokenUrl, clientId, clientSecret }),
 * });
 * const client12 = createOneRosterClient({
 *   baseUrl: 'https://sis.example.org/ims/oneroster/rostering/v1p2',
 *   auth: oauth2ClientCredentials({ tokenUrl, clientId, clientSecret }),
 *   version: '1.2',
 * });
 * ```
 */
export function createOneRosterClient<const V extends OneRosterVersion>(
  options: ClientOptions<V> & { version: V },
): OneRosterClientOf<V>;
export function createOneRosterClient(options: ClientOptions<'1.1'>): OneRosterClient<'1.1'>;
export function createOneRosterClient(options: ClientOptions<OneRosterVersion>): AnyOneRosterClient {
  const resolved = resolveClientOptions(options);
  const executor = createRequestExecutor(resolved);
  // Branching on the resolved version builds each client with its version as a literal, so every
  // resource is typed by it without asserting anything: the overloads above only name the branch
  // that the options select (a given `version: V`, or none, which is '1.1'). The 1.1 overload is the
  // last, so `Parameters<typeof createOneRosterClient>` stays the options of a 1.1 client.
  return resolved.version === '1.2'
    ? assembleClient(resolved, executor, '1.2')
    : assembleClient(resolved, executor, '1.1');
}
