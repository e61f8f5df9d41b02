/** Injected faults: which request they hit, and how each one turns a response into a failure. */

/** Which requests a fault hits. */
export interface FaultTarget {
  /**
   * Requests it applies to: a path below the base path (`/users`), a route pattern
   * (`/classes/{id}/students`), a prefix ending in `*` (`/schools/*`), or a RegExp tested on the path.
   * @default every data request
   */
  readonly path?: string | RegExp;
  /**
   * The first matching request (1-based) that the fault hits.
   * @default 1
   */
  readonly nth?: number;
  /**
   * How many consecutive matching requests it hits from the nth; `Infinity` makes it persistent.
   * @default 1
   */
  readonly times?: number;
  /**
   * Data requests, or requests to the OAuth 2.0 token endpoint.
   * @default 'data'
   */
  readonly endpoint?: 'data' | 'token';
}

/** A fault. */
export type MockFault = FaultTarget &
  (
    | {
        /** 429 server_busy, with the cool-down as Retry-After seconds, an HTTP date, or X-RateLimit-Reset. */
        readonly type: 'rateLimit';
        /** @default 'seconds' */
        readonly retryAfter?: 'seconds' | 'httpDate' | 'rateLimitReset' | 'none';
        /** @default 1 */
        readonly retryAfterSeconds?: number;
      }
    | {
        /** A 5xx with an imsx body. */
        readonly type: 'serverError';
        /** @default 503 */
        readonly status?: 500 | 502 | 503 | 504;
      }
    | {
        /** The connection is destroyed after part of the body (msw: the body stream errors). */
        readonly type: 'connectionReset';
        /** @default half the body */
        readonly afterBytes?: number;
      }
    | {
        /** `Content-Length` announces the full body but the response ends early. */
        readonly type: 'truncatedBody';
        /** @default half the body */
        readonly afterBytes?: number;
      }
    | {
        /** The response is delayed. */
        readonly type: 'latency';
        readonly ms: number;
      }
    | {
        /** No response headers ever, until the client aborts or the mock closes. */
        readonly type: 'stallHeaders';
      }
    | {
        /** Headers and part of the body, then nothing, until the client aborts or the mock closes. */
        readonly type: 'stallBody';
        /** @default half the body */
        readonly afterBytes?: number;
      }
    | {
        /** A 200 whose body is an imsx error envelope and no collection. */
        readonly type: 'errorEnvelope200';
      }
    | {
        /** A 200 with a body that is not JSON (a JSON document cut and garbled). */
        readonly type: 'malformedJson';
      }
    | {
        /** A 200 with an HTML page (a login or maintenance page from a proxy). */
        readonly type: 'htmlPage';
      }
    | {
        /** Every issued token is revoked, and this request gets a 401. */
        readonly type: 'tokenRevoked';
      }
  );

/** The kinds of fault. */
export type MockFaultType = MockFault['type'];

/** A fault with its counters. */
interface ArmedFault {
  readonly fault: MockFault;
  matched: number;
  fired: number;
}

/** Whether a target's path matches a request. */
function pathMatches(target: FaultTarget, path: string, routeKey: string): boolean {
  const pattern = target.path;
  if (pattern === undefined) return true;
  if (pattern instanceof RegExp) return pattern.test(path);
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return pattern === path || pattern === routeKey;
}

/** The faults of a provider, in the order they were added. */
export interface FaultSet {
  add(fault: MockFault): void;
  clear(): void;
  /** Faults that hit this request (latency faults first), advancing every matching fault's counters. */
  take(endpoint: 'data' | 'token', path: string, routeKey: string): MockFault[];
}

/** Creates a fault set. */
export function createFaultSet(initial: readonly MockFault[] = []): FaultSet {
  let armed: ArmedFault[] = initial.map((fault) => ({ fault, matched: 0, fired: 0 }));
  return {
    add: (fault) => {
      armed.push({ fault, matched: 0, fired: 0 });
    },
    clear: () => {
      armed = [];
    },
    take: (endpoint, path, routeKey) => {
      const hits: MockFault[] = [];
      let failure: MockFault | undefined;
      for (const entry of armed) {
        const { fault } = entry;
        if ((fault.endpoint ?? 'data') !== endpoint || !pathMatches(fault, path, routeKey)) continue;
        entry.matched++;
        const due = entry.matched >= (fault.nth ?? 1) && entry.fired < (fault.times ?? 1);
        if (!due || (fault.type !== 'latency' && failure !== undefined)) continue;
        entry.fired++;
        if (fault.type === 'latency') hits.push(fault);
        else failure = fault;
      }
      return failure === undefined ? hits : [...hits, failure];
    },
  };
}
