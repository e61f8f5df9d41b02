/** Responses of injected faults, and the ways they spoil an otherwise good response. */
import type { MockFault } from './faults.js';
import { type ErrorShape, errorBody } from './imsx.js';
import type { MockResponse } from './mock-types.js';

const SECONDS_TO_MS = 1_000;
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' } as const;

/** A 429 with its wait in the header the fault names (`Retry-After` seconds or date, `X-RateLimit-Reset`). */
export function rateLimitResponse(
  fault: Extract<MockFault, { type: 'rateLimit' }>,
  errorShape: ErrorShape,
  nowMs: number,
): MockResponse {
  const seconds = fault.retryAfterSeconds ?? 1;
  const headers: Record<string, string> = { ...JSON_TYPE };
  const style = fault.retryAfter ?? 'seconds';
  if (style === 'seconds') headers['retry-after'] = String(seconds);
  if (style === 'httpDate') headers['retry-after'] = new Date(nowMs + seconds * SECONDS_TO_MS).toUTCString();
  if (style === 'rateLimitReset')
    headers['x-ratelimit-reset'] = String(Math.ceil(nowMs / SECONDS_TO_MS) + seconds);
  return { status: 429, headers, body: errorBody(errorShape, 'server_busy', 'too many requests') };
}

/** A fault answered instead of the data (429, 5xx, imsx error in a 200, HTML, token revoked). */
export function faultResponse(
  fault: MockFault,
  errorShape: ErrorShape,
  nowMs: number,
): MockResponse | undefined {
  switch (fault.type) {
    case 'rateLimit':
      return rateLimitResponse(fault, errorShape, nowMs);
    case 'serverError': {
      const status = fault.status ?? 503;
      const codeMinor = status === 503 ? 'server_busy' : 'internal_server_error';
      return {
        status,
        headers: { ...JSON_TYPE },
        body: errorBody(errorShape, codeMinor, `injected ${status}`),
      };
    }
    case 'errorEnvelope200':
      return {
        status: 200,
        headers: { ...JSON_TYPE },
        body: errorBody(errorShape, 'internal_server_error', 'backend unavailable'),
      };
    case 'htmlPage':
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Maintenance</h1></body></html>',
      };
    case 'tokenRevoked':
      return {
        status: 401,
        headers: { ...JSON_TYPE, 'www-authenticate': 'Bearer realm="oneroster", error="invalid_token"' },
        body: errorBody(errorShape, 'unauthorisedrequest', 'token revoked'),
      };
    default:
      return undefined;
  }
}

/** The good response spoiled by a body fault (reset, truncation, stall, malformed JSON). */
export function spoilBody(fault: MockFault, response: MockResponse): MockResponse {
  const body = typeof response.body === 'string' ? response.body : response.body.chunks.join('');
  const length = Buffer.byteLength(body);
  const cut = (afterBytes: number | undefined): string =>
    Buffer.from(body)
      .subarray(0, Math.min(length, afterBytes ?? Math.floor(length / 2)))
      .toString('utf8');
  switch (fault.type) {
    case 'connectionReset':
      return { ...response, body: { chunks: [cut(fault.afterBytes)], end: 'reset', declaredLength: length } };
    case 'truncatedBody':
      return {
        ...response,
        body: { chunks: [cut(fault.afterBytes)], end: 'truncate', declaredLength: length },
      };
    case 'stallBody':
      return { ...response, body: { chunks: [cut(fault.afterBytes)], end: 'stall', declaredLength: length } };
    case 'malformedJson':
      return {
        ...response,
        status: 200,
        body: `${body.slice(0, Math.max(1, Math.floor(body.length / 2)))}\u0000,]}`,
      };
    default:
      return response;
  }
}

/** Whether a fault spoils the body of a computed response (rather than replacing the response). */
export function isBodyFault(fault: MockFault): boolean {
  return ['connectionReset', 'truncatedBody', 'stallBody', 'malformedJson'].includes(fault.type);
}
