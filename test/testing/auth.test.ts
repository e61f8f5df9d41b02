import { describe, expect, it } from 'vitest';
import {
  generateDistrict,
  type MockAuthOptions,
  ONEROSTER_V1P1_SCOPES,
  oauth1BaseString,
  oauth1Signature,
} from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import vectors from '../fixtures/oauth1-vectors.json' with { type: 'json' };
import { codeMinorOf, fetchToken, getJson, useMsw } from './helpers.js';

const msw = useMsw();
const district = generateDistrict({ preset: 'tiny' });

function setup(auth: MockAuthOptions, now: () => number = Date.now, baseUrl?: string) {
  const provider = createMockProvider({ district, auth, now, ...(baseUrl === undefined ? {} : { baseUrl }) });
  msw.install(provider.handlers);
  return provider;
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('OAuth 2.0 client credentials', () => {
  it('issues opaque random tokens to HTTP Basic and to body client authentication', async () => {
    const provider = setup({ type: 'oauth2' });
    expect(provider.tokenUrl).toBe('https://oneroster.mock/oauth2/token');
    const viaBasic = await fetch(provider.tokenUrl as string, {
      method: 'POST',
      headers: { ...form, authorization: basic(provider.clientId, provider.clientSecret) },
      body: 'grant_type=client_credentials',
    });
    const token = (await viaBasic.json()) as Record<string, unknown>;
    expect(token).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      scope: Object.values(ONEROSTER_V1P1_SCOPES).join(' '),
    });
    expect(String(token.access_token).length).toBeGreaterThanOrEqual(32);
    const viaBody = await fetch(provider.tokenUrl as string, {
      method: 'POST',
      headers: form,
      body: `grant_type=client_credentials&client_id=${provider.clientId}&client_secret=${provider.clientSecret}`,
    });
    const second = (await viaBody.json()) as Record<string, unknown>;
    expect(second.access_token).not.toBe(token.access_token);
    expect(provider.stats.tokenRequests).toBe(2);
    const data = await getJson(provider.baseUrl, '/users', {
      headers: { authorization: `Bearer ${second.access_token}` },
    });
    expect(data.status).toBe(200);
  });

  it('enforces the configured client authentication method and the credentials', async () => {
    const basicOnly = setup({
      type: 'oauth2',
      clientAuthentication: 'basic',
      clientId: 'a b',
      clientSecret: 's:e',
    });
    const bodyAttempt = await fetch(basicOnly.tokenUrl as string, {
      method: 'POST',
      headers: form,
      body: 'grant_type=client_credentials&client_id=a%20b&client_secret=s%3Ae',
    });
    expect(bodyAttempt.status).toBe(401);
    expect(((await bodyAttempt.json()) as { error: string }).error).toBe('invalid_client');
    // RFC 6749 2.3.1: Basic credentials are form-encoded first.
    const encoded = await fetch(basicOnly.tokenUrl as string, {
      method: 'POST',
      headers: { ...form, authorization: basic('a+b', 's%3Ae') },
      body: 'grant_type=client_credentials',
    });
    expect(encoded.status).toBe(200);
    const wrong = await fetch(basicOnly.tokenUrl as string, {
      method: 'POST',
      headers: { ...form, authorization: basic('a+b', 'nope') },
      body: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
    const grant = await fetch(basicOnly.tokenUrl as string, {
      method: 'POST',
      headers: { ...form, authorization: basic('a+b', 's%3Ae') },
      body: 'grant_type=password',
    });
    expect(grant.status).toBe(400);
  });

  it('answers 401 unauthorisedrequest without a token, with an unknown one, and once it expired', async () => {
    let clock = 1_000_000;
    const provider = setup({ type: 'oauth2', tokenLifetimeSeconds: 60 }, () => clock);
    const none = await getJson(provider.baseUrl, '/users');
    expect(none.status).toBe(401);
    expect(codeMinorOf(none.body)).toBe('unauthorisedrequest');
    const unknown = await fetch(`${provider.baseUrl}/users`, { headers: { authorization: 'Bearer nope' } });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const token = await fetchToken(provider);
    const auth = { headers: { authorization: `Bearer ${token}` } };
    expect((await getJson(provider.baseUrl, '/users', auth)).status).toBe(200);
    clock += 59_000;
    expect((await getJson(provider.baseUrl, '/users', auth)).status).toBe(200);
    clock += 2_000;
    expect((await getJson(provider.baseUrl, '/users', auth)).status).toBe(401);
  });

  it('writes expires_in as a string or leaves it out when configured', async () => {
    for (const [expiresIn, expected] of [
      ['string', '3600'],
      ['omit', undefined],
    ] as const) {
      const provider = setup({ type: 'oauth2', expiresIn });
      const response = await fetch(provider.tokenUrl as string, {
        method: 'POST',
        headers: { ...form, authorization: basic(provider.clientId, provider.clientSecret) },
        body: 'grant_type=client_credentials',
      });
      expect(((await response.json()) as Record<string, unknown>).expires_in).toBe(expected);
    }
  });

  it('grants the requested scopes and enforces them per endpoint', async () => {
    const provider = setup({ type: 'oauth2' });
    const as = async (scope: string, path: string) => {
      const token = await fetchToken(provider, scope);
      return getJson(provider.baseUrl, path, { headers: { authorization: `Bearer ${token}` } });
    };
    expect((await as(ONEROSTER_V1P1_SCOPES.rosterCore, '/users')).status).toBe(200);
    const forbidden = await as(ONEROSTER_V1P1_SCOPES.rosterCore, '/demographics');
    expect(forbidden.status).toBe(403);
    expect(codeMinorOf(forbidden.body)).toBe('forbidden');
    expect((await as(ONEROSTER_V1P1_SCOPES.rosterCore, '/schools/org-0000000001/classes')).status).toBe(403);
    expect((await as(ONEROSTER_V1P1_SCOPES.roster, '/schools/org-0000000001/classes')).status).toBe(200);
    expect((await as(ONEROSTER_V1P1_SCOPES.roster, '/demographics/usr-0000000000')).status).toBe(403);
    expect((await as(ONEROSTER_V1P1_SCOPES.demographics, '/demographics')).status).toBe(200);
    expect(
      (await as(`${ONEROSTER_V1P1_SCOPES.rosterCore} ${ONEROSTER_V1P1_SCOPES.demographics}`, '/demographics'))
        .status,
    ).toBe(200);
    const invalid = await fetch(provider.tokenUrl as string, {
      method: 'POST',
      headers: { ...form, authorization: basic(provider.clientId, provider.clientSecret) },
      body: 'grant_type=client_credentials&scope=https%3A%2F%2Fexample.org%2Fother',
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toBe('invalid_scope');
  });

  it('grants only the scopes configured for the client', async () => {
    const provider = setup({ type: 'oauth2', scopes: [ONEROSTER_V1P1_SCOPES.rosterCore] });
    const token = await fetchToken(provider);
    const auth = { headers: { authorization: `Bearer ${token}` } };
    expect((await getJson(provider.baseUrl, '/demographics', auth)).status).toBe(403);
  });
});

/** OAuth header from parameters, each value percent-encoded per RFC 3986. */
function oauthHeader(params: Record<string, string>): string {
  const enc = (text: string) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `OAuth ${Object.entries(params)
    .map(([k, v]) => `${k}="${enc(v)}"`)
    .join(', ')}`;
}

describe('OAuth 1.0a', () => {
  it('computes the base string and signature of every shared vector', () => {
    for (const vector of vectors) {
      const params = new Map(Object.entries(vector.oauth as Record<string, string>));
      expect(oauth1BaseString(vector.method, vector.url, params), vector.name).toBe(vector.baseString);
      const method = vector.oauth.oauth_signature_method as 'HMAC-SHA1' | 'HMAC-SHA256';
      expect(
        oauth1Signature(method, vector.baseString, vector.consumerSecret, vector.tokenSecret),
        vector.name,
      ).toBe(vector.signature);
    }
  });

  it('accepts requests signed exactly as the two-legged OneRoster vectors', async () => {
    for (const vector of vectors.filter((v) => !('oauth_token' in v.oauth))) {
      const url = new URL(vector.url);
      const provider = setup(
        {
          type: 'oauth1',
          consumerKey: vector.oauth.oauth_consumer_key,
          consumerSecret: vector.consumerSecret,
        },
        () => Number(vector.oauth.oauth_timestamp) * 1000,
        url.origin,
      );
      const response = await fetch(vector.url, {
        headers: {
          authorization: oauthHeader({
            ...(vector.oauth as Record<string, string>),
            oauth_signature: vector.signature,
          }),
        },
      });
      // Vector 3 names a school that does not exist: authenticated, then 404.
      expect([200, 404], vector.name).toContain(response.status);
      expect(provider.stats.statuses[401]).toBeUndefined();
    }
  });

  function signed(
    provider: { baseUrl: string; clientId: string; clientSecret: string },
    path: string,
    timestampS: number,
    options: { nonce?: string; method?: 'HMAC-SHA256' | 'HMAC-SHA1'; secret?: string } = {},
  ) {
    const url = `${provider.baseUrl}${path}`;
    const oauth = {
      oauth_consumer_key: provider.clientId,
      oauth_nonce: options.nonce ?? Math.random().toString(36).slice(2),
      oauth_signature_method: options.method ?? 'HMAC-SHA256',
      oauth_timestamp: String(timestampS),
      oauth_version: '1.0',
    };
    const base = oauth1BaseString('GET', url, new Map(Object.entries(oauth)));
    const signature = oauth1Signature(
      oauth.oauth_signature_method,
      base,
      options.secret ?? provider.clientSecret,
    );
    return fetch(url, { headers: { authorization: oauthHeader({ ...oauth, oauth_signature: signature }) } });
  }

  it('accepts a clock skew of 4 minutes either way and refuses 6 minutes', async () => {
    const nowS = 1_800_000_000;
    const provider = setup({ type: 'oauth1' }, () => nowS * 1000);
    const path = `/users?filter=${encodeURIComponent("familyName='O'Connor' AND givenName='Mary Ann'")}&fields=sourcedId,givenName`;
    expect((await signed(provider, path, nowS - 240)).status).toBe(200);
    expect((await signed(provider, path, nowS + 240)).status).toBe(200);
    expect((await signed(provider, path, nowS - 360)).status).toBe(401);
    expect((await signed(provider, path, nowS + 360)).status).toBe(401);
  });

  it('refuses a replayed nonce, a wrong secret, and a method that is not accepted', async () => {
    const nowS = 1_800_000_000;
    const provider = setup({ type: 'oauth1', signatureMethods: ['HMAC-SHA256'] }, () => nowS * 1000);
    expect((await signed(provider, '/orgs', nowS, { nonce: 'once' })).status).toBe(200);
    expect((await signed(provider, '/orgs', nowS, { nonce: 'once' })).status).toBe(401);
    expect((await signed(provider, '/orgs', nowS, { secret: 'wrong' })).status).toBe(401);
    expect((await signed(provider, '/orgs', nowS, { method: 'HMAC-SHA1' })).status).toBe(401);
    const sha1 = setup({ type: 'oauth1' }, () => nowS * 1000);
    expect((await signed(sha1, '/orgs', nowS, { method: 'HMAC-SHA1' })).status).toBe(200);
  });
});

describe('static bearer and no auth', () => {
  it('accepts only the static token', async () => {
    const provider = setup({ type: 'bearer', token: 'district-token' });
    expect(provider.bearerToken).toBe('district-token');
    expect(
      (await getJson(provider.baseUrl, '/orgs', { headers: { authorization: 'Bearer district-token' } }))
        .status,
    ).toBe(200);
    expect(
      (await getJson(provider.baseUrl, '/orgs', { headers: { authorization: 'Bearer other' } })).status,
    ).toBe(401);
  });

  it('serves without credentials in none mode', async () => {
    const provider = setup({ type: 'none' });
    expect(provider.tokenUrl).toBeUndefined();
    expect((await getJson(provider.baseUrl, '/demographics')).status).toBe(200);
  });
});
