import { describe, expect, it } from 'vitest';
import {
  type OAuth2ClientCredentialsOptions,
  oauth2ClientCredentials,
} from '../../src/auth/oauth2-client-credentials.js';
import { isTokenError } from '../../src/errors/guards.js';
import type { TokenError } from '../../src/errors/token-error.js';
import {
  createContext,
  createFakeClock,
  createRecordingFetch,
  flushPromises,
  hangUntilAborted,
  json,
  type Responder,
  serializeError,
} from './helpers.js';

const REQUEST = { method: 'GET', url: 'https://sis.example.org/ims/oneroster/v1p1/orgs' };
const SECRET = 'Sup3r-S3cret/Value';
/** base64("district-7:Sup3r-S3cret%2FValue"), the Basic credential. */
const BASIC = btoa('district-7:Sup3r-S3cret%2FValue');
const OPTIONS: OAuth2ClientCredentialsOptions = {
  tokenUrl: 'https://sis.example.org/oauth/token?client_secret=leaked',
  clientId: 'district-7',
  clientSecret: SECRET,
};

async function tokenErrorFrom(respond: Responder, options = OPTIONS): Promise<TokenError> {
  const { context } = createContext(createRecordingFetch(respond).fetch);
  const error: unknown = await oauth2ClientCredentials(options)
    .authorize(REQUEST, context)
    .then(
      () => undefined,
      (reason: unknown) => reason,
    );
  if (!isTokenError(error)) throw new Error(`expected a TokenError, got ${String(error)}`);
  return error;
}

function expectNoSecrets(error: unknown, ...more: string[]): void {
  const text = serializeError(error);
  for (const secret of [SECRET, encodeURIComponent(SECRET), BASIC, 'leaked', ...more]) {
    expect(text).not.toContain(secret);
  }
}

describe('oauth2ClientCredentials: token endpoint failures', () => {
  it('carries the OAuth error, its description, the status and the redacted token URL', async () => {
    const error = await tokenErrorFrom(() =>
      json({ error: 'invalid_client', error_description: 'Client authentication failed' }, 401),
    );

    expect(error.name).toBe('TokenError');
    expect(error.status).toBe(401);
    expect(error.error).toBe('invalid_client');
    expect(error.errorDescription).toBe('Client authentication failed');
    expect(error.tokenUrl).toBe('https://sis.example.org/oauth/token?client_secret=[redacted]');
    expect(error.message).toBe(
      'Token request to https://sis.example.org/oauth/token?client_secret=[redacted] failed with HTTP 401 ' +
        '(invalid_client: Client authentication failed)',
    );
    expectNoSecrets(error);
  });

  it('reports a body that is not JSON, with the status', async () => {
    const error = await tokenErrorFrom(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(error.status).toBe(502);
    expect(error.error).toBeUndefined();
    expect(error.message).toContain('the response body is not a JSON object');
    expect(error.message).not.toContain('<html>');
  });

  it('reports a 200 without an access_token', async () => {
    const error = await tokenErrorFrom(() => json({ token_type: 'bearer', expires_in: 3600 }));
    expect(error.status).toBe(200);
    expect(error.message).toContain('the response has no access_token');
  });

  it('reports an OAuth error sent with status 200', async () => {
    const error = await tokenErrorFrom(() => json({ error: 'invalid_scope' }));
    expect(error.status).toBe(200);
    expect(error.error).toBe('invalid_scope');
  });

  it('refuses a token type other than bearer', async () => {
    const error = await tokenErrorFrom(() => json({ access_token: 'mac-token', token_type: 'mac' }));
    expect(error.message).toContain('the token_type is not bearer');
    expectNoSecrets(error, 'mac-token');
  });

  it('reports a network failure without status, naming the system error but not its message', async () => {
    const error = await tokenErrorFrom(() => {
      const cause = Object.assign(new Error(`connect ECONNREFUSED, sent Basic ${BASIC}`), {
        code: 'ECONNREFUSED',
      });
      throw new TypeError('fetch failed', { cause });
    });
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('network error (ECONNREFUSED)');
    expectNoSecrets(error);
  });

  it('times out on the injected clock, without status', async () => {
    const clock = createFakeClock();
    const provider = createRecordingFetch(hangUntilAborted);
    const { context } = createContext(provider.fetch, clock);
    const pending = oauth2ClientCredentials(OPTIONS)
      .authorize(REQUEST, context)
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    await flushPromises();

    clock.advance(4_999);
    expect(provider.requests[0]?.signal?.aborted).toBe(false);
    clock.advance(1);
    const error = await pending;

    expect(isTokenError(error)).toBe(true);
    expect((error as TokenError).status).toBeUndefined();
    expect((error as TokenError).message).toContain('timed out');
  });

  it('stops the timeout timer once the token arrives', async () => {
    const clock = createFakeClock();
    const { context } = createContext(
      createRecordingFetch(() => json({ access_token: 'quick' })).fetch,
      clock,
    );
    await oauth2ClientCredentials(OPTIONS).authorize(REQUEST, context);
    expect(clock.pendingSleeps()).toBe(0);
  });
});

describe('oauth2ClientCredentials: secrets stay out of errors', () => {
  it('scrubs credentials a provider echoes in its error description', async () => {
    const error = await tokenErrorFrom(() =>
      json(
        { error: 'invalid_client', error_description: `secret ${SECRET} does not match (Basic ${BASIC})` },
        400,
      ),
    );
    expect(error.errorDescription).toBe('secret [redacted] does not match (Basic [redacted])');
    expectNoSecrets(error);
  });

  it('keeps the client secret out of errors when it is sent in the body', async () => {
    const error = await tokenErrorFrom(
      () =>
        json(
          { error: 'invalid_request', error_description: `client_secret=${encodeURIComponent(SECRET)}` },
          400,
        ),
      { ...OPTIONS, clientAuth: 'body' },
    );
    expectNoSecrets(error);
  });

  it('never shows the access token when a later check refuses the response', async () => {
    const error = await tokenErrorFrom(() => json({ access_token: 'eyJ.secret-token', token_type: 'MAC' }));
    expectNoSecrets(error, 'eyJ.secret-token');
  });

  it('keeps the secret out of option validation errors', () => {
    let thrown: unknown;
    try {
      oauth2ClientCredentials({ ...OPTIONS, tokenUrl: `::${SECRET}` });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expectNoSecrets(thrown);
  });

  it('refuses a token URL with user info, which fetch would refuse on every request', () => {
    expect(() =>
      oauth2ClientCredentials({ ...OPTIONS, tokenUrl: 'https://admin:hunter2@sis.example.org/token' }),
    ).toThrow(
      /^oauth2ClientCredentials: tokenUrl must not contain credentials; use clientId and clientSecret$/,
    );
  });
});
