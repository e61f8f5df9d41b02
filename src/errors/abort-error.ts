import { createErrorGuard } from './error-guard.js';
import { OneRosterError } from './oneroster-error.js';

/** What was aborted: a request (`method`, `url`) or a pull (`collection`). */
export interface AbortDetails {
  method?: string;
  /** Redacted request URL. */
  url?: string;
  collection?: string;
  /** The signal's reason, kept as the error's `cause`. */
  reason: unknown;
}

/**
 * The caller aborted: the client's `signal`, or a call's (`list`, `get`, `pages`, `request`). Thrown
 * instead of the signal's raw reason (a `DOMException`, or whatever was passed to `abort()`), which is
 * kept as `cause`. Its `name` is `'AbortError'`, as a `DOMException`'s is, so code that checks the
 * name keeps working. Not retried. A `break` out of `for await` ends a pull without any error.
 */
export class AbortError extends OneRosterError {
  static override readonly kind = 'AbortError';
  readonly method: string | undefined;
  /** Redacted request URL, when a request was aborted. */
  readonly url: string | undefined;
  readonly collection: string | undefined;

  constructor(details: AbortDetails) {
    const what =
      details.method !== undefined && details.url !== undefined
        ? `${details.method} ${details.url}`
        : details.collection !== undefined
          ? `The ${details.collection} pull`
          : 'The request';
    super(`${what} was aborted by the caller`, { cause: details.reason });
    this.method = details.method;
    this.url = details.url;
    this.collection = details.collection;
  }
}

/** True when the caller's signal aborted the call (the signal's reason is the error's `cause`). */
export const isAbortError = createErrorGuard(AbortError);
