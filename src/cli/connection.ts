import { bearerToken } from '../auth/bearer-token.js';
import { oauth1 } from '../auth/oauth1.js';
import { oauth2ClientCredentials } from '../auth/oauth2-client-credentials.js';
import type { ClientOptions } from '../base/options.js';
import {
  type AnyOneRosterClient,
  createOneRosterClient,
  type OneRosterClient,
  type OneRosterClientOf,
} from '../client/create-client.js';
import { ONEROSTER_VERSIONS, type OneRosterVersion } from '../models/versions.js';
import { UsageError } from './usage-error.js';

/** Connection flags shared by every command that talks to a provider. */
export const CONNECTION_OPTIONS = {
  'base-url': { type: 'string' },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  token: { type: 'string' },
  auth: { type: 'string' },
  scope: { type: 'string' },
  'client-auth': { type: 'string' },
  'page-size': { type: 'string' },
  concurrency: { type: 'string' },
  'requests-per-second': { type: 'string' },
  retries: { type: 'string' },
  'stable-sort': { type: 'string' },
} as const;

/** The connection flags in `--help` (main and each command that connects); docs/cli.md lists the same. */
export const CONNECTION_HELP = `Connection options of sync, pull and doctor (flags win over the environment):
  --base-url URL          ONEROSTER_BASE_URL            the whole base, e.g. https://sis.example.org/ims/oneroster/v1p1
  --auth KIND             ONEROSTER_AUTH                oauth2 (default), oauth1 or bearer
  --token-url URL         ONEROSTER_TOKEN_URL           OAuth 2.0 token endpoint
  --client-id ID          ONEROSTER_CLIENT_ID           OAuth 2.0 client id, or OAuth 1.0a consumer key
  --client-secret S       ONEROSTER_CLIENT_SECRET       OAuth 2.0 client secret, or OAuth 1.0a consumer secret
  --token T               ONEROSTER_TOKEN               static bearer token (--auth bearer)
  --scope SCOPES          ONEROSTER_SCOPE               OAuth 2.0 scopes, space-separated
  --client-auth MODE      ONEROSTER_CLIENT_AUTH         basic (default) or body
  --page-size N           ONEROSTER_PAGE_SIZE           records per page (default 1,000)
  --concurrency N         ONEROSTER_CONCURRENCY         requests in flight (default 4)
  --requests-per-second N ONEROSTER_REQUESTS_PER_SECOND request rate ceiling (default none)
  --retries N             ONEROSTER_RETRIES             retries per request (default 5)
  --stable-sort MODE      ONEROSTER_STABLE_SORT         ask for sort=sourcedId: true (default), false for
                                                        providers that refuse it, or auto to drop it where
                                                        the provider's own order is sourcedId's
Prefer the environment for secrets: flags show up in the shell history and the process list.`;

/**
 * `--oneroster-version`, for every command that speaks to (or as) a provider of a OneRoster version:
 * spread it into the command's options and read it with {@link readOneRosterVersion}, so each
 * command has the same flag, variable, default and messages.
 */
export const ONEROSTER_VERSION_OPTION = { 'oneroster-version': { type: 'string' } } as const;

/**
 * The flag's variable. Named by hand: the rule of the connection flags (ONEROSTER_ + the flag) would
 * give ONEROSTER_ONEROSTER_VERSION.
 */
export const ONEROSTER_VERSION_VARIABLE = 'ONEROSTER_VERSION';

/** The flag's line in a command's `--help`; docs/cli.md lists the same in the command's table. */
export const ONEROSTER_VERSION_HELP = `  --oneroster-version V  ${ONEROSTER_VERSION_VARIABLE}  the provider's OneRoster version: 1.1 (default) or 1.2`;

/**
 * The OneRoster version `--oneroster-version` (or ONEROSTER_VERSION) names, 1.1 when neither does.
 * @throws UsageError for another value
 */
export function readOneRosterVersion(
  values: { readonly 'oneroster-version'?: string | undefined },
  env: NodeJS.ProcessEnv,
): OneRosterVersion {
  const setting = versionSetting(values, env);
  return setting?.value ?? '1.1';
}

