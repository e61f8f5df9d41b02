/** Options of the mock provider, shared by `createMockProvider` (msw) and `startMockServer` (node:http). */

import type { District } from '../district/district.js';
import type { MockAuthOptions } from './auth-types.js';
import type { MockFault } from './faults.js';
import type { MockProfile } from './profiles.js';
import type { MockQuirks } from './quirks.js';
import type { RateLimitOptions } from './rate-limiter.js';
import { type MockVersion, ROSTERING_PATHS } from './versions.js';

/** The rostering service path of 1.1. */
export const ROSTERING_PATH = ROSTERING_PATHS['1.1'];

/** Options of a mock provider. */
export interface MockProviderOptions {
  /**
   * The roster served. Share one district between providers to share its mutations.
   * @default generateDistrict({ preset: 'tiny' })
   */
  district?: District;
  /**
   * How requests authenticate.
   * @default { type: 'oauth2' } (client id `mock-client-id`, secret `mock-client-secret`)
   */
  auth?: MockAuthOptions;
  /**
   * The OneRoster version served: `'1.1'` under `/ims/oneroster/v1p1`, or `'1.2'` under
   * `/ims/oneroster/rostering/v1p2` with 1.2 records (users with `roles[]`), vocabularies, fields,
   * errors and scopes. One district served as both describes the same roster.
   * @default '1.1', or the profile's version
   */
  version?: MockVersion;
  /**
   * Behave like a known provider: `'edfi'` is Ed-Fi's OneRoster server (version 1.2 and
   * `EDFI_QUIRKS`). `version` and `quirks` given here override the profile's.
   */
  profile?: MockProfile;
  /** Provider quirks; every one is off by default. Change them later with `setQuirks`. */
  quirks?: MockQuirks;
  /** Faults to inject, in order; add more later with `addFault`. */
  faults?: readonly MockFault[];
  /**
   * Where the provider lives: an origin and an optional prefix (`https://sis.example.org/district-7`).
   * The rostering base is this plus the version's path (`/ims/oneroster/v1p1`,
   * `/ims/oneroster/rostering/v1p2`); a URL that already ends with either is accepted.
   * `startMockServer` takes only the prefix, from `prefix`.
   * @default 'https://oneroster.mock'
   */
  baseUrl?: string;
  /** Answer 429 past this request rate (data requests only). */
  rateLimit?: RateLimitOptions;
  /**
   * Delay before every data response, in milliseconds.
   * @default 0
   */
  latencyMs?: number;
  /**
   * The mock's clock (token expiry, OAuth 1.0a timestamps, Retry-After dates), in epoch milliseconds.
   * @default Date.now
   */
  now?: () => number;
}

/** Origin and path prefix of a provider. */
export interface ProviderLocation {
  readonly origin: string;
  readonly prefix: string;
}

/** Splits `baseUrl` into origin and prefix. */
export function locate(baseUrl = 'https://oneroster.mock'): ProviderLocation {
  const url = new URL(baseUrl);
  let prefix = url.pathname.replace(/\/+$/, '');
  for (const path of Object.values(ROSTERING_PATHS))
    if (prefix.endsWith(path)) prefix = prefix.slice(0, -path.length);
  return { origin: url.origin, prefix };
}
