import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionAuth } from '../../src/registry/index.js';
import { isSecretDecryptionError } from '../../src/registry/index.js';
import { syncRoster } from '../../src/sync/index.js';
import { generateDistrict, type MockServer, startMockServer } from '../../src/testing/index.js';
import { keysOf, memoryBackend, newKey } from './backends.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function authFor(mock: MockServer, type: 'oauth2' | 'oauth1' | 'bearer'): ConnectionAuth {
  if (type === 'oauth2') {
    return {
      type: 'oauth2-client-credentials',
      tokenUrl: mock.tokenUrl!,
      clientId: mock.clientId,
      clientSecret: mock.clientSecret,
    };
  }
  if (type === 'oauth1')
    return { type: 'oauth1', consumerKey: mock.clientId, consumerSecret: mock.clientSecret };
  return { type: 'bearer', token: mock.bearerToken! };
}

describe('clientFor', () => {
  it.each(['oauth2', 'oauth1', 'bearer'] as const)(
    'builds a %s client that pulls from the provider, and syncs into the registry store',
    async (type) => {
      const district = generateDistrict({ preset: 'tiny' });
      server = await startMockServer({ district, auth: { type } });
      const registry = memoryBackend().open(keysOf({ k1: newKey() }, 'k1'));
      const auth = authFor(server, type);
      const secret =
        auth.type === 'bearer'
          ? auth.token
          : auth.type === 'oauth1'
            ? auth.consumerSecret
            : auth.clientSecret;
      expect(secret.length).toBeGreaterThan(8);
      await registry.addConnection({ tenant: 'd7', baseUrl: server.baseUrl, auth });

      const client = await registry.clientFor('d7', { client: { userAgent: 'registry-test' } });
      const schools = [];
      for await (const school of client.schools.list()) schools.push(school.sourcedId);
      expect(schools.sort()).toEqual(
        [...district.records('orgs')]
          .filter((org) => org.type === 'school')
          .map((org) => org.sourcedId)
          .sort(),
      );

      const result = await syncRoster({
        client,
        store: registry.store,
        tenant: 'd7',
        collections: ['users'],
      });
      expect(result.collections.users?.inserted).toBe([...district.records('users')].length);
      expect(await registry.store.count('d7', 'users')).toBe([...district.records('users')].length);
      // The secret lives in the auth strategy's closure: nothing the client exposes holds it.
      expect(JSON.stringify(client.options)).not.toContain(secret);
    },
  );

  it('rejects a tampered envelope before a single request reaches the provider', async () => {
    server = await startMockServer({
      district: generateDistrict({ preset: 'tiny' }),
      auth: { type: 'oauth2' },
    });
    const registry = memoryBackend().open(keysOf({ k1: newKey() }, 'k1'));
    await registry.addConnection({ tenant: 'd7', baseUrl: server.baseUrl, auth: authFor(server, 'oauth2') });
    const row = (await registry.storage.get('d7'))!;
    const secrets = JSON.parse(JSON.stringify(row.secrets));
    const tag = Buffer.from(secrets.clientSecret.tag, 'base64');
    tag[3] = (tag[3] ?? 0) ^ 0x80;
    secrets.clientSecret.tag = tag.toString('base64');
    expect(await registry.storage.replace({ ...row, secrets })).toBe(true);

    await expect(registry.clientFor('d7')).rejects.toSatisfy(isSecretDecryptionError);
    expect([server.stats.requests, server.stats.tokenRequests]).toEqual([0, 0]);
  });

  it("builds a client of the connection's OneRoster version", async () => {
    const registry = memoryBackend().open(keysOf({ k1: newKey() }, 'k1'));
    await registry.addConnection({
      tenant: 'd12',
      baseUrl: 'https://sis.example.org/ims/oneroster/rostering/v1p2',
      version: '1.2',
      auth: { type: 'bearer', token: 'token-12' },
    });
    expect((await registry.getConnection('d12'))?.version).toBe('1.2');
    const client = await registry.clientFor('d12');
    expect(client.version).toBe('1.2');
    expect(client.options.baseUrl).toBe('https://sis.example.org/ims/oneroster/rostering/v1p2');
  });
});