/**
 * The OneRoster version `--oneroster-version` (or ONEROSTER_VERSION) names, undefined when neither
 * does: for a command that acts differently when the user did not say (the doctor detects it).
 * @throws UsageError for another value
 */
export function readGivenOneRosterVersion(
  values: { readonly 'oneroster-version'?: string | undefined },
  env: NodeJS.ProcessEnv,
): OneRosterVersion | undefined {
  return versionSetting(values, env)?.value;
}

function versionSetting(
  values: { readonly 'oneroster-version'?: string | undefined },
  env: NodeJS.ProcessEnv,
): { value: OneRosterVersion; source: string } | undefined {
  const flag = values['oneroster-version'];
  const variable = env[ONEROSTER_VERSION_VARIABLE];
  const [given, source] =
    flag !== undefined && flag !== ''
      ? [flag, '--oneroster-version']
      : variable !== undefined && variable !== ''
        ? [variable, ONEROSTER_VERSION_VARIABLE]
        : [undefined, ''];
  if (given === undefined) return undefined;
  const value = ONEROSTER_VERSIONS.find((version) => version === given);
  if (value === undefined) throw new UsageError(`${source} must be 1.1 or 1.2, not ${given}`);
  return { value, source };
}

/** The path segment a base URL of each version ends in (spec base paths). */
const VERSION_SEGMENTS: { readonly [V in OneRosterVersion]: string } = { '1.1': 'v1p1', '1.2': 'v1p2' };

/**
 * Refuses a base URL of the other version in the command line's terms: the client would refuse it
 * too, but name its `version` option rather than the flag.
 */
function checkBaseUrlVersion(baseUrl: string, version: OneRosterVersion, source: string | undefined): void {
  const last = new URL(baseUrl).pathname.replace(/\/+$/, '').split('/').pop()?.toLowerCase();
  for (const other of ONEROSTER_VERSIONS) {
    if (other === version || last !== VERSION_SEGMENTS[other]) continue;
    throw new UsageError(
      source === undefined
        ? `--base-url ends in /${last}, a OneRoster ${other} path: pass --oneroster-version ${other} (or ${ONEROSTER_VERSION_VARIABLE}=${other})`
        : `--base-url ends in /${last}, a OneRoster ${other} path, but ${source} is ${version}`,
    );
  }
}

type ConnectionFlag = keyof typeof CONNECTION_OPTIONS;
type ConnectionValues = { [K in ConnectionFlag]?: string | undefined };

/** A shape of base URL a person recognises, for the message about a malformed one. */
const BASE_URL_EXAMPLE = 'https://sis.example.org/ims/oneroster/v1p1';

