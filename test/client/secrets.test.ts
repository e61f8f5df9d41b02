import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  type AuthStrategy,
  bearerToken,
  createOneRosterClient,
  InvalidRequestError,
  isAuthenticationError,
  isInvalidRequestError,
  isNetworkError,
  isNotFoundError,
  isPermissionError,
  isProtocolError,
  isRateLimitError,
  isServerError,
  isTokenError,
  NetworkError,
  NotFoundError,
  oauth1,
  oauth2ClientCredentials,
  PermissionError,
  ProtocolError,
  RateLimitError,
  ServerError,
  TokenError,
} from '../../src/index.js';
import { serializeError } from '../helpers/serialize-error.js';
import { createVirtualClock } from '../helpers/virtual-clock.js';

const BASE = 'https://sis.test/ims/oneroster/v1p1';
const TOKEN_URL = 'https://sis.test/oauth/token';

// Each credential carries a marker word, so a leak shows whatever encoding it went through.
const CLIENT_ID = 'vendor-app';
const CLIENT_SECRET = "cs_Zebra Secret!*'()/+=~9";
/** As it goes in HTTP Basic and form bodies (RFC 6749 2.3.1): RFC 3986 escapes, space as `+`. */
const CLIENT_SECRET_FORM = 'cs_Zebra+Secret%21%2A%27%28%29%2F%2B%3D~9';
const CLIENT_SECRET_PERCENT = 'cs_Zebra%20Secret%21%2A%27%28%29%2F%2B%3D~9';
const BASIC_CREDENTIALS = btoa(`${CLIENT_ID}:${CLIENT_SECRET_FORM}`);
const CONSUMER_KEY = 'or-key';
const CONSUMER_SECRET = 'cons-Quokka-secret-7';
const STATIC_BEARER = 'static-Narwhal-token-3';
const rotatingBearer = (index: number) => `rotating-Okapi-token-${index}`;

const GIVEN_NAME = 'Siobhán';
const EMAIL = 'siobhan@school.test';
const FILTER = `givenName='${GIVEN_NAME}' AND email='${EMAIL}'`;

const MARKERS = [/zebra/i, /quokka/i, /narwhal/i, /okapi/i, /pangolin/i, /siobh/i, /school\.test/i];

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type AuthKind = 'oauth2' | 'oauth1' | 'bearer' | 'rotating bearer';

/** What arrived at the token endpoint or at `/users`. */
interface Received {
  authorization: string;
  /** The decoded `filter` query parameter (`/users` only). */
  filter: string | null;
}

/** Everything secret that crossed the wire: what must never show up in an event or an error. */
interface Provider {
  basicHeaders: string[];
  issuedTokens: string[];
  /** `oauth_signature` values as sent in the header (percent-encoded). */
  signatures: string[];
  bearers: string[];
  filters: (string | null)[];
}

function installProvider(answers: {
  token?: (received: Received) => Response;
  users: (received: Received, provider: Provider) => Response;
}): Provider {
  const provider: Provider = { basicHeaders: [], issuedTokens: [], signatures: [], bearers: [], filters: [] };
  server.use(
    http.post(TOKEN_URL, ({ request }) => {
      const received: Received = { authorization: request.headers.get('authorization') ?? '', filter: null };
      provider.basicHeaders.push(received.authorization);
      if (answers.token) return answers.token(received);
      const token = `at-Pangolin-${provider.issuedTokens.length + 1}-${crypto.randomUUID()}`;
      provider.issuedTokens.push(token);
      return HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }),
    http.get(`${BASE}/users`, ({ request }) => {
      const authorization = request.headers.get('authorization') ?? '';
      const signature = /oauth_signature="([^"]+)"/.exec(authorization)?.[1];
      if (signature) provider.signatures.push(signature);
      const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
      if (bearer) provider.bearers.push(bearer);
      const filter = new URL(request.url).searchParams.get('filter');
      provider.filters.push(filter);
      return answers.users({ authorization, filter }, provider);
    }),
  );
  return provider;
}

function authFor(kind: AuthKind): AuthStrategy {
  switch (kind) {
    case 'oauth2':
      return oauth2ClientCredentials({
        tokenUrl: TOKEN_URL,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      });
    case 'oauth1':
      return oauth1({ consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET });
    case 'bearer':
      return bearerToken(STATIC_BEARER);
    case 'rotating bearer': {
      let calls = 0;
      return bearerToken(() => rotatingBearer(++calls));
    }
  }
}

