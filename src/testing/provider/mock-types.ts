/** The framework-free request and response that the msw and node:http adapters translate. */

/** An HTTP request as the mock provider sees it. */
export interface MockRequest {
  readonly method: string;
  /** The absolute URL as received, with its query string not normalised (OAuth 1.0a signs it). */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Aborted when the client gives up; stalled responses end then. */
  readonly signal?: AbortSignal;
}

/** How a streamed body ends. */
export type MockBodyEnd =
  /** All chunks written, response complete. */
  | 'complete'
  /** The connection is destroyed after the chunks (ECONNRESET mid-body). */
  | 'reset'
  /** The response ends after the chunks although `Content-Length` announced more. */
  | 'truncate'
  /** Nothing more is written until the client aborts or the mock closes. */
  | 'stall';

/** A body written in chunks, then ended as `end` says. */
export interface MockStreamBody {
  readonly chunks: readonly string[];
  readonly end: MockBodyEnd;
  /** Bytes announced in `Content-Length`, when it differs from what is written. */
  readonly declaredLength?: number;
}

/** A response of the mock provider. */
export interface MockResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | MockStreamBody;
  /**
   * True when the mock never answered (a stalled request that the client aborted or that `close()` ended):
   * adapters drop the connection.
   */
  readonly abandoned?: boolean;
}
