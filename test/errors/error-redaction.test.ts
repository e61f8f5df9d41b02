import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../src/errors/http-errors.js';
import { ProtocolError } from '../../src/index.js';

const statusInfo = {
  codeMajor: 'failure',
  codeMinor: 'invalid_filter_field',
  description: `Invalid filter field 'familyName' for "Jane Doe" <jane.doe@example.org>, token Bearer tok-123.abc`,
};
const expected = `Invalid filter field 'familyName' for "[redacted]" <[redacted]>, token Bearer [redacted]`;

describe('errors built from provider status info show no secret or personal data', () => {
  it('an HTTP error redacts its status info and message whoever built it', () => {
    const error = toHttpError({ status: 400, method: 'GET', url: 'https://sis.test/users', statusInfo });
    expect(error.statusInfo?.description).toBe(expected);
    expect(error.message).toContain(expected);
    for (const text of [error.message, JSON.stringify(error), String(error)]) {
      expect(text).not.toMatch(/Jane Doe|jane\.doe@|tok-123/);
    }
  });

  it('a protocol error redacts its status info whoever built it', () => {
    const error = new ProtocolError({
      reason: 'error-envelope',
      method: 'GET',
      url: 'https://sis.test/users',
      statusInfo,
      message: 'The provider answered 2xx with an error envelope',
    });
    expect(error.statusInfo?.description).toBe(expected);
    expect(JSON.stringify(error)).not.toMatch(/Jane Doe|jane\.doe@|tok-123/);
  });
});
