import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauth1 } from '../../src/auth/oauth1.js';
import { oauth2ClientCredentials } from '../../src/auth/oauth2-client-credentials.js';
import { signOAuth1 } from '../../src/auth/sign-oauth1.js';
import { systemClock } from '../../src/base/clock.js';
import type { OneRosterEvent } from '../../src/base/events.js';
import { createHttpTransport } from '../../src/transport/http-transport.js';

const BASE = 'https://sis.example.org/ims/oneroster/v1p1';
const TOKEN_URL = 'https://sis.example.org/oauth/token';

/** A provider that checks credentials as a real one would: from the bytes that arrived. */
const server = setupServer(
  http.post(TOKEN_URL, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    const basic = request.headers.get('authorization');
    const [id, secret] = basic
      ? atob(basic.replace(/^Basic /, ''))
          .split(':')
          .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')))
      : [form.get('client_id'), form.get('client_secret')];
    if (request.headers.get('content-type') !== 'application/x-www-form-urlencoded') {
      return HttpResponse.json({ error: 'invalid_request' }, { status: 400 });
    }
    if (form.get('grant_type') !== 'client_credentials' || id !== 'vendor app' || secret !== 'päss word+1') {
      return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
    }
    return HttpResponse.json({
      access_token: `issued-for-${form.get('scope')}`,
      token_type: 'Bearer',
      expires_in: '3600',
    });
  }),
  http.get(`${BASE}/users`, ({ request }) => {
    const header = request.headers.get('authorization') ?? '';
    const received = Object.fromEntries(
      [...header.matchAll(/(oauth_[a-z_]+)="([^"]*)"/g)].map((match) => [
        match[1],
        decodeURIComponent(match[2] ?? ''),
      ]),
    );
    const expected = signOAuth1({
      method: request.method,
      url: request.url,
      consumerKey: 'or-key',
      consumerSecret: 'or-secret',
      signatureMethod: 'HMAC-SHA256',
      nonce: received['oauth_nonce'] ?? '',
      timestamp: received['oauth_timestamp'] ?? '',
      version: '1.0',
    });
    return received['oauth_signature'] === expected.signature
      ? HttpResponse.json({ users: [] })
      : HttpResponse.json({ imsx_codeMajor: 'failure' }, { status: 401 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function realContext(events: OneRosterEvent[] = []) {
  return {
    send: createHttpTransport({
      fetch: globalThis.fetch,
      clock: systemClock,
      timeoutMs: 5_000,
      maxResponseBytes: 1_000_000,
    }),
    clock: systemClock,
    userAgent: 'oneroster-test/1.0',
    emit: (event: OneRosterEvent) => events.push(event),
  };
}

describe('authentication over real fetch', () => {
  for (const clientAuth of ['basic', 'body'] as const) {
    it(`obtains a token with ${clientAuth} client authentication from a form-decoding provider`, async () => {
      const events: OneRosterEvent[] = [];
      const auth = oauth2ClientCredentials({
        tokenUrl: TOKEN_URL,
        clientId: 'vendor app',
        clientSecret: 'päss word+1',
        scope: 'roster.readonly',
        clientAuth,
      });
      const headers = await auth.authorize({ method: 'GET', url: `${BASE}/users` }, realContext(events));
      expect(headers).toEqual({ authorization: 'Bearer issued-for-roster.readonly' });
      expect(events).toMatchObject([{ type: 'token-refreshed', expiresInMs: 3_600_000, reason: 'initial' }]);
    });
  }

  it('signs the URL exactly as fetch puts it on the wire, quotes and spaces in the filter included', async () => {
    const auth = oauth1({ consumerKey: 'or-key', consumerSecret: 'or-secret' });
    const url = `${BASE}/users?filter=familyName%3D%27O'Brien%20(Jr)%27%20AND%20status%3D%27active%27&limit=5`;
    const headers = await auth.authorize({ method: 'GET', url }, realContext());
    const response = await fetch(url, { headers });
    expect(response.status).toBe(200);
  });
});
