import { redactUrl } from '../errors/redact.js';
import { RedirectError } from '../errors/redirect-error.js';

/** Redirects followed before giving up: far more than any provider's login or path rewrite needs. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The next hop of a followed redirect. */
export interface RedirectHop {
  url: string;
  method: 'GET' | 'POST';
  /** Dropped when the redirect turns the request into a GET. */
  body: string | undefined;
}

/** `URL.parse` needs Node 20.18; engines allow any Node 20. */
function parseUrl(text: string, base: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** True for a status that redirects (and so carries a `Location`). */
export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * Where a redirect leads, when the client may follow it: only within the origin the request was
 * sent to. Another origin could be anyone's, and following would send it the request (a token
 * request's `client_secret`, for one) and accept whatever roster or token it answers with.
 * 303, and 301/302 of a POST, become a GET without a body (Fetch standard); 307 and 308 keep both.
 * @throws RedirectError for another origin, a missing Location or more than MAX_REDIRECTS hops
 */
export function followRedirect(
  current: { url: string; method: 'GET' | 'POST'; body: string | undefined },
  response: { status: number; headers: Headers },
  hopsSoFar: number,
): RedirectHop {
  const refuse = (reason: RedirectError['reason'], location?: string): never => {
    throw new RedirectError({
      reason,
      method: current.method,
      url: redactUrl(current.url),
      status: response.status,
      ...(location === undefined ? {} : { location: redactUrl(location) }),
    });
  };
  const location = response.headers.get('location');
  const target = location === null ? undefined : parseUrl(location, current.url);
  if (target === undefined) return refuse('no-location');
  if (target.origin !== new URL(current.url).origin) return refuse('cross-origin', target.href);
  if (hopsSoFar >= MAX_REDIRECTS) return refuse('too-many', target.href);
  const toGet =
    response.status === 303 ||
    ((response.status === 301 || response.status === 302) && current.method === 'POST');
  return toGet
    ? { url: target.href, method: 'GET', body: undefined }
    : { url: target.href, method: current.method, body: current.body };
}