function variableOf(flag: ConnectionFlag): string {
  return `ONEROSTER_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** A setting and where it came from: a flag wins over its environment variable. */
interface Setting {
  value: string;
  /** `--client-id` or `ONEROSTER_CLIENT_ID`, for messages. */
  source: string;
}

function pick(values: ConnectionValues, env: NodeJS.ProcessEnv, flag: ConnectionFlag): Setting | undefined {
  const given = values[flag];
  if (given !== undefined && given !== '') return { value: given, source: `--${flag}` };
  const variable = env[variableOf(flag)];
  return variable === undefined || variable === ''
    ? undefined
    : { value: variable, source: variableOf(flag) };
}

function required(setting: Setting | undefined, flag: ConnectionFlag): string {
  if (setting === undefined) throw new UsageError(`missing --${flag} (or ${variableOf(flag)})`);
  return setting.value;
}

function httpUrl(setting: Setting | undefined, flag: ConnectionFlag, example: string): string {
  const value = required(setting, flag);
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(`${setting?.source} must be an absolute http(s) URL, e.g. ${example}`);
  }
  return value;
}

function wholeNumber(setting: Setting | undefined, minimum: 0 | 1): number | undefined {
  if (setting === undefined) return undefined;
  const number = Number(setting.value);
  if (!Number.isInteger(number) || number < minimum) {
    const kind = minimum === 1 ? 'a positive whole number' : 'a whole number (0 or more)';
    throw new UsageError(`${setting.source} must be ${kind}, not ${setting.value}`);
  }
  return number;
}

/**
 * Builds the auth strategy and client the flags and environment describe. Secrets stay inside the
 * strategy. With `values` holding `--oneroster-version` (commands that spread
 * {@link ONEROSTER_VERSION_OPTION}), the client speaks the version it names; 1.1 otherwise.
 */
export function connect(
  values: ConnectionValues,
  env: NodeJS.ProcessEnv,
  extra?: Partial<ClientOptions>,
): OneRosterClient;
export function connect<V extends OneRosterVersion>(
  values: ConnectionValues,
  env: NodeJS.ProcessEnv,
  extra: Partial<ClientOptions>,
  version: V,
): OneRosterClientOf<V>;
export function connect(
  values: ConnectionValues & { readonly 'oneroster-version'?: string | undefined },
  env: NodeJS.ProcessEnv,
  extra: Partial<ClientOptions> = {},
  version: OneRosterVersion = '1.1',
): AnyOneRosterClient {
  const baseUrl = httpUrl(pick(values, env, 'base-url'), 'base-url', BASE_URL_EXAMPLE);
  const setting = versionSetting(values, env);
  checkBaseUrlVersion(baseUrl, version, setting?.value === version ? setting.source : undefined);
  const kind = pick(values, env, 'auth')?.value ?? 'oauth2';
  const auth = (() => {
    switch (kind) {
      case 'oauth2': {
        const clientAuth = pick(values, env, 'client-auth')?.value ?? 'basic';
        if (clientAuth !== 'basic' && clientAuth !== 'body')
          throw new UsageError('--client-auth must be basic or body');
        const scope = pick(values, env, 'scope')?.value;
        return oauth2ClientCredentials({
          tokenUrl: httpUrl(
            pick(values, env, 'token-url'),
            'token-url',
            'https://sis.example.org/oauth/token',
          ),
          clientId: required(pick(values, env, 'client-id'), 'client-id'),
          clientSecret: required(pick(values, env, 'client-secret'), 'client-secret'),
          clientAuth,
          ...(scope ? { scope } : {}),
        });
      }
      case 'oauth1':
        return oauth1({
          consumerKey: required(pick(values, env, 'client-id'), 'client-id'),
          consumerSecret: required(pick(values, env, 'client-secret'), 'client-secret'),
        });
      case 'bearer':
        return bearerToken(required(pick(values, env, 'token'), 'token'));
      default:
        throw new UsageError(`--auth must be oauth2, oauth1 or bearer, not ${kind}`);
    }
  })();
  const pageSize = wholeNumber(pick(values, env, 'page-size'), 1);
  const concurrency = wholeNumber(pick(values, env, 'concurrency'), 1);
  const rate = pick(values, env, 'requests-per-second');
  const requestsPerSecond = rate === undefined ? undefined : Number(rate.value);
  if (rate !== undefined && !(requestsPerSecond !== undefined && requestsPerSecond > 0)) {
    throw new UsageError(`${rate.source} must be a positive number, not ${rate.value}`);
  }
  const retries = wholeNumber(pick(values, env, 'retries'), 0);
  const stableSort = pick(values, env, 'stable-sort');
  if (stableSort !== undefined && !['true', 'false', 'auto'].includes(stableSort.value)) {
    throw new UsageError(`${stableSort.source} must be true, false or auto, not ${stableSort.value}`);
  }
  return createOneRosterClient({
    baseUrl,
    auth,
    userAgent: 'oneroster-cli',
    ...(pageSize ? { pageSize } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(requestsPerSecond ? { requestsPerSecond } : {}),
    ...(retries === undefined ? {} : { retry: { retries } }),
    // false for providers that answer sort=sourcedId with an error, auto for those that sort in
    // memory (oneroster doctor tells both).
    ...(stableSort === undefined ? {} : { stableSort: readStableSort(stableSort.value) }),
    ...extra,
    version,
  });
}

/** `--stable-sort` as the client's option (the value is checked already). */
function readStableSort(value: string): boolean | 'auto' {
  return value === 'auto' ? 'auto' : value === 'true';
}
