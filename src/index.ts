/**
 * A OneRoster 1.1 and 1.2 REST client: OAuth, paging that never loses a record, retries that honour
 * Retry-After, one shared rate limiter, and typed errors that never leak secrets or student data.
 * @categoryDescription Client
 * Making a client (`createOneRosterClient`): its options and events, the auth strategies, raw
 * requests, and the seams tests inject. See the [client](../docs/client.md) and
 * [authentication](../docs/authentication.md) guides.
 * @categoryDescription Resources
 * Reading collections: a client's resources, `RecordPull` and its pages, filters, fields and typed
 * projections, the record types. See the [paging](../docs/paging.md) and [privacy](../docs/privacy.md) guides.
 * @categoryDescription Errors
 * Every error the client throws, each with its guard (`isRateLimitError(error)`, ...), and the
 * redaction they go through. See the [errors](../docs/errors.md) guide.
 * @packageDocumentation
 * @module oneroster
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
export type { EnvelopeKeys } from './paging/read-envelope.js';
// A RosterSource (oneroster/sync) starts its pulls' summaries from this, as the client's pulls do.
export { emptySummary as emptyPullSummary, type Page, type PullSummary } from './paging/read-pages.js';
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
export type { CallOptions } from './transport/call-options.js';
export type { JsonResponse } from './transport/request-executor.js';
