/** `createMockProvider`: the provider core as msw request handlers. */
import { HttpResponse, http, type RequestHandler } from 'msw';
import type { MockResponse, MockStreamBody } from './mock-types.js';
import { createProviderCore } from './provider.js';
import type { MockProviderOptions } from './provider-options.js';
import type { MockProviderCore } from './provider-types.js';

/** A mock provider for msw: `setupServer(...provider.handlers)`. */
export interface MockProvider extends MockProviderCore {
  /** msw handlers for the provider's origin (rostering base and token endpoint). */
  readonly handlers: RequestHandler[];
}

/** A body stream that writes the chunks, then errors, stalls or ends. */
function streamOf(
  body: MockStreamBody,
  signal: AbortSignal,
  closing: AbortSignal,
  finished: () => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = (): void => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of body.chunks) controller.enqueue(encoder.encode(chunk));
      if (body.end === 'complete') {
        controller.close();
        finished();
        return;
      }
      if (body.end === 'reset' || body.end === 'truncate') {
        // Without a socket, a cut connection is a body stream that fails mid-read.
        controller.error(
          new TypeError(
            body.end === 'reset' ? 'ECONNRESET: connection reset by mock' : 'body truncated by mock',
          ),
        );
        finished();
        return;
      }
      stop = (): void => {
        signal.removeEventListener('abort', stop);
        closing.removeEventListener('abort', stop);
        finished();
        try {
          controller.error(new DOMException('stalled body ended', 'AbortError'));
        } catch {
          // The consumer already cancelled the stream.
        }
      };
      if (signal.aborted || closing.aborted) stop();
      else {
        signal.addEventListener('abort', stop, { once: true });
        closing.addEventListener('abort', stop, { once: true });
      }
    },
    cancel() {
      stop();
    },
  });
}

/** Converts a core response into a fetch Response. */
function toResponse(
  response: MockResponse,
  signal: AbortSignal,
  closing: AbortSignal,
  finished: () => void,
): Response {
  if (response.abandoned) {
    finished();
    return HttpResponse.error();
  }
  const init = { status: response.status, headers: response.headers };
  if (typeof response.body === 'string') {
    finished();
    return new HttpResponse(response.body, init);
  }
  return new HttpResponse(streamOf(response.body, signal, closing, finished), init);
}

/**
 * Creates a mock provider and its msw handlers.
 * @example
 * const provider = createMockProvider({ district: generateDistrict({ preset: 'small' }) });
 * const server = setupServer(...provider.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 */
export function createMockProvider(options: MockProviderOptions = {}): MockProvider {
  const core = createProviderCore(options);
  const closing = new AbortController();
  const escaped = core.origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const handler = http.all(new RegExp(`^${escaped}/`), async ({ request }) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const { response, finished } = await core.serve({
      method: request.method,
      url: request.url,
      headers,
      body,
      signal: request.signal,
    });
    return toResponse(response, request.signal, closing.signal, finished);
  });
  const closeCore = core.close;
  return Object.assign(core, {
    handlers: [handler],
    close: () => {
      closing.abort();
      closeCore();
    },
  });
}
