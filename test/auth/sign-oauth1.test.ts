import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type SignOAuth1Options, signOAuth1 } from '../../src/auth/sign-oauth1.js';

interface Vector {
  name: string;
  method: string;
  url: string;
  oauth: Record<string, string>;
  consumerSecret: string;
  tokenSecret: string;
  baseString: string;
  signature: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/oauth1-vectors.json', import.meta.url), 'utf8'),
) as Vector[];

function optionsFrom(vector: Vector): SignOAuth1Options {
  const { oauth } = vector;
  const method = oauth['oauth_signature_method'];
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') throw new Error(`unexpected method ${method}`);
  const version = oauth['oauth_version'];
  if (version !== undefined && version !== '1.0') throw new Error(`unexpected version ${version}`);
  return {
    method: vector.method,
    url: vector.url,
    consumerKey: oauth['oauth_consumer_key'] ?? '',
    consumerSecret: vector.consumerSecret,
    signatureMethod: method,
    nonce: oauth['oauth_nonce'] ?? '',
    timestamp: oauth['oauth_timestamp'] ?? '',
    ...(version === undefined ? {} : { version }),
    ...(oauth['oauth_token'] === undefined ? {} : { token: oauth['oauth_token'] }),
    tokenSecret: vector.tokenSecret,
  };
}

const TWO_LEGGED: SignOAuth1Options = {
  method: 'GET',
  url: 'https://sis.example.org/ims/oneroster/v1p1/users',
  consumerKey: 'or-key',
  consumerSecret: 'or-secret',
  signatureMethod: 'HMAC-SHA256',
  nonce: 'abc123',
  timestamp: 1700000000,
};

/** The normalised parameter part of the base string, decoded once for readability. */
function signedParameters(url: string): string {
  const baseString = signOAuth1({ ...TWO_LEGGED, url }).baseString;
  return decodeURIComponent(baseString.split('&')[2] ?? '');
}

describe('signOAuth1', () => {
  it('has all three shared vectors to check', () => {
    expect(vectors).toHaveLength(3);
  });

  for (const vector of vectors) {
    it(`reproduces the base string and signature of ${vector.name}`, () => {
      const result = signOAuth1(optionsFrom(vector));
      expect(result.baseString).toBe(vector.baseString);
      expect(result.signature).toBe(vector.signature);
    });
  }

  it('builds the Authorization header with sorted, percent-encoded, quoted parameters', () => {
    const vector = vectors[1];
    if (!vector) throw new Error('missing vector');
    expect(signOAuth1(optionsFrom(vector)).authorization).toBe(
      'OAuth oauth_consumer_key="or-key", oauth_nonce="abc123", ' +
        'oauth_signature="cP3U12I3ZiAaWkZmyzG9YSxVDW%2FR1orC4zh7%2BMYU9Nc%3D", ' +
        'oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_version="1.0"',
    );
  });

  it('puts oauth_token in the header for three-legged requests and leaves oauth_version out when unset', () => {
    const [withToken, , withoutVersion] = vectors;
    if (!withToken || !withoutVersion) throw new Error('missing vector');
    expect(signOAuth1(optionsFrom(withToken)).authorization).toContain(', oauth_token="nnch734d00sl2jdk", ');
    expect(signOAuth1(optionsFrom(withoutVersion)).authorization).not.toContain('oauth_version');
    expect(signOAuth1(optionsFrom(withoutVersion)).authorization).not.toContain('oauth_token');
  });

  it('signs with HMAC-SHA1 or HMAC-SHA256 as asked', () => {
    const sha256 = signOAuth1(TWO_LEGGED);
    const sha1 = signOAuth1({ ...TWO_LEGGED, signatureMethod: 'HMAC-SHA1' });
    expect(Buffer.from(sha256.signature, 'base64')).toHaveLength(32);
    expect(Buffer.from(sha1.signature, 'base64')).toHaveLength(20);
    expect(sha256.baseString).toContain('oauth_signature_method%3DHMAC-SHA256');
    expect(sha1.baseString).toContain('oauth_signature_method%3DHMAC-SHA1');
    expect(sha1.authorization).toContain('oauth_signature_method="HMAC-SHA1"');
  });

  it("encodes ! * ' ( ) and spaces per RFC 3986, where encodeURIComponent would not", () => {
    const parameters = signedParameters(
      "https://sis.example.org/users?filter=familyName%3D'O'Brien%20(Jr)!*'",
    );
    expect(parameters).toContain('filter=familyName%3D%27O%27Brien%20%28Jr%29%21%2A%27&');
    const header = signOAuth1({ ...TWO_LEGGED, consumerKey: "key (it's mine)!*" }).authorization;
    expect(header).toContain('oauth_consumer_key="key%20%28it%27s%20mine%29%21%2A"');
  });

  it('signs a + in the query as a space (RFC 5849 3.4.1.3.1) and %2B as a plus', () => {
    const plus = signedParameters('https://sis.example.org/users?filter=givenName%3D%27Colin+Robert%27');
    const percent20 = signedParameters(
      'https://sis.example.org/users?filter=givenName%3D%27Colin%20Robert%27',
    );
    expect(plus).toBe(percent20);
    expect(percent20).toContain('givenName%3D%27Colin%20Robert%27');
    expect(signedParameters('https://sis.example.org/users?email=a%2Bb%40example.org')).toContain(
      'email=a%2Bb%40example.org',
    );
  });

  it('sorts repeated names by value and keeps empty and valueless parameters', () => {
    expect(signedParameters('https://sis.example.org/users?b=2&a=2&a=10&a=1&empty=&flag')).toBe(
      'a=1&a=10&a=2&b=2&empty=&flag=&oauth_consumer_key=or-key&oauth_nonce=abc123' +
        '&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000',
    );
  });

  it('lower-cases scheme and host, drops default ports and the fragment, upper-cases the method', () => {
    const result = signOAuth1({
      ...TWO_LEGGED,
      method: 'get',
      url: 'HTTPS://SIS.Example.ORG:443/Users?a=1#top',
    });
    expect(result.baseString.startsWith('GET&https%3A%2F%2Fsis.example.org%2FUsers&a%3D1%26')).toBe(true);
    const http = signOAuth1({ ...TWO_LEGGED, url: 'http://sis.example.org:80/users' });
    expect(http.baseString.startsWith('GET&http%3A%2F%2Fsis.example.org%2Fusers&')).toBe(true);
  });

  it('excludes an oauth_signature found in the query', () => {
    expect(signedParameters('https://sis.example.org/users?oauth_signature=abc&x=1')).not.toContain(
      'oauth_signature=',
    );
  });

  it('uses consumerSecret& as the key in two-legged OAuth', () => {
    const explicit = signOAuth1({ ...TWO_LEGGED, tokenSecret: '' });
    expect(signOAuth1(TWO_LEGGED).signature).toBe(explicit.signature);
    expect(signOAuth1({ ...TWO_LEGGED, tokenSecret: 'other' }).signature).not.toBe(explicit.signature);
  });
});
