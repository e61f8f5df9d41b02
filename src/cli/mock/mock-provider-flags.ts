import type { DistrictPreset } from '../../testing/district/district-options.js';
import type { MockAuthOptions } from '../../testing/provider/auth-types.js';
import type { MockServerOptions } from '../../testing/provider/node-server.js';
import type { MockProfile } from '../../testing/provider/profiles.js';
import type { MockVersion } from '../../testing/provider/versions.js';
import { UsageError } from '../usage-error.js';
import { parseQuirks } from './parse-quirks.js';

/** Flags that describe a mock provider, shared by `serve-mock` (and the parsing of `demo --size`). */
export const MOCK_PROVIDER_OPTIONS = {
  size: { type: 'string' },
  seed: { type: 'string' },
  auth: { type: 'string' },
  'oneroster-version': { type: 'string' },
  profile: { type: 'string' },
  quirk: { type: 'string', multiple: true },
  'latency-ms': { type: 'string' },
  'rate-limit': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  prefix: { type: 'string' },
} as const;

type MockProviderValues = {
  size?: string | undefined;
  seed?: string | undefined;
  auth?: string | undefined;
  'oneroster-version'?: string | undefined;
  profile?: string | undefined;
  quirk?: string[] | undefined;
  'latency-ms'?: string | undefined;
  'rate-limit'?: string | undefined;
  port?: string | undefined;
  host?: string | undefined;
  prefix?: string | undefined;
};

/** The district sizes the CLI offers (`largest` is left to code: it is millions of records). */
export function parseSize(value: string | undefined, fallback: DistrictPreset): DistrictPreset {
  if (value === undefined) return fallback;
  if (value === 'tiny' || value === 'small' || value === 'large') return value;
  throw new UsageError('--size must be tiny, small or large');
}

function number(value: string | undefined, flag: string, check: (n: number) => boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!check(parsed)) throw new UsageError(`--${flag} has an invalid value: ${value}`);
  return parsed;
}

function parseAuth(value: string | undefined): MockAuthOptions {
  switch (value ?? 'oauth2') {
    case 'oauth2':
      return { type: 'oauth2' };
    case 'oauth1':
      return { type: 'oauth1' };
    case 'bearer':
      return { type: 'bearer' };
    case 'none':
      return { type: 'none' };
    default:
      throw new UsageError('--auth must be oauth2, oauth1, bearer or none');
  }
}

function parseVersion(value: string | undefined): MockVersion | undefined {
  if (value === undefined || value === '1.1' || value === '1.2') return value;
  throw new UsageError(`--oneroster-version must be 1.1 or 1.2, not ${value}`);
}

function parseProfile(value: string | undefined): MockProfile | undefined {
  if (value === undefined || value === 'edfi') return value;
  throw new UsageError(`--profile must be edfi, not ${value}`);
}

/** What the flags ask of the mock: its district and server options. */
export interface MockProviderSettings {
  preset: DistrictPreset;
  seed: number;
  server: Omit<MockServerOptions, 'district'>;
}

/** Reads the mock provider's flags. */
export function parseMockProviderFlags(values: MockProviderValues): MockProviderSettings {
  const seed = number(values.seed, 'seed', Number.isInteger) ?? 1;
  const port = number(values.port, 'port', (n) => Number.isInteger(n) && n >= 0 && n < 65_536);
  const latencyMs = number(values['latency-ms'], 'latency-ms', (n) => n >= 0);
  const rate = number(values['rate-limit'], 'rate-limit', (n) => n > 0);
  const version = parseVersion(values['oneroster-version']);
  const profile = parseProfile(values.profile);
  return {
    preset: parseSize(values.size, 'small'),
    seed,
    server: {
      auth: parseAuth(values.auth),
      // Given with a profile, the version and quirks override the profile's (docs/testing.md, Profiles).
      ...(version === undefined ? {} : { version }),
      ...(profile === undefined ? {} : { profile }),
      quirks: parseQuirks(values.quirk ?? []),
      ...(port === undefined ? {} : { port }),
      ...(values.host ? { host: values.host } : {}),
      ...(values.prefix ? { prefix: values.prefix } : {}),
      ...(latencyMs === undefined ? {} : { latencyMs }),
      ...(rate === undefined ? {} : { rateLimit: { requestsPerSecond: rate } }),
    },
  };
}
