/** The public surface of a mock provider. */
import type { District } from '../district/district.js';
import type { MockFault } from './faults.js';
import type { MockRequest, MockResponse } from './mock-types.js';
import type { QuirkChanges, ResolvedQuirks } from './quirks.js';
import type { MockProviderStats } from './stats.js';
import type { MockVersion } from './versions.js';

/** A mock OneRoster 1.1 or 1.2 provider, independent of any HTTP framework. */
export interface MockProviderCore {
  /** The roster served; mutate it between pulls with `district.mutate`. */
  readonly district: District;
  /** The OneRoster version served. */
  readonly version: MockVersion;
  /** Origin, e.g. `https://oneroster.mock`. */
  readonly origin: string;
  /**
   * The rostering base URL, `{origin}{prefix}/ims/oneroster/v1p1` (1.2: `.../ims/oneroster/rostering/v1p2`):
   * what a client is configured with.
   */
  readonly baseUrl: string;
  /** The OAuth 2.0 token endpoint, `{origin}{prefix}/oauth2/token`; undefined in other auth modes. */
  readonly tokenUrl: string | undefined;
  /** OAuth 2.0 client id, or OAuth 1.0a consumer key; empty in other modes. */
  readonly clientId: string;
  /** OAuth 2.0 client secret, or OAuth 1.0a consumer secret; empty in other modes. */
  readonly clientSecret: string;
  /** The static token in `bearer` mode. */
  readonly bearerToken: string | undefined;
  /** Live statistics. */
  readonly stats: MockProviderStats;
  /** The quirks in force. */
  readonly quirks: ResolvedQuirks;
  /** Answers a request. The response counts as in flight until the returned promise settles. */
  handle(request: MockRequest): Promise<MockResponse>;
  /** Answers a request; the adapter calls `finished` once the response is fully written (stats.inFlight). */
  serve(request: MockRequest): Promise<{
    response: MockResponse;
    /** Call once the response is fully written, so `stats.inFlight` counts the whole exchange. */
    finished: () => void;
  }>;
  /** Changes quirks (merged into the current ones; pass a quirk's default, or `undefined`, to switch it off). */
  setQuirks(quirks: QuirkChanges): void;
  /** Adds a fault after the configured ones. */
  addFault(fault: MockFault): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** Revokes every issued OAuth 2.0 token. */
  revokeTokens(): void;
  /** Waits (latency, stalls) still pending; 0 after `close()`. */
  readonly pendingWaits: number;
  /** Ends every pending delay and stall, so no timer outlives the test. */
  close(): void;
}
