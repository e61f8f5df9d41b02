import { createErrorGuard } from './error-guard.js';
import { OneRosterError } from './oneroster-error.js';

/**
 * A response body grew past the client's `maxResponseBytes` (counted after decompression), so the
 * client stopped reading it: an endless body or a decompression bomb must not exhaust memory. Not
 * retried. Lower `pageSize` when real pages are that large, or raise `maxResponseBytes`.
 */
export class ResponseTooLargeError extends OneRosterError {
  static override readonly kind = 'ResponseTooLargeError';
  readonly method: string;
  /** Redacted request URL. */
  readonly url: string;
  readonly status: number;
  /** The limit that was passed, in bytes. */
  readonly limitBytes: number;

  constructor(details: { method: string; url: string; status: number; limitBytes: number }) {
    super(
      `${details.method} ${details.url} answered HTTP ${details.status} with a body larger than ` +
        `maxResponseBytes (${details.limitBytes} bytes); stopped reading it`,
    );
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.limitBytes = details.limitBytes;
  }
}

/** True for a response body larger than `maxResponseBytes`. */
export const isResponseTooLargeError = createErrorGuard(ResponseTooLargeError);
