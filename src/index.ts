/**
 * A OneRoster 1.1 and 1.2 REST client: OAuth, paging that never loses a record, retries that honour
 * Retry-After, one shared rate limiter, and typed errors that never leak secrets or student data.
 * @packageDocumentation
 */

export * from './auth/index.js';
export type { Clock } from './base/clock.js';
export type * from './base/events.js';
export type { HttpExchange, HttpRequest, HttpTransport } from './base/http-exchange.js';
export type { ClientOptions, ResolvedClientOptions, RetryOptions } from './base/options.js';
export {
  type AnyOneRosterClient,
  createOneRosterClient,
  type OneRosterClient,
  type OneRosterClientOf,
  type RawRequestOptions,
} from './client/create-client.js';
export * from './errors/index.js';
export * from './models/index.js';
export {
  type LinkTarget,
  type PageLinks,
  type PageRelation,
  parseLinkHeader,
} from './paging/parse-link-header.js';
export type { EnvelopeKeys } from './paging/read-envelope.js';
export type { Page, PullSummary } from './paging/read-pages.js';
export * from './query/index.js';
export {
  COLLECTIONS,
  type CollectionDefinition,
  type CollectionName,
  type EntityOfCollection,
  NESTED_COLLECTIONS,
  NESTED_COLLECTIONS_BY_VERSION,
  type NestedDefinition,
} from './resources/collections.js';
export type { GetOptions, ListQuery } from './resources/list-query.js';
export type { RecordPull } from './resources/record-pull.js';
export type {
  CollectionResource,
  CollectionResourceOf,
  NestedCollection,
  NestedMethods,
  NestedRead,
  NestedReadOf,
  NestedReadOfSchoolClass,
  OneRosterResources,
} from './resources/resource-types.js';
export { isTooManyItemsError, TooManyItemsError } from './resources/too-many-items-error.js';
export type { QueryParameters } from './transport/build-url.js';
export type { JsonResponse } from './transport/request-executor.js';
