import { describe, expect, it } from 'vitest';
import {
  type OAuth2ClientCredentialsOptions,
  oauth2ClientCredentials,
} from '../../src/auth/oauth2-client-credentials.js';
import type { TokenRefreshedEvent } from '../../src/base/events.js';
import {
  createContext,
  createFakeClock,
  createRecordingFetch,
  deferred,
  flushPromises,
  hangUntilAborted,
  json,
} from './helpers.js';

const TOKEN_URL = 'https://sis.example.org/oauth/token';
const REQUEST = { method: 'GET', url: 'https://sis.example.org/ims/oneroster/v1p1/users' };
const CORE = 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly';
const DEMOGRAPHICS = 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-demographics.readonly';

function options(overrides: Partial<OAuth2ClientCredentialsOptions> = {}): OAuth2ClientCredentialsOptions {
  return { tokenUrl: TOKEN_URL, clientId: 'client id', clientSecret: 'p@ss:w rd!', ...overrides };
}

/** A provider that issues `token-1`, `token-2`, … with the given extra response fields. */
function tokenProvider(extra: Record<string, unknown> = { expires_in: 3600 }) {
  return createRecordingFetch((_request, index) =>
    json({ access_token: `token-${index + 1}`, token_type: 'bearer', ...extra }),
  );
}

function refreshEvents(events: readonly { type: string }[]): TokenRefreshedEvent[] {
  return events.filter((event): event is TokenRefreshedEvent => event.type === 'token-refreshed');
}

describe('oauth2ClientCredentials: the token request', () => {
  it('authenticates with HTTP Basic over form-encoded credentials by default', async () => {
    const provider = tokenProvider();
    const { context } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options({ scope: [CORE, DEMOGRAPHICS] }));

    expect(auth.kind).toBe('oauth2');
    await auth.authorize(REQUEST, context);

    const [request] = provider.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(TOKEN_URL);
    expect(request?.headers).toEqual({
      accept: 'application/json',
      // RFC 6749 2.3.1: id and secret are form-encoded before base64: "client+id:p%40ss%3Aw+rd%21".
      authorization: 'Basic Y2xpZW50K2lkOnAlNDBzcyUzQXcrcmQlMjE=',
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'oneroster-test/1.0',
    });
    expect(atob('Y2xpZW50K2lkOnAlNDBzcyUzQXcrcmQlMjE=')).toBe('client+id:p%40ss%3Aw+rd%21');
    expect(request?.body).toBe(
      'grant_type=client_credentials&scope=' +
        'https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2For%2Fv1p1%2Fscope%2Froster-core.readonly+' +
        'https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2For%2Fv1p1%2Fscope%2Froster-demographics.readonly',
    );
  });

  it('sends client_id and client_secret in the body when clientAuth is body', async () => {
    const provider = tokenProvider();
    const { context } = createContext(provider.fetch);
    await oauth2ClientCredentials(options({ clientAuth: 'body', scope: CORE })).authorize(REQUEST, context);

    const [request] = provider.requests;
    expect(request?.headers['authorization']).toBeUndefined();
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.body).toBe(
      'grant_type=client_credentials' +
        '&scope=https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2For%2Fv1p1%2Fscope%2Froster-core.readonly' +
        '&client_id=client+id&client_secret=p%40ss%3Aw+rd%21',
    );
    expect(new URLSearchParams(request?.body).get('client_secret')).toBe('p@ss:w rd!');
  });

  it('sends no scope parameter when no scope is configured, and accepts a response without scope', async () => {
    const provider = tokenProvider({ expires_in: 3600 });
    const { context } = createContext(provider.fetch);
    const headers = await oauth2ClientCredentials(options()).authorize(REQUEST, context);

    expect(provider.requests[0]?.body).toBe('grant_type=client_credentials');
    expect(headers).toEqual({ authorization: 'Bearer token-1' });
  });

  it('accepts token_type in any case, or none at all', async () => {
    for (const tokenType of ['Bearer', 'BEARER', undefined]) {
      const provider = createRecordingFetch(() => json({ access_token: 'abc', token_type: tokenType }));
      const { context } = createContext(provider.fetch);
      await expect(oauth2ClientCredentials(options()).authorize(REQUEST, context)).resolves.toEqual({
        authorization: 'Bearer abc',
      });
    }
  });

  it('refuses invalid options without echoing their values', () => {
    expect(() => oauth2ClientCredentials(options({ tokenUrl: 'not a url p@ss:w rd!' }))).toThrow(
      /^oauth2ClientCredentials: tokenUrl is not a URL$/,
    );
    expect(() => oauth2ClientCredentials(options({ clientSecret: '' }))).toThrow(/clientSecret/);
    expect(() => oauth2ClientCredentials(options({ clientId: '' }))).toThrow(/clientId/);
  });
});

