import type { MockServer } from '../../testing/provider/node-server.js';

/** The `ONEROSTER_*` variables that point the CLI (and the examples) at a running mock server. */
export function connectionEnv(server: MockServer, auth: string): Record<string, string> {
  const env: Record<string, string> = { ONEROSTER_BASE_URL: server.baseUrl, ONEROSTER_AUTH: auth };
  if (auth === 'oauth2' && server.tokenUrl !== undefined) env['ONEROSTER_TOKEN_URL'] = server.tokenUrl;
  if (auth === 'oauth2' || auth === 'oauth1') {
    env['ONEROSTER_CLIENT_ID'] = server.clientId;
    env['ONEROSTER_CLIENT_SECRET'] = server.clientSecret;
  }
  if (auth === 'bearer' && server.bearerToken !== undefined) env['ONEROSTER_TOKEN'] = server.bearerToken;
  // `none` needs no credentials; the CLI still wants some, and the mock accepts any bearer token.
  if (auth === 'none') {
    env['ONEROSTER_AUTH'] = 'bearer';
    env['ONEROSTER_TOKEN'] = 'none';
  }
  return env;
}
