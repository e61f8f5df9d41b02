/**
 * `oneroster/testing/msw`: the mock provider of `oneroster/testing` as msw request handlers, for
 * tests that intercept `fetch` in the process instead of listening on a port. Needs msw (v2), an
 * optional peer dependency: `npm install --save-dev msw`.
 * @example
 * import { setupServer } from 'msw/node';
 * import { generateDistrict } from 'oneroster/testing';
 * import { createMockProvider } from 'oneroster/testing/msw';
 *
 * const provider = createMockProvider({ district: generateDistrict({ preset: 'small' }) });
 * const server = setupServer(...provider.handlers);
 * @categoryDescription Testing
 * The mock provider as msw request handlers. See the [testing](../../docs/testing.md) guide.
 * @packageDocumentation
 * @module oneroster/testing/msw
 */

export { createMockProvider, type MockProvider } from './provider/msw-adapter.js';
