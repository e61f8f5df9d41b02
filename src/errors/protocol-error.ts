import { createErrorGuard } from './error-guard.js';
import { OneRosterError } from './oneroster-error.js';
import { redactStatusInfo, type StatusInfo } from './status-info.js';

/** Why a successful-looking response could not be read as OneRoster data. */
export type ProtocolErrorReason =
  | 'invalid-json'
  | 'html-page'
  | 'error-envelope'
  | 'missing-collection'
  | 'unexpected-shape'
  | 'paging-loop'
  | 'unstable-order'
  | 'truncated';

/**
 * The provider answered 2xx with something that is not the data asked for: a body that is not JSON,
 * an HTML page, an imsx error envelope with no data, paging that does not make progress, or an order
 * that changes between requests (`unstable-order`).
 * Never read as an empty list.
 */
export class ProtocolError extends OneRosterError {
  static override readonly kind = 'ProtocolError';
  readonly reason: ProtocolErrorReason;
  readonly method: string;
  /** Redacted request URL. */
  readonly url: string;
  readonly status: number | undefined;
  /** The provider's status info, its texts redacted (see `redactText`). */
  readonly statusInfo: StatusInfo | undefined;
  readonly collection: string | undefined;

  constructor(details: {
    reason: ProtocolErrorReason;
    method: string;
    url: string;
    status?: number;
    statusInfo?: StatusInfo;
    collection?: string;
    message: string;
  }) {
    super(`${details.message} (${details.method} ${details.url})`);
    this.reason = details.reason;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    // Redacted whoever built it: the paging layer reads 200 envelopes without the request's secrets.
    this.statusInfo = details.statusInfo && redactStatusInfo(details.statusInfo);
    this.collection = details.collection;
  }
}

/** True for a 2xx answer that is not usable data. */
export const isProtocolError = createErrorGuard(ProtocolError);
