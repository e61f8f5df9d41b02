import {
  type AnyOneRosterClient,
  type AuthStrategy,
  bearerToken,
  type ClientOptions,
  createOneRosterClient,
  oauth1,
  oauth2ClientCredentials,
} from '../index.js';
import type { RequestLimits } from './connection-types.js';
import type { StoredAuthSettings, StoredSettings } from './stored-connection.js';

/** Client options a caller of `clientFor` may add: everything but what the connection decides. */
export type ClientForOptions = Omit<Partial<ClientOptions>, 'baseUrl' | 'auth'>;

function authOf(auth: StoredAuthSettings, secret: string): AuthStrategy {
  switch (auth.type) {
    case 'oauth2-client-credentials':
      return oauth2ClientCredentials({
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        clientSecret: secret,
        ...(auth.scope === undefined ? {} : { scope: auth.scope }),
        ...(auth.clientAuth === undefined ? {} : { clientAuth: auth.clientAuth }),
      });
    case 'oauth1':
      return oauth1({
        consumerKey: auth.consumerKey,
        consumerSecret: secret,
        ...(auth.signatureMethod === undefined ? {} : { signatureMethod: auth.signatureMethod }),
      });
    case 'bearer':
      return bearerToken(secret);
  }
}

/** The lower of two limits, so a caller can tighten the connection's limits but never loosen them. */
function lower(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

/**
 * The one place a connection becomes a client. The secret is handed to the auth strategy, which
 * keeps it in its closure; it is in no option the client exposes.
 * The client speaks the connection's OneRoster version, so a 1.2 connection reads 1.2 records.
 */
export function buildClient(
  settings: StoredSettings,
  secret: string,
  limits: RequestLimits,
  extra: ClientForOptions,
): AnyOneRosterClient {
  const concurrency = lower(limits.concurrency, extra.concurrency);
  const requestsPerSecond = lower(limits.requestsPerSecond, extra.requestsPerSecond);
  const { concurrency: _concurrency, requestsPerSecond: _requestsPerSecond, ...rest } = extra;
  return createOneRosterClient({
    ...rest,
    baseUrl: settings.baseUrl,
    version: settings.version,
    auth: authOf(settings.auth, secret),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
  });
}
