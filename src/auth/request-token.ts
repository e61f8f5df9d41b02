import { TokenError } from '../errors/token-error.js';
import type { AuthContext } from './auth-strategy.js';
import { type GrantedToken, parseTokenResponse, type TokenResponseSource } from './parse-token-response.js';

/** One client credentials grant request (RFC 6749 4.4.2), ready to send. */
export interface TokenRequest extends TokenResponseSource {
  /** The token URL as configured; `tokenUrl` is its redacted form, for errors. */
  url: string;
  headers: Record<string, string>;
  /** The form-encoded body. */
  body: string;
}

/** A system error code such as `ECONNREFUSED`: safe to show, unlike a message that may quote the request. */
const SYSTEM_ERROR_CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

function readCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
  const { code } = value;
  return typeof code === 'string' && SYSTEM_ERROR_CODE.test(code) ? code : undefined;
}

function describeFailure(error: unknown): string {
  // undici reports `TypeError: fetch failed` and keeps the system error in `cause`.
  const code = readCode(error instanceof Error ? error.cause : undefined) ?? readCode(error);
  return code ? `network error (${code})` : 'network error';
}

/**
 * Sends the token request and parses the answer. The timeout covers the headers and the body and runs
 * on the context's clock, so tests with a fake clock never wait. An abort of `signal` (every waiting
 * caller gave up) rejects with the signal's reason; a timeout or a network failure is a TokenError
 * without status, whose message names the failure but never quotes the underlying error.
 */
export async function requestToken(
  request: TokenRequest,
  context: AuthContext,
  signal: AbortSignal,
): Promise<GrantedToken> {
  const { clock, timeoutMs } = context;
  // Called unbound: browsers' fetch throws "Illegal invocation" when `this` is not the global object.
  const { fetch } = context;
  const controller = new AbortController();
  const stopTimer = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
    clock.sleep(timeoutMs, stopTimer.signal).then(
      () => {
        timedOut = true;
        controller.abort(new Error('token request timed out'));
      },
      () => undefined,
    );
  }

  let status: number;
  let text: string;
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const reason = timedOut ? `timed out after ${timeoutMs} ms` : describeFailure(error);
    throw new TokenError({ tokenUrl: request.tokenUrl, reason });
  } finally {
    stopTimer.abort();
    signal.removeEventListener('abort', onAbort);
  }
  return parseTokenResponse(status, text, request);
}
