import { bearerToken } from '../auth/bearer-token.js';
import { oauth1 } from '../auth/oauth1.js';
import { oauth2ClientCredentials } from '../auth/oauth2-client-credentials.js';
import type { ClientOptions } from '../base/options.js';
import { createOneRosterClient, type OneRosterClient } from '../client/create-client.js';
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

type ConnectionValues = { [K in keyof typeof CONNECTION_OPTIONS]?: string | undefined };

/** A flag wins over its environment variable (`--client-id` over `ONEROSTER_CLIENT_ID`). */
function pick(
  values: ConnectionValues,
  env: NodeJS.ProcessEnv,
  flag: keyof ConnectionValues,
): string | undefined {
  const variable = `ONEROSTER_${flag.toUpperCase().replace(/-/g, '_')}`;
  const value = values[flag] ?? env[variable];
  return value === undefined || value === '' ? undefined : value;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined) {
    const variable = `ONEROSTER_${flag.toUpperCase().replace(/-/g, '_')}`;
    throw new UsageError(`missing --${flag} (or ${variable})`);
  }
  return value;
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`--${flag} must be a positive integer`);
  return number;
}

/** Builds the auth strategy and client the flags and environment describe. Secrets stay inside the strategy. */
export function connect(
  values: ConnectionValues,
  env: NodeJS.ProcessEnv,
  extra: Partial<ClientOptions> = {},
): OneRosterClient {
  const baseUrl = required(pick(values, env, 'base-url'), 'base-url');
  const kind = pick(values, env, 'auth') ?? 'oauth2';
  const auth = (() => {
    switch (kind) {
      case 'oauth2': {
        const clientAuth = pick(values, env, 'client-auth') ?? 'basic';
        if (clientAuth !== 'basic' && clientAuth !== 'body')
          throw new UsageError('--client-auth must be basic or body');
        const scope = pick(values, env, 'scope');
        return oauth2ClientCredentials({
          tokenUrl: required(pick(values, env, 'token-url'), 'token-url'),
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
  const pageSize = positiveInteger(pick(values, env, 'page-size'), 'page-size');
  const concurrency = positiveInteger(pick(values, env, 'concurrency'), 'concurrency');
  const rate = pick(values, env, 'requests-per-second');
  const requestsPerSecond = rate === undefined ? undefined : Number(rate);
  if (requestsPerSecond !== undefined && !(requestsPerSecond > 0)) {
    throw new UsageError('--requests-per-second must be a positive number');
  }
  const retriesText = pick(values, env, 'retries');
  const retries = retriesText === undefined ? undefined : Number(retriesText);
  if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) {
    throw new UsageError('--retries must be a whole number');
  }
  const stableSort = pick(values, env, 'stable-sort');
  if (stableSort !== undefined && stableSort !== 'true' && stableSort !== 'false') {
    throw new UsageError('--stable-sort must be true or false');
  }
  return createOneRosterClient({
    baseUrl,
    auth,
    userAgent: 'oneroster-cli',
    ...(pageSize ? { pageSize } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(requestsPerSecond ? { requestsPerSecond } : {}),
    ...(retries === undefined ? {} : { retry: { retries } }),
    // For providers that answer sort=sourcedId with an error (oneroster doctor tells).
    ...(stableSort === 'false' ? { stableSort: false } : {}),
    ...extra,
  });
}
