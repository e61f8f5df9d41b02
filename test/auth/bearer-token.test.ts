import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../src/auth/bearer-token.js';
import { createContext, createRecordingFetch } from './helpers.js';

const REQUEST = { method: 'GET', url: 'https://sis.example.org/ims/oneroster/v1p1/orgs' };
const { context } = createContext(createRecordingFetch(() => new Response('{}')).fetch);

describe('bearerToken', () => {
  it('sends a static token and does not ask for a replay after a 401', async () => {
    const auth = bearerToken('static-token');
    expect(auth.kind).toBe('bearer');
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer static-token' });
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer static-token' });
    expect(auth.onUnauthorized()).toBe(false);
  });

  it('asks the function for the token before every request, so a rotated token is used', async () => {
    const issued = ['first', 'second', 'third'];
    let calls = 0;
    const auth = bearerToken(() => issued[calls++] ?? 'none');

    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer first' });
    expect(auth.onUnauthorized()).toBe(true);
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer second' });
    expect(calls).toBe(2);
  });

  it('awaits an async token function', async () => {
    const auth = bearerToken(async () => 'from-vault');
    expect(await auth.authorize(REQUEST, context)).toEqual({ authorization: 'Bearer from-vault' });
  });

  it('refuses an empty token, static or returned', async () => {
    expect(() => bearerToken('')).toThrow(TypeError);
    await expect(bearerToken(async () => '').authorize(REQUEST, context)).rejects.toThrow(/non-empty string/);
  });

  it('passes on the error of a failing token function', async () => {
    const failure = new Error('vault unreachable');
    await expect(
      bearerToken(() => {
        throw failure;
      }).authorize(REQUEST, context),
    ).rejects.toBe(failure);
  });
});
