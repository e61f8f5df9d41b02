import { describe, expect, it } from 'vitest';
import { createOneRosterClient } from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

const auth = staticBearer('t');

describe('client options', () => {
  it('applies every default in one place', () => {
    const client = createOneRosterClient({ baseUrl: 'https://sis.test/ims/oneroster/v1p1/', auth });
    expect(client.options).toMatchObject({
      baseUrl: 'https://sis.test/ims/oneroster/v1p1',
      pageSize: 1_000,
      concurrency: 4,
      requestsPerSecond: undefined,
      timeoutMs: 60_000,
      userAgent: 'oneroster-js',
      retry: { retries: 5, minDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 },
    });
  });

  it.each([
    [{ baseUrl: 'sis.test/ims' }, /baseUrl/],
    [{ pageSize: 0 }, /pageSize/],
    [{ concurrency: 1.5 }, /concurrency/],
    [{ requestsPerSecond: -1 }, /requestsPerSecond/],
    [{ timeoutMs: Number.NaN }, /timeoutMs/],
    [{ retry: { retries: -1 } }, /retry\.retries/],
  ])('refuses a wrong option with a clear error: %o', (override, message) => {
    expect(() => createOneRosterClient({ baseUrl: 'https://sis.test', auth, ...override })).toThrow(message);
  });

  it('refuses a missing auth strategy', () => {
    // @ts-expect-error auth is required
    expect(() => createOneRosterClient({ baseUrl: 'https://sis.test' })).toThrow(/auth/);
  });
});
