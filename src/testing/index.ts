/**
 * `oneroster/testing`: a mock OneRoster 1.1 provider and a synthetic district, for offline tests,
 * demos and benchmarks. Independent of the client: it verifies signatures and parses queries with
 * its own code, so a bug on either side shows up as a failing test.
 */

export { oauth1BaseString, oauth1Signature } from './auth-oauth1.js';
export type {
  AuthOutcome,
  BearerAuthOptions,
  MockAuthOptions,
  NoAuthOptions,
  OAuth1AuthOptions,
  OAuth2AuthOptions,
} from './auth-types.js';
export type { District, DistrictMutations, GenerateDistrictOptions } from './district.js';
export { generateDistrict } from './district.js';
export type { DistrictOptions, DistrictPreset, DistrictShape } from './district-options.js';
export type { FaultTarget, MockFault, MockFaultType } from './faults.js';
export type { ErrorShape } from './imsx.js';
export type { MockBodyEnd, MockRequest, MockResponse, MockStreamBody } from './mock-types.js';
export type { MockProvider } from './msw-adapter.js';
export { createMockProvider } from './msw-adapter.js';
export type { MockServer, MockServerOptions } from './node-server.js';
export { startMockServer } from './node-server.js';
export { createProviderCore } from './provider.js';
export type { MockProviderOptions } from './provider-options.js';
export type { MockProviderCore } from './provider-types.js';
export type { LinkStyle, MockQuirks, ResolvedQuirks } from './quirks.js';
export type { RateLimitOptions } from './rate-limiter.js';
export type { CollectionName, GuidRef, RosterRecord } from './records.js';
export {
  type ContractTestApi,
  describeRosterStoreContract,
  type RosterStoreFactory,
  type RosterStoreFixture,
} from './roster-store-contract.js';
export { ALL_ROSTER_SCOPES, ONEROSTER_SCOPES } from './scopes.js';
export type { MockProviderStats } from './stats.js';
