import pRetry from 'p-retry';
import type { AuthContext } from '../base/auth-strategy.js';
import type { OneRosterEvent } from '../base/events.js';
import type { HttpExchange, HttpTransport } from '../base/http-exchange.js';
import type { ResolvedClientOptions } from '../base/options.js';
import { AbortError } from '../errors/abort-error.js';
import { isProtocolError } from '../errors/guards.js';
import { type OneRosterHttpError, toHttpError } from '../errors/http-errors.js';
import { redactUrl, type SentValues, secretsOfHeaders } from '../errors/redact.js';
import { parseStatusInfo } from '../errors/status-info.js';
import { buildUrl, type QueryParameters } from './build-url.js';
import { attemptHeaders, type ResolvedCall, resolveCall } from './call-options.js';
import { createHttpTransport } from './http-transport.js';
import { letRequestsGoOut } from './let-requests-go-out.js';
import { linkSignals } from './link-signals.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { readJsonBody, tryReadJson } from './read-json-body.js';
import { parseRetryAfterMs } from './retry-after.js';
import { retryDelayMs } from './retry-policy.js';

/** One GET against the provider, relative to the client's base URL. */
export interface JsonRequest<T> {
  /** Raw path segments after the base URL, e.g. `['schools', schoolId, 'classes']`. */
  path: readonly string[];
  /** Query parameters in wire order. */
  query?: QueryParameters;
  signal?: AbortSignal;
  /** The call's timeout, retry and headers ({@link resolveCall}); the client's when absent. */
  call?: ResolvedCall;
  /** The collection and record read, carried by errors. */
  collection?: string;
  sourcedId?: string;
  /**
   * Reads the parsed body inside the retried attempt: a ProtocolError thrown here (a 200 with an
   * error envelope, say) retries the request like any other transient failure.
   */
  read?: (body: unknown, exchange: HttpExchange, context: ReadContext) => T;
  /**
   * Called when a 2xx body has arrived and the limiter slot is free, before the body is parsed: a
   * pager sends its next request from here, so the provider works while this page is parsed.
   * Returns true when it sent one.
   */
  onBodyReceived?: () => boolean;
}

/** Where a body came from, for the errors `read` throws (the URL is redacted). */
export interface ReadContext {
  method: string;
  url: string;
  collection: string;
  /**
   * What this request sent that the provider may echo (its credentials, its filter): every status
   * description read from the body is scrubbed of it (`parseStatusInfo(body, sent)`).
   */
  sent: SentValues;
}

/** A successful exchange and what `read` made of its body. */
export interface JsonResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

/** Sends requests through the client's limiter, auth, timeout and the single retry layer. */
export interface RequestExecutor {
  requestJson<T = unknown>(request: JsonRequest<T>): Promise<JsonResponse<T>>;
  readonly limiter: RateLimiter;
  /** The one HTTP path, which token requests share. */
  readonly transport: HttpTransport;
  emit(event: OneRosterEvent): void;
}

/** An attempt's exchange and the credentials it was sent with (to scrub them from what comes back). */
interface AuthorizedExchange {
  exchange: HttpExchange;
  authHeaders: Record<string, string>;
}

/** One request across its attempts: what every attempt sends, and the budget they share. */
interface RequestInFlight<T> {
  readonly request: JsonRequest<T>;
  readonly url: string;
  /** The URL as errors and events show it. */
  readonly redacted: string;
  readonly requestId: number;
  readonly signal: AbortSignal | undefined;
  readonly call: ResolvedCall;
  /** When the first attempt's exchange began, on the client's clock: the retry budget runs from it. */
  startedAt: number | undefined;
}

/**
 * A retry event's reason: the failing status, or the error's name. A ProtocolError's status is the
 * 2xx it came with, which says nothing about why the attempt failed.
 */
function retryReason(error: Error): string {
  const status = 'status' in error ? error.status : undefined;
  return typeof status === 'number' && !isProtocolError(error) ? String(status) : error.name;
}

