/**
 * `oneroster/testing`: a mock OneRoster provider (1.1 and 1.2) and a synthetic district, for offline tests,
 * demos and benchmarks. Independent of the client: it verifies signatures and parses queries with
 * its own code, so a bug on either side shows up as a failing test.
 *
 * Loads with Node's built-ins alone: `startMockServer` serves the provider on `node:http`. The msw
 * handlers (`createMockProvider`) are in `oneroster/testing/msw`, so msw, an optional peer, is
 * needed only there.
 *
 * @categoryDescription Testing
 * The mock provider (msw handlers or a real server), the synthetic district, and the contract
 * suite every store is held to. See the [testing](../../docs/testing.md) guide.
 * @packageDocumentation
 * @module oneroster/testing
 */

export type { District, DistrictMutations, GenerateDistrictOptions } from './district/district.js';
export { generateDistrict } from './district/district.js';
export type { DistrictOptions, DistrictPreset, DistrictShape } from './district/district-options.js';
export type { CollectionName, GuidRef, RosterRecord } from './district/records.js';
export { oauth1BaseString, oauth1Signature } from './provider/auth-oauth1.js';
export type {
  AuthOutcome,
  BearerAuthOptions,
  MockAuthOptions,
  NoAuthOptions,
  OAuth1AuthOptions,
  OAuth2AuthOptions,
} from './provider/auth-types.js';
export type { FaultTarget, MockFault, MockFaultType } from './provider/faults.js';
export type { ErrorShape } from './provider/imsx.js';
export type { MockBodyEnd, MockRequest, MockResponse, MockStreamBody } from './provider/mock-types.js';
export type { MockServer, MockServerOptions } from './provider/node-server.js';
export { startMockServer } from './provider/node-server.js';
export { EDFI_QUIRKS, type MockProfile, PROFILES } from './provider/profiles.js';
export { createProviderCore } from './provider/provider.js';
export type { MockProviderOptions } from './provider/provider-options.js';
export type { MockProviderCore } from './provider/provider-types.js';
export type { LinkStyle, MockQuirks, QuirkChanges, ResolvedQuirks } from './provider/quirks.js';
export type { RateLimitOptions } from './provider/rate-limiter.js';
export { LEGACY_ID_PATH, REKEYED_ID_PREFIX } from './provider/rekey.js';
export {
  ALL_ROSTER_SCOPES,
  ALL_V1P2_ROSTER_SCOPES,
  ONEROSTER_V1P1_SCOPES,
  ONEROSTER_V1P2_SCOPES,
  type RosterScopes,
} from './provider/scopes.js';
export type { MockProviderStats } from './provider/stats.js';
export { MOCK_VERSIONS, type MockVersion, ROSTERING_PATHS } from './provider/versions.js';
export {
  type ContractTestApi,
  describeRosterStoreContract,
  type RosterStoreFactory,
  type RosterStoreFixture,
} from './store-contract/roster-store-contract.js';
