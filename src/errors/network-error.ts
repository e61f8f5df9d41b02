import { createErrorGuard } from './error-guard.js';
import { OneRosterError } from './oneroster-error.js';

/** The request never got a complete answer: DNS, refused or reset connection, or a timeout. */
export class NetworkError extends OneRosterError {
  static override readonly kind = 'NetworkError';
  readonly method: string;
  /** Redacted request URL. */
  readonly url: string;
  /** True when the per-request `timeoutMs` elapsed (headers or body stalled). */
  readonly timedOut: boolean;
  /** The system error code where there is one, e.g. `ECONNRESET`. */
  readonly code: string | undefined;

  constructor(details: { method: string; url: string; timedOut: boolean; code?: string; reason?: string }) {
    const what = details.timedOut ? 'timed out' : `failed${details.code ? ` (${details.code})` : ''}`;
    super(`${details.method} ${details.url} ${what}${details.reason ? `: ${details.reason}` : ''}`);
    this.method = details.method;
    this.url = details.url;
    this.timedOut = details.timedOut;
    this.code = details.code;
  }
}

/** True for a connection failure or timeout. */
export const isNetworkError = createErrorGuard(NetworkError);