/** Makes one call that the provider fails with `answers`; returns everything an app could log about it. */
async function fail(kind: AuthKind, answers: Parameters<typeof installProvider>[0], filter = FILTER) {
  const provider = installProvider(answers);
  const events: string[] = [];
  const client = createOneRosterClient({
    baseUrl: BASE,
    auth: authFor(kind),
    clock: createVirtualClock(),
    random: () => 0.5,
    retry: { retries: 2, minDelayMs: 1, maxRetryAfterMs: 60_000 },
    onEvent: (event) => events.push(JSON.stringify(event)),
  });
  const error = await client.request('/users', { query: { filter, limit: 5 } }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { provider, events, error, logged: [...events, serializeError(error)] };
}

/** Every way a secret or a person's data could be spelled in a log line. */
function forbiddenStrings(provider: Provider): string[] {
  const signatures = provider.signatures.flatMap((sent) => [sent, decodeURIComponent(sent)]);
  const strings = [
    CLIENT_SECRET,
    CLIENT_SECRET_FORM,
    CLIENT_SECRET_PERCENT,
    BASIC_CREDENTIALS,
    CONSUMER_SECRET,
    STATIC_BEARER,
    ...provider.issuedTokens,
    ...provider.bearers,
    ...signatures,
    GIVEN_NAME,
    encodeURIComponent(GIVEN_NAME),
    EMAIL,
    encodeURIComponent(EMAIL),
  ];
  return [...new Set(strings)];
}

/** The forbidden strings and markers found in the logged texts, as readable failure output. */
function leaksIn(logged: readonly string[], provider: Provider): string[] {
  const forbidden = forbiddenStrings(provider);
  return logged.flatMap((text, index) => {
    const found = [
      ...forbidden.filter((secret) => text.includes(secret)).map((secret) => JSON.stringify(secret)),
      ...MARKERS.filter((marker) => marker.test(text)).map(String),
    ];
    return found.length > 0 ? [`#${index} has ${found.join(', ')} in: ${text}`] : [];
  });
}

const imsxFailure = (codeMinor: string, description: string) => ({
  imsx_codeMajor: 'failure',
  imsx_severity: 'error',
  imsx_description: description,
  imsx_CodeMinor: {
    imsx_codeMinorField: [
      { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
    ],
  },
});

type ErrorClass = abstract new (...args: never[]) => Error;

interface Scenario {
  name: string;
  auth: AuthKind;
  answers: Parameters<typeof installProvider>[0];
  errorClass: ErrorClass;
  guard: (error: unknown) => boolean;
  /** False when the call fails before reaching `/users`. */
  reachesData?: boolean;
}

const unauthorized = () =>
  HttpResponse.json(imsxFailure('unauthorisedrequest', 'Unauthorized'), { status: 401 });

const SCENARIOS: Scenario[] = [
  {
    name: 'a 401 for the first and the refreshed token',
    auth: 'oauth2',
    answers: { users: unauthorized },
    errorClass: AuthenticationError,
    guard: isAuthenticationError,
  },
  {
    name: 'a 403',
    auth: 'oauth2',
    answers: {
      users: () => HttpResponse.json(imsxFailure('forbidden', 'Missing scope'), { status: 403 }),
    },
    errorClass: PermissionError,
    guard: isPermissionError,
  },
  {
    name: 'a 404 with an imsx body',
    auth: 'oauth2',
    answers: {
      users: () => HttpResponse.json(imsxFailure('unknownobject', 'No such user'), { status: 404 }),
    },
    errorClass: NotFoundError,
    guard: isNotFoundError,
  },
  {
    name: 'a 429 asking for a wait beyond the cap',
    auth: 'oauth2',
    answers: { users: () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '3600' } }) },
    errorClass: RateLimitError,
    guard: isRateLimitError,
  },
  {
    name: 'a persistent 500',
    auth: 'oauth2',
    answers: { users: () => new HttpResponse('Internal Server Error', { status: 500 }) },
    errorClass: ServerError,
    guard: isServerError,
  },
  {
    name: 'a network error',
    auth: 'oauth2',
    answers: { users: () => HttpResponse.error() },
    errorClass: NetworkError,
    guard: isNetworkError,
  },
  {
    name: 'an HTML page with 200 that quotes the request',
    auth: 'oauth2',
    answers: {
      users: ({ authorization, filter }) =>
        new HttpResponse(`<html><body>Proxy sign-in. You sent ${authorization} for ${filter}</body></html>`, {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    },
    errorClass: ProtocolError,
    guard: isProtocolError,
  },
  {
    name: 'a token endpoint that echoes the secret in its error',
    auth: 'oauth2',
    answers: {
      token: ({ authorization }) =>
        HttpResponse.json(
          {
            error: 'invalid_client',
            error_description: `Unknown secret ${CLIENT_SECRET} (form ${CLIENT_SECRET_FORM}, header ${authorization})`,
          },
          { status: 401 },
        ),
      users: () => HttpResponse.json({ users: [] }),
    },
    errorClass: TokenError,
    guard: isTokenError,
    reachesData: false,
  },
  {
    name: 'a token endpoint that cannot be reached',
    auth: 'oauth2',
    answers: { token: () => HttpResponse.error(), users: () => HttpResponse.json({ users: [] }) },
    errorClass: TokenError,
    guard: isTokenError,
    reachesData: false,
  },
  {
    name: 'an OAuth 1.0a request refused with 401',
    auth: 'oauth1',
    answers: { users: unauthorized },
    errorClass: AuthenticationError,
    guard: isAuthenticationError,
  },
  {
    name: 'an OAuth 1.0a request refused with 404',
    auth: 'oauth1',
    answers: {
      users: () => HttpResponse.json(imsxFailure('unknownobject', 'No such user'), { status: 404 }),
    },
    errorClass: NotFoundError,
    guard: isNotFoundError,
  },
  {
    name: 'an OAuth 1.0a request meeting a persistent 503',
    auth: 'oauth1',
    answers: { users: () => new HttpResponse(null, { status: 503 }) },
    errorClass: ServerError,
    guard: isServerError,
  },
  {
    name: 'a fixed bearer token refused with 401',
    auth: 'bearer',
    answers: { users: unauthorized },
    errorClass: AuthenticationError,
    guard: isAuthenticationError,
  },
  {
    name: 'a rotating bearer token refused twice',
    auth: 'rotating bearer',
    answers: { users: unauthorized },
    errorClass: AuthenticationError,
    guard: isAuthenticationError,
  },
];

describe('no secret or personal data in events and errors', () => {
  it.each(SCENARIOS)('$name', async (scenario) => {
    const { provider, events, error, logged } = await fail(scenario.auth, scenario.answers);

    expect(error).toBeInstanceOf(scenario.errorClass);
    expect(scenario.guard(error)).toBe(true);
    expect(leaksIn(logged, provider)).toEqual([]);

    // The secrets were really on the wire, so the check above is not vacuous.
    if (scenario.auth === 'oauth2') expect(provider.basicHeaders[0]).toBe(`Basic ${BASIC_CREDENTIALS}`);
    if (scenario.reachesData === false) {
      expect(provider.filters).toEqual([]);
      return;
    }
    expect(provider.filters[0]).toBe(FILTER);
    expect(events.some((event) => event.includes('"type":"request"'))).toBe(true);
    if (scenario.auth === 'oauth2') expect(provider.issuedTokens.length).toBeGreaterThan(0);
    if (scenario.auth === 'oauth1') expect(provider.signatures.length).toBeGreaterThan(0);
    if (scenario.auth !== 'oauth1') expect(provider.bearers.length).toBeGreaterThan(0);
  });

  it('keeps what the token endpoint said, with the echoed secret cut out', async () => {
    const scenario = SCENARIOS.find((candidate) => candidate.name.includes('echoes the secret'));
    if (!scenario) throw new Error('scenario missing');
    const { error } = await fail(scenario.auth, scenario.answers);
    expect(isTokenError(error) && error.error).toBe('invalid_client');
    expect(isTokenError(error) && error.errorDescription).toMatch(/^Unknown secret \[redacted\]/);
  });

  it('keeps the provider status info of a 404', async () => {
    const { error } = await fail('oauth2', {
      users: () => HttpResponse.json(imsxFailure('unknownobject', 'No such user'), { status: 404 }),
    });
    expect(isNotFoundError(error) && error.statusInfo).toMatchObject({
      codeMinor: 'unknownobject',
      description: 'No such user',
    });
  });
});

describe('no secret or personal data when the provider quotes the request back', () => {
  it('a 400 whose imsx description repeats the filter', async () => {
    const { provider, error, logged } = await fail('oauth2', {
      users: ({ filter }) =>
        HttpResponse.json(imsxFailure('invalid_filter_field', `Unsupported filter: ${filter}`), {
          status: 400,
        }),
    });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(isInvalidRequestError(error) && error.statusInfo?.codeMinor).toBe('invalid_filter_field');
    expect(leaksIn(logged, provider)).toEqual([]);
  });

  it('a 400 whose imsx description names the value without quotes', async () => {
    const { provider, error, logged } = await fail('oauth2', {
      users: () =>
        HttpResponse.json(
          imsxFailure('invalid_filter_field', `No user with email ${EMAIL} (${GIVEN_NAME})`),
          {
            status: 400,
          },
        ),
    });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(leaksIn(logged, provider)).toEqual([]);
  });

  it('a 401 whose imsx description repeats the refused token', async () => {
    const { provider, error, logged } = await fail('oauth2', {
      users: ({ authorization }) =>
        HttpResponse.json(imsxFailure('unauthorisedrequest', `Token not valid: ${authorization}`), {
          status: 401,
        }),
    });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(provider.issuedTokens).toHaveLength(2);
    expect(leaksIn(logged, provider)).toEqual([]);
  });
});

describe('no personal data when a raw filter value holds an apostrophe', () => {
  it("hides O'Brien and the clause after it", async () => {
    const filter = `familyName='O'Brien' AND givenName='${GIVEN_NAME}'`;
    const { provider, error, logged } = await fail(
      'oauth2',
      { users: () => HttpResponse.json(imsxFailure('unknownobject', 'No such user'), { status: 404 }) },
      filter,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(provider.filters[0]).toBe(filter);
    expect(leaksIn(logged, provider)).toEqual([]);
    expect(logged.filter((text) => text.includes('Brien'))).toEqual([]);
  });
});