export function createRequestExecutor(options: ResolvedClientOptions): RequestExecutor {
  const { clock, auth } = options;
  const limiter = createRateLimiter(options);
  const transport = createHttpTransport(options);
  const clientCall = resolveCall(options);
  let lastRequestId = 0;

  function emit(event: OneRosterEvent): void {
    try {
      options.onEvent?.(event);
    } catch {
      // A faulty listener must not break a pull.
    }
  }

  /** This attempt's timeout: the call's, cut to what is left of the request's budget. */
  function attemptTimeoutMs(flight: RequestInFlight<unknown>): number {
    flight.startedAt ??= clock.now();
    const leftMs = Math.max(1, flight.call.retry.maxElapsedMs - (clock.now() - flight.startedAt));
    return Math.min(flight.call.timeoutMs, leftMs);
  }

  /** The caller's headers count as secrets too: a gateway key echoed by the provider is scrubbed. */
  function sentBy(flight: RequestInFlight<unknown>, authHeaders: Record<string, string>): SentValues {
    return {
      secrets: [...secretsOfHeaders(authHeaders), ...secretsOfHeaders(flight.call.headers)],
      filter: String(flight.request.query?.['filter'] ?? ''),
    };
  }

  /**
   * One attempt's HTTP exchange, run in a limiter slot: authorisation, the request with its whole
   * body, the 401 replay, and a non-2xx turned into its typed error (a 429 pauses the limiter before
   * the slot frees, so no queued request slips out first). Parsing the body is left to the caller.
   */
  async function exchangeOnce(
    flight: RequestInFlight<unknown>,
    attemptNumber: number,
  ): Promise<AuthorizedExchange> {
    const { url, redacted, requestId, signal } = flight;
    const authContext: AuthContext = {
      send: transport,
      clock,
      userAgent: options.userAgent,
      emit,
      ...(signal ? { signal } : {}),
    };
    let replayed = false;
    for (;;) {
      const authHeaders = await auth.authorize({ method: 'GET', url }, authContext);
      const startedAt = clock.now();
      emit({
        type: 'request',
        requestId,
        attempt: attemptNumber,
        method: 'GET',
        url: redacted,
        time: startedAt,
      });
      const emitResponse = (outcome: { status: number } | { error: string } | { cancelled: true }): void =>
        emit({
          type: 'response',
          requestId,
          attempt: attemptNumber,
          method: 'GET',
          url: redacted,
          durationMs: clock.now() - startedAt,
          ...outcome,
        });
      const ownHeaders = { accept: 'application/json', 'user-agent': options.userAgent };
      const headers = attemptHeaders(ownHeaders, flight.call, authHeaders);
      let exchange: HttpExchange;
      try {
        exchange = await transport({
          method: 'GET',
          url,
          headers,
          signal,
          timeoutMs: attemptTimeoutMs(flight),
          // OAuth 1.0a signs the URL: a same-origin redirect's next hop needs its own signature.
          headersForRedirect: (next) => auth.authorize({ method: 'GET', url: next }, authContext),
        });
      } catch (error) {
        // An abort is no failure: the pull that sent it has ended, or its caller stopped it.
        emitResponse(
          signal?.aborted ? { cancelled: true } : { error: error instanceof Error ? error.name : 'Error' },
        );
        throw error;
      }
      emitResponse({ status: exchange.status });

      // spec practice: a 401 may only mean the token expired early; refresh once and replay.
      if (exchange.status === 401 && !replayed && auth.onUnauthorized) {
        replayed = true;
        if (await auth.onUnauthorized(authHeaders, authContext)) continue;
      }
      if (exchange.status < 200 || exchange.status >= 300) {
        throw httpErrorOf(exchange, flight, authHeaders);
      }
      return { exchange, authHeaders };
    }
  }

  /**
   * One attempt: the exchange in a limiter slot, then the body parsed and read outside it, so the
   * next request goes out while this page is parsed (at concurrency 1, JSON.parse of a page held the
   * only slot for milliseconds). A ProtocolError from parsing fails the attempt and is retried.
   */
  async function attempt<T>(flight: RequestInFlight<T>, attemptNumber: number): Promise<JsonResponse<T>> {
    const { request, redacted, signal } = flight;
    const { exchange, authHeaders } = await limiter.schedule(
      () => exchangeOnce(flight, attemptNumber),
      signal,
    );
    // Parsing is synchronous: let a request sent from the hook go out before it.
    if (request.onBodyReceived?.()) await letRequestsGoOut();
    const context: ReadContext = {
      method: 'GET',
      url: redacted,
      collection: request.collection ?? '',
      sent: sentBy(flight, authHeaders),
    };
    const body = readJsonBody(exchange, context);
    const data = request.read ? request.read(body, exchange, context) : (body as T);
    limiter.onSuccess();
    return { data, status: exchange.status, headers: exchange.headers };
  }

  function httpErrorOf(
    exchange: HttpExchange,
    flight: RequestInFlight<unknown>,
    authHeaders: Record<string, string>,
  ): OneRosterHttpError {
    const { request, redacted: url, requestId } = flight;
    const statusInfo = parseStatusInfo(tryReadJson(exchange.body), sentBy(flight, authHeaders));
    const retryAfterMs =
      exchange.status === 429 || exchange.status === 503
        ? parseRetryAfterMs(exchange.headers, clock.now())
        : undefined;
    if (exchange.status === 429) {
      limiter.onThrottled(retryAfterMs);
      emit({
        type: 'rate-limited',
        requestId,
        url,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        requestsPerSecond: limiter.current.requestsPerSecond,
      });
    }
    return toHttpError({
      status: exchange.status,
      method: 'GET',
      url,
      ...(statusInfo ? { statusInfo } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(request.collection ? { collection: request.collection } : {}),
      ...(request.sourcedId ? { sourcedId: request.sourcedId } : {}),
    });
  }

  async function requestJson<T>(request: JsonRequest<T>): Promise<JsonResponse<T>> {
    const url = buildUrl(options.baseUrl, request.path, request.query);
    const linked = linkSignals([options.signal, request.signal]);
    const { signal } = linked;
    const redacted = redactUrl(url);
    const requestId = ++lastRequestId;
    const call = request.call ?? clientCall;
    const flight: RequestInFlight<T> = {
      request,
      url,
      redacted,
      requestId,
      signal,
      call,
      startedAt: undefined,
    };
    try {
      return await pRetry((attemptNumber) => attempt(flight, attemptNumber), {
        retries: call.retry.retries,
        // p-retry counts attempts and stops on abort; the waits are ours, on the injected clock.
        minTimeout: 0,
        factor: 1,
        ...(signal ? { signal } : {}),
        shouldRetry: async ({ error, attemptNumber }) => {
          const delayMs = retryDelayMs(error, attemptNumber, { retry: call.retry, random: options.random });
          if (delayMs === undefined) return false;
          // The budget covers every attempt and wait: one that would end past it fails now.
          const elapsedMs = flight.startedAt === undefined ? 0 : clock.now() - flight.startedAt;
          if (elapsedMs + delayMs >= call.retry.maxElapsedMs) return false;
          emit({
            type: 'retry',
            requestId,
            attempt: attemptNumber,
            method: 'GET',
            url: redacted,
            delayMs,
            reason: retryReason(error),
          });
          await clock.sleep(delayMs, signal);
          return true;
        },
      });
    } catch (error) {
      // Whichever await the abort reached (the limiter, a token request, a retry's wait, the body),
      // the caller gets one typed error holding its reason, never the raw reason or a DOMException.
      if (signal?.aborted) throw new AbortError({ method: 'GET', url: redacted, reason: signal.reason });
      throw error;
    } finally {
      linked.unlink();
    }
  }

  return { requestJson, limiter, transport, emit };
}
