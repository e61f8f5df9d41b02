import { describe, expect, it } from 'vitest';
import { oauth1 } from '../../src/auth/oauth1.js';
import { signOAuth1 } from '../../src/auth/sign-oauth1.js';
import { createContext, createFakeClock, createRecordingFetch } from './helpers.js';

const URL_WITH_FILTER =
  'https://sis.example.org/ims/oneroster/v1p1/users?limit=100&filter=givenName%3D%27Colin%20Robert%27';

function unusedFetch() {
  return createRecordingFetch(() => {
    throw new Error('OAuth 1.0a must not make requests of its own');
  });
}

/** The header's parameters, decoded. */
function parseHeader(header: string): Record<string, string> {
  expect(header.startsWith('OAuth ')).toBe(true);
  const pairs = header.slice('OAuth '.length).split(', ');
  return Object.fromEntries(
    pairs.map((pair) => {
      const match = /^([a-z_]+)="([^"]*)"$/.exec(pair);
      if (!match?.[1] || match[2] === undefined) throw new Error(`malformed header parameter ${pair}`);
      return [match[1], decodeURIComponent(match[2])];
    }),
  );
}

describe('oauth1', () => {
  it('signs the exact URL with HMAC-SHA256, the clock time in seconds and oauth_version 1.0', async () => {
    const clock = createFakeClock(1_700_000_123_999);
    const fetch = unusedFetch();
    const { context } = createContext(fetch.fetch, clock);
    const auth = oauth1({ consumerKey: 'or-key', consumerSecret: 's3cr&t' });

    expect(auth.kind).toBe('oauth1');
    const { authorization } = await auth.authorize({ method: 'GET', url: URL_WITH_FILTER }, context);
    const parameters = parseHeader(authorization ?? '');

    expect(parameters).toMatchObject({
      oauth_consumer_key: 'or-key',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: '1700000123',
      oauth_version: '1.0',
    });
    // Signing again with the nonce it chose must give the same signature: the exact URL was signed.
    const expected = signOAuth1({
      method: 'GET',
      url: URL_WITH_FILTER,
      consumerKey: 'or-key',
      consumerSecret: 's3cr&t',
      signatureMethod: 'HMAC-SHA256',
      nonce: parameters['oauth_nonce'] ?? '',
      timestamp: 1700000123,
      version: '1.0',
    });
    expect(authorization).toBe(expected.authorization);
    expect(fetch.requests).toHaveLength(0);
  });

  it('signs with HMAC-SHA1 when asked', async () => {
    const { context } = createContext(unusedFetch().fetch);
    const auth = oauth1({ consumerKey: 'k', consumerSecret: 's', signatureMethod: 'HMAC-SHA1' });
    const { authorization } = await auth.authorize({ method: 'GET', url: URL_WITH_FILTER }, context);
    const parameters = parseHeader(authorization ?? '');
    expect(parameters['oauth_signature_method']).toBe('HMAC-SHA1');
    expect(Buffer.from(parameters['oauth_signature'] ?? '', 'base64')).toHaveLength(20);
  });

  it('uses a fresh random nonce for every request, even within one second', async () => {
    const { context } = createContext(unusedFetch().fetch, createFakeClock());
    const auth = oauth1({ consumerKey: 'k', consumerSecret: 's' });
    const headers = await Promise.all(
      Array.from({ length: 200 }, () => auth.authorize({ method: 'GET', url: URL_WITH_FILTER }, context)),
    );
    const nonces = headers.map(({ authorization }) => parseHeader(authorization ?? '')['oauth_nonce']);
    expect(new Set(nonces).size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(headers.map(({ authorization }) => authorization)).size).toBe(200);
  });

  it('does not ask for a replay after a 401', async () => {
    const { context } = createContext(unusedFetch().fetch);
    const auth = oauth1({ consumerKey: 'k', consumerSecret: 's' });
    const rejected = await auth.authorize({ method: 'GET', url: URL_WITH_FILTER }, context);
    expect(auth.onUnauthorized()).toBe(false);
    expect(rejected['authorization']).toMatch(/^OAuth /);
  });

  it('refuses empty credentials', () => {
    expect(() => oauth1({ consumerKey: '', consumerSecret: 's' })).toThrow(/consumerKey/);
    expect(() => oauth1({ consumerKey: 'k', consumerSecret: '' })).toThrow(/consumerSecret/);
  });
});
