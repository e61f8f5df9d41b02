/** Helpers for the mock provider's own tests: plain fetch, never the SDK client. */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { MockProviderCore } from '../../src/testing/index.js';

/** One msw server per test file; each test installs its provider's handlers. */
export function useMsw(): { install(handlers: Parameters<typeof setupServer>): void } {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return { install: (handlers) => server.use(...handlers) };
}

/** Gets an OAuth 2.0 token with HTTP Basic client authentication. */
export async function fetchToken(
  provider: Pick<MockProviderCore, 'tokenUrl' | 'clientId' | 'clientSecret'>,
  scope?: string,
): Promise<string> {
  const response = await fetch(provider.tokenUrl as string, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${provider.clientId}:${provider.clientSecret}`).toString('base64')}`,
    },
    body: `grant_type=client_credentials${scope === undefined ? '' : `&scope=${encodeURIComponent(scope)}`}`,
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** A record as parsed from JSON. */
export type Json = Record<string, unknown>;

/** A parsed response body: the envelope keys are typed for convenience (absent ones are undefined at run time). */
export interface JsonBody {
  [key: string]: unknown;
  orgs: Json[];
  academicSessions: Json[];
  courses: Json[];
  classes: Json[];
  users: Json[];
  enrollments: Json[];
  demographics: Json[];
  statusInfoSet?: Json[];
}

/** A JSON response: status, headers and parsed body. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: JsonBody;
}

/** The records under an envelope key. */
export function listOf(body: JsonBody, key: string): Json[] {
  const value = body[key];
  if (!Array.isArray(value)) throw new Error(`no ${key} array in ${JSON.stringify(body).slice(0, 200)}`);
  return value as Json[];
}

/** GETs a URL (relative to `base`) and parses the JSON body. */
export async function getJson(base: string, path: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, init);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as JsonResponse['body'],
  };
}

/** The codeMinor of a canonical imsx error body. */
export function codeMinorOf(body: Record<string, unknown>): string | undefined {
  const minor = body.imsx_CodeMinor as
    | { imsx_codeMinorField: Array<{ imsx_codeMinorFieldValue: string }> }
    | undefined;
  return minor?.imsx_codeMinorField[0]?.imsx_codeMinorFieldValue;
}

/** A provider-bound GET with no authentication needed (`auth: { type: 'none' }`). */
export function client(baseUrl: string): (path: string, init?: RequestInit) => Promise<JsonResponse> {
  return (path, init) => getJson(baseUrl, path, init);
}
