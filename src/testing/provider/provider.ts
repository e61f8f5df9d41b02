/** The framework-free core of the mock provider: `serve(request) -> response`, behind both adapters. */

import { generateDistrict } from '../district/district.js';
import { createAuthenticator } from './auth.js';
import type { OAuth2Authority } from './auth-oauth2.js';
import { type DataContext, errorResponse, handleData } from './data-handler.js';
import { faultResponse, isBodyFault, rateLimitResponse, spoilBody } from './fault-responses.js';
import { createFaultSet, type MockFault } from './faults.js';
import type { MockRequest, MockResponse } from './mock-types.js';
import { PROFILES } from './profiles.js';
import { locate, type MockProviderOptions } from './provider-options.js';
import type { MockProviderCore } from './provider-types.js';
import { createQueryEngine } from './query-engine.js';
import { parseQuery, type QueryPairs } from './query-params.js';
import { type QuirkChanges, resolveQuirks } from './quirks.js';
import { createRateLimiter } from './rate-limiter.js';
import { matchRoute } from './router.js';
import { scopesFor } from './scopes.js';
import { bump, createStats, recordFields } from './stats.js';
import { createVersionModel, type VersionModel } from './version-model.js';
import { createWaits } from './waits.js';

const MS_PER_SECOND = 1_000;

/** Path (raw) and query (raw) of an absolute URL, without normalising either. */
function splitUrl(url: string): { path: string; rawQuery: string } {
  const afterScheme = url.indexOf('//') + 2;
  const pathStart = url.indexOf('/', afterScheme);
  const rest = pathStart === -1 ? '/' : (url.slice(pathStart).split('#')[0] ?? '/');
  const question = rest.indexOf('?');
  return question === -1
    ? { path: rest, rawQuery: '' }
    : { path: rest.slice(0, question), rawQuery: rest.slice(question + 1) };
}

