import { connectionEnv } from '../../src/cli/mock/connection-env.js';
import type { MockServer, MockServerOptions } from '../../src/testing/index.js';
import { generateDistrict, startMockServer } from '../../src/testing/index.js';

/** A tiny-district mock server and the ONEROSTER_* environment pointing at it. */
export async function startMock(
  options: MockServerOptions = {},
): Promise<{ server: MockServer; env: Record<string, string> }> {
  const server = await startMockServer({ district: generateDistrict({ preset: 'tiny' }), ...options });
  return { server, env: connectionEnv(server, options.auth?.type ?? 'oauth2') };
}