describe('oauth2ClientCredentials: caching and refresh', () => {
  it('reuses one token across requests and reports the initial fetch', async () => {
    const clock = createFakeClock();
    const provider = createRecordingFetch(() => {
      clock.advance(250);
      return json({ access_token: 'token-1', token_type: 'bearer', expires_in: 3600 });
    });
    const { context, events } = createContext(provider.fetch, clock);
    const auth = oauth2ClientCredentials(options());

    for (let call = 0; call < 5; call += 1) {
      expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-1' });
    }
    expect(provider.requests).toHaveLength(1);
    expect(events).toEqual([
      { type: 'token-refreshed', durationMs: 250, expiresInMs: 3_600_000, reason: 'initial' },
    ]);
  });

  it('replaces the token 60 s before it expires, without waiting in real time', async () => {
    const clock = createFakeClock();
    const provider = tokenProvider({ expires_in: 3600 });
    const { context, events } = createContext(provider.fetch, clock);
    const auth = oauth2ClientCredentials(options());

    await auth.authorize(REQUEST, context);
    clock.advance(3_539_999);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-1' });
    clock.advance(1);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-2' });

    expect(provider.requests).toHaveLength(2);
    expect(refreshEvents(events).map((event) => event.reason)).toEqual(['initial', 'expiring']);
  });

  it('keeps 90% of a short-lived token usable instead of refreshing it on every request', async () => {
    const clock = createFakeClock();
    const provider = tokenProvider({ expires_in: 30 });
    const { context } = createContext(provider.fetch, clock);
    const auth = oauth2ClientCredentials(options());

    await auth.authorize(REQUEST, context);
    clock.advance(26_999);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-1' });
    clock.advance(1);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-2' });
  });

  it('reads expires_in sent as a numeric string', async () => {
    const clock = createFakeClock();
    const provider = tokenProvider({ expires_in: '120' });
    const { context, events } = createContext(provider.fetch, clock);
    const auth = oauth2ClientCredentials(options());

    await auth.authorize(REQUEST, context);
    expect(refreshEvents(events)[0]?.expiresInMs).toBe(120_000);
    clock.advance(107_999);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-1' });
    clock.advance(1);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-2' });
  });

  it('assumes a one-hour lifetime when expires_in is missing, and reports no lifetime', async () => {
    const clock = createFakeClock();
    const provider = tokenProvider({});
    const { context, events } = createContext(provider.fetch, clock);
    const auth = oauth2ClientCredentials(options());

    await auth.authorize(REQUEST, context);
    expect(refreshEvents(events)[0]).toEqual({ type: 'token-refreshed', durationMs: 0, reason: 'initial' });
    expect(refreshEvents(events)[0]).not.toHaveProperty('expiresInMs');
    clock.advance(3_539_999);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-1' });
    clock.advance(1);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-2' });
  });

  it('fetches a new token after invalidate()', async () => {
    const provider = tokenProvider();
    const { context, events } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options());

    await auth.authorize(REQUEST, context);
    auth.invalidate();
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-2' });
    expect(refreshEvents(events).map((event) => event.reason)).toEqual(['initial', 'rejected']);
  });

  it('still authenticates when the event listener throws', async () => {
    const provider = tokenProvider();
    const { context } = createContext(provider.fetch);
    context.emit = () => {
      throw new Error('listener bug');
    };
    await expect(oauth2ClientCredentials(options()).authorize(REQUEST, context)).resolves.toEqual({
      authorization: 'Bearer token-1',
    });
  });
});

