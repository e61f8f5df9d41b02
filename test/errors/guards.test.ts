import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../src/errors/http-errors.js';
import {
  AuthenticationError,
  isAuthenticationError,
  isHttpError,
  isNetworkError,
  isOneRosterError,
  isRateLimitError,
  NetworkError,
  RateLimitError,
} from '../../src/index.js';

describe('error classes and guards', () => {
  it('maps each status to its class through one factory', () => {
    const details = { method: 'GET', url: 'https://sis.test/x' };
    expect(toHttpError({ ...details, status: 401 }).name).toBe('AuthenticationError');
    expect(toHttpError({ ...details, status: 403 }).name).toBe('PermissionError');
    expect(toHttpError({ ...details, status: 404 }).name).toBe('NotFoundError');
    expect(toHttpError({ ...details, status: 400 }).name).toBe('InvalidRequestError');
    expect(toHttpError({ ...details, status: 422 }).name).toBe('InvalidRequestError');
    expect(toHttpError({ ...details, status: 429 }).name).toBe('RateLimitError');
    expect(toHttpError({ ...details, status: 502 }).name).toBe('ServerError');
    expect(toHttpError({ ...details, status: 413 }).name).toBe('OneRosterHttpError');
  });

  it('match subclasses through their parents', () => {
    const error = new RateLimitError({
      status: 429,
      method: 'GET',
      url: 'https://sis.test/x',
      retryAfterMs: 5,
    });
    expect(isRateLimitError(error)).toBe(true);
    expect(isHttpError(error)).toBe(true);
    expect(isOneRosterError(error)).toBe(true);
    expect(isAuthenticationError(error)).toBe(false);
    expect(error).toBeInstanceOf(Error);
  });

  it('match an error thrown by another copy of the package (same brand and kind chain, other class)', () => {
    class ForeignError extends Error {
      override name = 'AuthenticationError';
      constructor(message: string) {
        super(message);
        // What every copy's OneRosterError carries: the registered brand, valued with the kind chain.
        Object.defineProperty(this, Symbol.for('oneroster.error'), {
          value: ['AuthenticationError', 'OneRosterHttpError', 'OneRosterError'],
        });
      }
    }
    expect(isAuthenticationError(new ForeignError('x'))).toBe(true);
    expect(isHttpError(new ForeignError('x'))).toBe(true);
    expect(isRateLimitError(new ForeignError('x'))).toBe(false);
  });

  it('read the kind each class declares, not its constructor name, which minifiers rename', () => {
    const a = class extends RateLimitError {};
    const error = new a({ status: 429, method: 'GET', url: 'u' });
    expect(a.name).not.toBe('RateLimitError');
    expect(error.name).toBe('RateLimitError');
    expect(isRateLimitError(error)).toBe(true);
    expect(isHttpError(error)).toBe(true);
  });

  it('do not match unrelated errors that happen to share a name', () => {
    const domNetworkError = new Error('x');
    domNetworkError.name = 'NetworkError';
    expect(isNetworkError(domNetworkError)).toBe(false);
    expect(isNetworkError(new NetworkError({ method: 'GET', url: 'u', timedOut: true }))).toBe(true);
    expect(isOneRosterError(new AuthenticationError({ status: 401, method: 'GET', url: 'u' }))).toBe(true);
  });
});
