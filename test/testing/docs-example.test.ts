// The examples of docs/testing.md, verbatim but for the import path: they must compile and pass.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict, startMockServer } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';

describe('roster sync (msw)', () => {
  const district = generateDistrict({ preset: 'small', seed: 42 });
  const provider = createMockProvider({ district, quirks: { maxPageSize: 50 } });
  const server = setupServer(...provider.handlers);

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => provider.stats.reset());
  afterAll(() => {
    server.close();
    provider.close();
  });

  it('pulls every student although the provider clamps pages to 50', async () => {
    const tokenResponse = await fetch(provider.tokenUrl as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa(`${provider.clientId}:${provider.clientSecret}`)}`,
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };

    const ids: string[] = [];
    for (let offset = 0; ; ) {
      const response = await fetch(
        `${provider.baseUrl}/students?limit=100&offset=${offset}&fields=sourcedId`,
        {
          headers: { authorization: `Bearer ${access_token}` },
        },
      );
      const { users } = (await response.json()) as { users: Array<{ sourcedId: string }> };
      if (users.length === 0) break;
      ids.push(...users.map((user) => user.sourcedId));
      offset += users.length;
    }

    expect(ids).toHaveLength(district.shape.students);
    expect(provider.stats.fieldsRequested.users).toEqual(['sourcedId']);
    expect(provider.stats.byRoute['/demographics']).toBeUndefined();
  });
});

describe('roster sync (real server)', () => {
  it('sees a tombstone in the next delta pull', async () => {
    const server = await startMockServer({
      district: generateDistrict({ preset: 'tiny' }),
      auth: { type: 'bearer', token: 'test-token' },
      faults: [{ type: 'rateLimit', retryAfterSeconds: 1 }],
    });
    try {
      const headers = { authorization: 'Bearer test-token' };
      expect((await fetch(`${server.baseUrl}/users`, { headers })).status).toBe(429);

      // Generated records were last modified in the summer roll-over (June-July 2025 for 2025-26).
      const lastSync = '2025-12-31T00:00:00Z';
      const user = server.provider.district.generate('users', 3);
      server.provider.district.mutate.tombstone('users', user.sourcedId);

      const filter = encodeURIComponent(`dateLastModified>'${lastSync}'`);
      const response = await fetch(`${server.baseUrl}/users?filter=${filter}`, { headers });
      const { users } = (await response.json()) as { users: Array<{ sourcedId: string; status: string }> };
      expect(users).toEqual([expect.objectContaining({ sourcedId: user.sourcedId, status: 'tobedeleted' })]);
    } finally {
      await server.close();
    }
  });
});
