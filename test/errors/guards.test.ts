import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  isAuthenticationError,
  isHttpError,
  isNetworkError,
  isOneRosterError,
  isRateLimitError,
  NetworkError,
  RateLimitError,
  toHttpError,
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

  it('match an error thrown by another copy of the package (same name and brand, other class)', () => {
    class ForeignError extends Error {
      override name = 'AuthenticationError';
      get [Symbol.for('oneroster.error')]() {
        return true;
      }
    }
    expect(isAuthenticationError(new ForeignError('x'))).toBe(true);
    expect(isHttpError(new ForeignError('x'))).toBe(true);
  });

  it('do not match unrelated errors that happen to share a name', () => {
    const domNetworkError = new Error('x');
    domNetworkError.name = 'NetworkError';
    expect(isNetworkError(domNetworkError)).toBe(false);
    expect(isNetworkError(new NetworkError({ method: 'GET', url: 'u', timedOut: true }))).toBe(true);
    expect(isOneRosterError(new AuthenticationError({ status: 401, method: 'GET', url: 'u' }))).toBe(true);
  });
});
