import type { HttpExchange } from '../base/http-exchange.js';
import { ProtocolError } from '../errors/protocol-error.js';

/**
 * Parses a 2xx body as JSON. An HTML page (a login wall or a proxy's error page served with 200) or a
 * body that is not JSON is a ProtocolError, never an empty result.
 */
export function readJsonBody(
  exchange: HttpExchange,
  { method, url, collection }: { method: string; url: string; collection?: string },
): unknown {
  const context = { method, url, ...(collection ? { collection } : {}) };
  const contentType = exchange.headers.get('content-type') ?? '';
  const start = exchange.body.trimStart().slice(0, 1);
  if (/html/i.test(contentType) || start === '<') {
    throw new ProtocolError({
      reason: 'html-page',
      status: exchange.status,
      message: `Expected JSON but the provider sent an HTML page with HTTP ${exchange.status}`,
      ...context,
    });
  }
  try {
    return JSON.parse(exchange.body);
  } catch {
    throw new ProtocolError({
      reason: exchange.body.length === 0 ? 'truncated' : 'invalid-json',
      status: exchange.status,
      message: `Expected JSON but the body ${exchange.body.length === 0 ? 'was empty' : 'is not valid JSON'}`,
      ...context,
    });
  }
}

/** Parses an error body when it is JSON; providers also send text or HTML there. */
export function tryReadJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