/** Creates the provider core. Adapters: `createMockProvider` (msw) and `startMockServer` (node:http). */
export function createProviderCore(options: MockProviderOptions = {}): MockProviderCore {
  const district = options.district ?? generateDistrict({ preset: 'tiny' });
  const now = options.now ?? Date.now;
  const profile = options.profile === undefined ? undefined : PROFILES[options.profile];
  const version = options.version ?? profile?.version ?? '1.1';
  let quirkOptions: QuirkChanges = { ...profile?.quirks, ...options.quirks };
  let quirks = resolveQuirks(quirkOptions);
  let model: VersionModel = createVersionModel(version, district, quirks);
  const { origin, prefix } = locate(options.baseUrl);
  const basePath = `${prefix}${model.rosteringPath}`;
  const auth = createAuthenticator(options.auth ?? { type: 'oauth2' }, now, Object.values(model.scopes));
  const tokenPath = auth.oauth2 === undefined ? undefined : `${prefix}${auth.oauth2.tokenPath}`;
  const faults = createFaultSet(options.faults);
  const limiter = options.rateLimit === undefined ? undefined : createRateLimiter(options.rateLimit);
  const stats = createStats();
  const waits = createWaits();
  const engine = createQueryEngine(district);
  let driftIds = 0;
  // Never reset (unlike stats.requests): the tie order of `unstableTieOrder` is a function of it.
  let dataRequests = 0;
  const context: DataContext = {
    district,
    engine,
    get quirks() {
      return quirks;
    },
    get model() {
      return model;
    },
    origin,
    nextDriftId: () => ++driftIds,
  };

  const finish = (response: MockResponse): MockResponse => {
    bump(stats.statuses, response.status);
    return response;
  };
  const countFault = (fault: MockFault | string): void =>
    bump(stats.faults, typeof fault === 'string' ? fault : fault.type);
  const abandoned: MockResponse = { status: 0, headers: {}, body: '', abandoned: true };

  /** Applies the latency faults and returns the failing fault, if any; undefined response means go on. */
  const applyFaults = async (
    hits: MockFault[],
    signal?: AbortSignal,
  ): Promise<MockResponse | MockFault | undefined> => {
    for (const hit of hits) {
      countFault(hit);
      if (hit.type === 'latency' && !(await waits.delay(hit.ms, signal))) return abandoned;
      if (hit.type === 'stallHeaders') {
        await waits.stall(signal);
        return abandoned;
      }
      if (hit.type === 'tokenRevoked') auth.revokeAll();
      const replaced = faultResponse(hit, quirks.errorShape, now());
      if (replaced !== undefined) return finish(replaced);
      if (isBodyFault(hit)) return hit;
    }
    return undefined;
  };

  const serveToken = async (request: MockRequest, authority: OAuth2Authority): Promise<MockResponse> => {
    stats.tokenRequests++;
    const outcome = await applyFaults(faults.take('token', '/token', '/token'), request.signal);
    if (outcome !== undefined && !('type' in outcome)) return outcome;
    const response = finish(authority.issue(request));
    return outcome === undefined ? response : spoilBody(outcome, response);
  };

  const serveData = async (
    request: MockRequest,
    relative: string,
    rawQuery: string,
  ): Promise<MockResponse> => {
    let segments: string[];
    try {
      segments = relative
        .split('/')
        .filter((part) => part !== '')
        .map(decodeURIComponent);
    } catch {
      segments = [];
    }
    const path = `/${segments.join('/')}`;
    const matched = matchRoute(segments);
    const routeKey = matched?.key ?? 'unmatched';
    // Ed-Fi has no nested endpoints: counted by route, answered like any unknown path.
    const route = matched?.kind === 'nested' && quirks.noNestedEndpoints ? undefined : matched;
    const requestNumber = ++dataRequests;
    stats.requests++;
    bump(stats.byPath, path);
    bump(stats.byRoute, routeKey);
    if (options.latencyMs !== undefined && !(await waits.delay(options.latencyMs, request.signal)))
      return abandoned;
    const waitMs = limiter?.take(now()) ?? 0;
    if (waitMs > 0) {
      countFault('rateLimiter');
      const seconds = Math.max(1, Math.ceil(waitMs / MS_PER_SECOND));
      return finish(
        rateLimitResponse({ type: 'rateLimit', retryAfterSeconds: seconds }, quirks.errorShape, now()),
      );
    }
    const outcome = await applyFaults(faults.take('data', path, routeKey), request.signal);
    if (outcome !== undefined && !('type' in outcome)) return outcome;
    const error = (
      status: number,
      codeMinor: string,
      description: string,
      headers?: Record<string, string>,
    ) => finish(errorResponse(quirks, { status, codeMinor, description }, headers));
    if (request.method !== 'GET')
      return error(405, 'invaliddata', 'rostering is read-only', { allow: 'GET' });
    const authOutcome = auth.authenticate(request);
    if (!authOutcome.ok) {
      return error(401, 'unauthorisedrequest', authOutcome.description, {
        'www-authenticate': authOutcome.challenge,
      });
    }
    if (route === undefined) return error(404, 'unknownobject', `no endpoint ${path}`);
    const needed = scopesFor(route, model.scopes);
    if (!needed.some((scope) => authOutcome.scopes.has(scope))) {
      return error(403, 'forbidden', `needs scope ${needed.join(' or ')}`);
    }
    let pairs: QueryPairs;
    try {
      pairs = parseQuery(rawQuery);
    } catch {
      return error(400, 'invaliddata', 'malformed query string');
    }
    const result = handleData(context, route, pairs, `${basePath}${relative}`, requestNumber);
    if (result.collection !== undefined && result.fields !== undefined)
      recordFields(stats, result.collection, result.fields);
    const response = finish(result.response);
    return outcome === undefined ? response : spoilBody(outcome, response);
  };

  const serve = async (request: MockRequest): Promise<{ response: MockResponse; finished: () => void }> => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let done = false;
    const finished = (): void => {
      if (done) return;
      done = true;
      stats.inFlight--;
    };
    try {
      const { path, rawQuery } = splitUrl(request.url);
      let response: MockResponse;
      if (auth.oauth2 !== undefined && path === tokenPath) response = await serveToken(request, auth.oauth2);
      else if (path === basePath || path.startsWith(`${basePath}/`)) {
        response = await serveData(request, path.slice(basePath.length), rawQuery);
      } else
        response = finish(
          errorResponse(quirks, { status: 404, codeMinor: 'unknownobject', description: `no route ${path}` }),
        );
      return { response, finished };
    } catch (cause) {
      finished();
      throw cause;
    }
  };

  return {
    district,
    version,
    origin,
    baseUrl: `${origin}${basePath}`,
    tokenUrl: tokenPath === undefined ? undefined : `${origin}${tokenPath}`,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    bearerToken: auth.bearerToken,
    stats,
    get quirks() {
      return quirks;
    },
    serve,
    handle: async (request) => {
      const { response, finished } = await serve(request);
      finished();
      return response;
    },
    setQuirks: (changes) => {
      quirkOptions = { ...quirkOptions, ...changes };
      quirks = resolveQuirks(quirkOptions);
      model = createVersionModel(version, district, quirks);
    },
    addFault: faults.add,
    clearFaults: faults.clear,
    revokeTokens: auth.revokeAll,
    get pendingWaits() {
      return waits.pending;
    },
    close: waits.closeAll,
  };
}
