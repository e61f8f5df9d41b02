import type { AuthStrategy } from '../../src/base/auth-strategy.js';

/** The smallest auth strategy: a fixed bearer token, for transport tests that are not about auth. */
export function staticBearer(token: string): AuthStrategy {
  return { kind: 'bearer', authorize: async () => ({ authorization: `Bearer ${token}` }) };
}
