import { isObject } from '../base/is-object.js';
import { redactText } from '../errors/redact.js';
import { MAX_DESCRIPTION_LENGTH } from '../errors/status-info.js';
import { TokenError } from '../errors/token-error.js';

/** What a successful token response grants. */
export interface GrantedToken {
  accessToken: string;
  /** Lifetime in milliseconds, when the provider said (RFC 6749 5.1 makes `expires_in` optional). */
  expiresInMs: number | undefined;
}

/** Where the response came from, and which strings must never be copied into an error. */
export interface TokenResponseSource {
  /** Redacted token URL. */
  tokenUrl: string;
  /** The client secret and the credentials derived from it; providers have been seen echoing them. */
  secrets: readonly string[];
}

type JsonObject = Record<string, unknown>;

function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The one redaction every provider description goes through, with the grant's credentials. */
function scrub(value: unknown, secrets: readonly string[]): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  return redactText(value, { secrets }).slice(0, MAX_DESCRIPTION_LENGTH);
}

/**
 * `expires_in` is a number of seconds (RFC 6749 5.1); providers also send it as a numeric string.
 * Zero, negative or unreadable values are treated as absent: some providers send 0 to mean "no expiry".
 */
function readLifetimeMs(value: unknown): number | undefined {
  let seconds = Number.NaN;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string' && value.trim() !== '') seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * Reads a token endpoint response (RFC 6749 5.1 and 5.2). Throws a TokenError carrying the OAuth
 * `error` and `error_description` (scrubbed of the credentials) or the reason the body is unusable.
 */
export function parseTokenResponse(status: number, text: string, source: TokenResponseSource): GrantedToken {
  const body = parseJsonObject(text);
  const fail = (reason?: string): never => {
    const error = scrub(body?.['error'], source.secrets);
    const errorDescription = scrub(body?.['error_description'], source.secrets);
    throw new TokenError({
      tokenUrl: source.tokenUrl,
      status,
      ...(error === undefined ? {} : { error }),
      ...(errorDescription === undefined ? {} : { errorDescription }),
      ...(reason === undefined ? {} : { reason }),
    });
  };

  if (body === undefined) return fail('the response body is not a JSON object');
  const ok = status >= 200 && status < 300;
  // Some providers answer 200 with an OAuth error body.
  if (!ok || body['error'] !== undefined) {
    return fail(typeof body['error'] === 'string' ? undefined : 'the response has no OAuth error code');
  }

  const accessToken = body['access_token'];
  if (typeof accessToken !== 'string' || accessToken.length === 0)
    return fail('the response has no access_token');
  // RFC 6749 5.1: the type is case-insensitive. Providers that omit it issue bearer tokens.
  const tokenType = body['token_type'];
  if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')) {
    return fail('the token_type is not bearer');
  }
  return { accessToken, expiresInMs: readLifetimeMs(body['expires_in']) };
}