describe('oauth2ClientCredentials: concurrency', () => {
  it('sends one token request for 20 concurrent requests', async () => {
    const answer = deferred<Response>();
    const provider = createRecordingFetch(() => answer.promise);
    const { context, events } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options());

    const pending = Array.from({ length: 20 }, () => auth.authorize(REQUEST, context));
    await flushPromises();
    expect(provider.requests).toHaveLength(1);
    answer.resolve(json({ access_token: 'shared', token_type: 'bearer', expires_in: 3600 }));

    const headers = await Promise.all(pending);
    expect(headers).toEqual(Array.from({ length: 20 }, () => ({ authorization: 'Bearer shared' })));
    expect(provider.requests).toHaveLength(1);
    expect(refreshEvents(events)).toHaveLength(1);
  });

  it('rejects every waiter when the shared token request fails, and tries again on the next request', async () => {
    const provider = createRecordingFetch((_request, index) =>
      index === 0 ? json({ error: 'temporarily_unavailable' }, 503) : json({ access_token: 'second' }),
    );
    const { context } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options());

    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => auth.authorize(REQUEST, context)),
    );
    expect(results.map((result) => result.status)).toEqual(Array(5).fill('rejected'));
    expect(provider.requests).toHaveLength(1);

    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer second' });
    expect(provider.requests).toHaveLength(2);
  });

  it('fetches one new token when 20 requests are refused with the same token', async () => {
    const answer = deferred<Response>();
    const provider = createRecordingFetch((_request, index) =>
      index === 0 ? json({ access_token: 'token-1' }) : answer.promise,
    );
    const { context, events } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options());
    const rejected = await auth.authorize(REQUEST, context);
    const replay = async () => {
      expect(auth.onUnauthorized(rejected)).toBe(true);
      return auth.authorize(REQUEST, context);
    };

    // Ten 401s arrive while the new token is being fetched, ten more after it has arrived.
    const early = Array.from({ length: 10 }, replay);
    await flushPromises();
    answer.resolve(json({ access_token: 'token-2' }));
    const settledEarly = await Promise.all(early);
    const late = await Promise.all(Array.from({ length: 10 }, replay));

    expect([...settledEarly, ...late]).toEqual(
      Array.from({ length: 20 }, () => ({ authorization: 'Bearer token-2' })),
    );
    expect(provider.requests).toHaveLength(2);
    expect(refreshEvents(events).map((event) => event.reason)).toEqual(['initial', 'rejected']);
  });

  it('keeps the new token when a late 401 arrives for the token it replaced', async () => {
    const provider = tokenProvider();
    const { context } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options());
    const first = await auth.authorize(REQUEST, context);
    auth.onUnauthorized(first);
    await auth.authorize(REQUEST, context);

    // Header names arrive in any case from the client.
    expect(auth.onUnauthorized({ Authorization: first['authorization'] ?? '' })).toBe(true);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-2' });
    expect(provider.requests).toHaveLength(2);
  });

  it('discards the token on a 401 whatever the case of the header name', async () => {
    const provider = tokenProvider();
    const { context } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options());
    await auth.authorize(REQUEST, context);

    auth.onUnauthorized({ Authorization: 'Bearer token-1' });
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer token-2' });
  });

  it('lets one caller give up without failing the others waiting on the same token', async () => {
    const answer = deferred<Response>();
    const provider = createRecordingFetch(() => answer.promise);
    const { context } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options());
    const quitter = new AbortController();

    const abandoned = auth.authorize(REQUEST, { ...context, signal: quitter.signal });
    const patient = auth.authorize(REQUEST, context);
    await flushPromises();
    quitter.abort(new Error('user stopped iterating'));

    await expect(abandoned).rejects.toThrow('user stopped iterating');
    expect(provider.requests[0]?.signal?.aborted).toBe(false);
    answer.resolve(json({ access_token: 'kept' }));
    await expect(patient).resolves.toEqual({ authorization: 'Bearer kept' });
  });

  it('aborts the token request once every waiting caller has given up, and starts afresh afterwards', async () => {
    const provider = createRecordingFetch((request, index) =>
      index === 0 ? hangUntilAborted(request) : json({ access_token: 'fresh' }),
    );
    const { context } = createContext(provider.fetch);
    const auth = oauth2ClientCredentials(options());
    const first = new AbortController();
    const second = new AbortController();

    const calls = [
      auth.authorize(REQUEST, { ...context, signal: first.signal }),
      auth.authorize(REQUEST, { ...context, signal: second.signal }),
    ];
    await flushPromises();
    first.abort(new Error('stop 1'));
    expect(provider.requests[0]?.signal?.aborted).toBe(false);
    second.abort(new Error('stop 2'));
    expect(provider.requests[0]?.signal?.aborted).toBe(true);

    expect((await Promise.allSettled(calls)).map((result) => result.status)).toEqual([
      'rejected',
      'rejected',
    ]);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer fresh' });
  });
});
