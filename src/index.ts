/**
 * A OneRoster 1.1 REST client: OAuth, paging that never loses a record, retries that honour
 * Retry-After, one shared rate limiter, and typed errors that never leak secrets or student data.
 * @packageDocumentation
 */

export * from './auth/index.js';
export type { Clock } from './client/clock.js';
export {
  createOneRosterClient,
  type OneRosterClient,
  type RawRequestOptions,
} from './client/create-client.js';
export type * from './client/events.js';
export type { ClientOptions, ResolvedClientOptions, RetryOptions } from './client/options.js';
export * from './errors/index.js';
export type { QueryParameters } from './transport/build-url.js';
export type { JsonResponse } from './transport/request-executor.js';
