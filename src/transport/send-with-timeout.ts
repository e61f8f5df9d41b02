import type { Clock } from '../client/clock.js';
import { NetworkError } from '../errors/network-error.js';
import { redactUrl } from '../errors/redact.js';
import { type HttpExchange, sendHttpRequest } from './send-http-request.js';

/** Reads a system error code such as ECONNRESET from fetch's error or its cause. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A custom fetch may quote the URL in its message: keep only its redacted form. */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : 'request failed';
  return message.replace(/https?:\/\/\S+/g, (url) => redactUrl(url));
}

/**
 * Sends one request whose timeout covers the headers and the whole body (a stalled body is as
 * dead as stalled headers). The timer runs on the injected clock. A caller's abort is rethrown
 * as is; a timeout or a transport failure becomes a NetworkError that carries no secret.
 */
export async function sendWithTimeout(request: {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
  fetch: typeof globalThis.fetch;
  clock: Clock;
  timeoutMs: number;
}): Promise<HttpExchange> {
  const controller = new AbortController();
  const stopTimer = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (request.signal?.aborted) onCallerAbort();
  request.clock.sleep(request.timeoutMs, stopTimer.signal).then(
    () => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    },
    () => {},
  );
  try {
    return await sendHttpRequest({ ...request, signal: controller.signal });
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    const code = errorCode(error);
    throw new NetworkError({
      method: 'GET',
      url: redactUrl(request.url),
      timedOut,
      ...(code ? { code } : {}),
      ...(timedOut ? {} : { reason: describeFailure(error) }),
    });
  } finally {
    stopTimer.abort();
    request.signal?.removeEventListener('abort', onCallerAbort);
  }
}
