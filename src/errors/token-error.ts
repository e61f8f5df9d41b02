import { createErrorGuard } from './error-guard.js';
import { OneRosterError } from './oneroster-error.js';

/** What the token endpoint said, never the credentials sent to it. */
export interface TokenErrorDetails {
  /** Redacted token endpoint URL. */
  tokenUrl: string;
  /** HTTP status of the token response; absent when the endpoint could not be reached. */
  status?: number;
  /** The OAuth `error` code, e.g. `invalid_client`. */
  error?: string;
  /** The OAuth `error_description`. */
  errorDescription?: string;
  /** Why the response could not be used, when it was not an OAuth error. */
  reason?: string;
}

/** The OAuth 2.0 token endpoint refused the credentials, failed, or answered with something unusable. */
export class TokenError extends OneRosterError {
  static override readonly kind = 'TokenError';
  readonly tokenUrl: string;
  readonly status: number | undefined;
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(details: TokenErrorDetails) {
    const parts = [details.error, details.errorDescription, details.reason].filter(Boolean).join(': ');
    const status = details.status === undefined ? '' : ` with HTTP ${details.status}`;
    super(`Token request to ${details.tokenUrl} failed${status}${parts ? ` (${parts})` : ''}`);
    this.tokenUrl = details.tokenUrl;
    this.status = details.status;
    this.error = details.error;
    this.errorDescription = details.errorDescription;
  }
}

/** True for a failed OAuth 2.0 token request. */
export const isTokenError = createErrorGuard(TokenError);
