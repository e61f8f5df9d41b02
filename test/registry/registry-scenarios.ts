import { expect } from 'vitest';
import {
  isDuplicateConnectionError,
  isSecretDecryptionError,
  isUnknownConnectionError,
  type NewConnection,
} from '../../src/registry/index.js';
import type { ConnectionRow, JsonValue } from '../../src/sync/index.js';
import { type Backend, keysOf, newKey, testClock } from './backends.js';

/** Secrets distinctive enough to find in a file's bytes, or in any output. */
export const SECRETS = {
  d1: 'client-secret-of-district-one-Zq81',
  d2: 'consumer-secret-of-district-two-Kx42',
  d3: 'bearer-token-of-district-three-Wp93',
} as const;

export function oauth2Connection(tenant: string, secret: string): NewConnection {
  return {
    tenant,
    baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
    auth: {
      type: 'oauth2-client-credentials',
      tokenUrl: 'https://sis.example.org/oauth/token',
      clientId: `${tenant}-id`,
      clientSecret: secret,
    },
  };
}

export const threeConnections = (): NewConnection[] => [
  oauth2Connection('d1', SECRETS.d1),
  {
    tenant: 'd2',
    baseUrl: 'https://ic.example.net/campus/oneroster/v1p1',
    auth: { type: 'oauth1', consumerKey: 'd2-key', consumerSecret: SECRETS.d2 },
  },
  {
    tenant: 'd3',
    baseUrl: 'https://classlink.example.com/ims/oneroster/v1p1',
    auth: { type: 'bearer', token: SECRETS.d3 },
  },
];

/** Every form of the secrets a careless writer could leave: plain, base64, hex. */
export function secretForms(secrets: readonly string[] = Object.values(SECRETS)): string[] {
  return secrets.flatMap((secret) => [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('hex'),
  ]);
}

/** Rewrites a stored row by hand: a tamperer with write access to the database. */
async function tamper(backend: Backend, tenant: string, change: (row: ConnectionRow) => ConnectionRow) {
  const registry = backend.open(keysOf({ k1: newKey() }, 'k1'));
  const row = await registry.storage.get(tenant);
  if (row === undefined) throw new Error(`no row ${tenant}`);
  expect(await registry.storage.replace(change(row))).toBe(true);
}

type JsonObject = { [key: string]: JsonValue };

function objectOf(value: JsonValue | undefined): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  return { ...value };
}

function envelopeOf(row: ConnectionRow, field: string): JsonObject {
  return objectOf(objectOf(row.secrets)[field]);
}

function flipFirstBit(base64: JsonValue | undefined): string {
  const bytes = Buffer.from(String(base64), 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
}

export type Scenario = (name: string, body: (backend: Backend) => Promise<void>) => void;

/** What every storage must give the registry: the same behaviour on memory, SQLite and PostgreSQL. */
export function registryScenarios(test: Scenario): void {
  test('adds, lists and shows connections without ever returning a secret', async (backend) => {
    const registry = backend.open(keysOf({ k1: newKey() }, 'k1'));
    for (const connection of threeConnections()) await registry.addConnection(connection);
    const listed = await registry.listConnections();
    expect(listed.map((connection) => connection.tenant)).toEqual(['d1', 'd2', 'd3']);
    expect(listed.map((connection) => connection.auth.type)).toEqual([
      'oauth2-client-credentials',
      'oauth1',
      'bearer',
    ]);
    expect(listed[0]?.auth.secrets).toEqual({ clientSecret: { keyId: 'k1' } });
    expect(await registry.getConnection('d2')).toMatchObject({ status: 'active', host: 'ic.example.net' });
    const shown = JSON.stringify([listed, await registry.getConnection('d1')]);
    for (const form of secretForms()) expect(shown).not.toContain(form);
    await expect(registry.addConnection(oauth2Connection('d1', 'other'))).rejects.toSatisfy(
      isDuplicateConnectionError,
    );
    await expect(registry.pauseConnection('nope')).rejects.toSatisfy(isUnknownConnectionError);
    expect(await registry.getConnection('nope')).toBeUndefined();
  });

  test('keeps no plaintext secret in the database', async (backend) => {
    const registry = backend.open(keysOf({ k1: newKey() }, 'k1'));
    for (const connection of threeConnections()) await registry.addConnection(connection);
    await registry.updateConnection('d1', { auth: { ...oauth2Connection('d1', `${SECRETS.d1}-v2`).auth } });
    await registry.recordOutcome('d3', {
      slot: '2026-03-02T02:00:00.000Z',
      status: 'failed',
      error: new Error(`the provider said: bad token ${SECRETS.d3}`),
    });
    const contents = await backend.rawContents();
    // The test reads what it should: the rows are there, sealed.
    expect(contents).toContain('AES-256-GCM');
    expect(contents).toContain('d1-id');
    for (const form of secretForms([...Object.values(SECRETS), `${SECRETS.d1}-v2`])) {
      expect(contents).not.toContain(form);
    }
    expect((await registry.getConnection('d3'))?.lastOutcome?.error?.message).toBe(
      'the provider said: bad token [redacted]',
    );
  });

  test('updates settings and keeps the sealed secret unless given a new one', async (backend) => {
    const registry = backend.open(keysOf({ k1: newKey() }, 'k1'));
    await registry.addConnection(oauth2Connection('d1', SECRETS.d1));
    const before = await registry.storage.get('d1');
    const updated = await registry.updateConnection('d1', {
      timeZone: 'America/Chicago',
      auth: {
        type: 'oauth2-client-credentials',
        tokenUrl: 'https://sis.example.org/token2',
        clientId: 'new-id',
      },
      limits: { concurrency: 2 },
    });
    expect(updated).toMatchObject({
      timeZone: 'America/Chicago',
      schedule: [{ cron: '0 2 * * *', tz: 'America/Chicago', mode: 'auto' }],
      auth: { clientId: 'new-id', tokenUrl: 'https://sis.example.org/token2' },
      limits: { concurrency: 2 },
    });
    expect((await registry.storage.get('d1'))?.secrets).toEqual(before?.secrets);
    await expect(
      registry.updateConnection('d1', { auth: { type: 'oauth1', consumerKey: 'k' } }),
    ).rejects.toThrow('auth.consumerSecret is required when the auth type changes');
    const changed = await registry.updateConnection('d1', { auth: { type: 'bearer', token: 'fresh-token' } });
    expect(changed.auth).toEqual({ type: 'bearer', secrets: { token: { keyId: 'k1' } } });
  });

  test('rotation re-wraps every data key, and the registry reads them all without the old key', async (backend) => {
    const k1 = newKey();
    const k2 = newKey();
    const before = backend.open(keysOf({ k1 }, 'k1'));
    for (const connection of threeConnections()) await before.addConnection(connection);
    const sealed = await before.storage.get('d2');

    const rotating = backend.open(keysOf({ k1, k2 }, 'k2'));
    expect(await rotating.rotateKeys()).toEqual({ keyId: 'k2', connections: 3, rewrapped: 3, failed: [] });
    expect(await rotating.rotateKeys()).toMatchObject({ rewrapped: 0 });
    const rotated = await rotating.storage.get('d2');
    // Only the wrap moved: the data's IV, tag and ciphertext are untouched.
    const [old, fresh] = [envelopeOf(sealed!, 'consumerSecret'), envelopeOf(rotated!, 'consumerSecret')];
    expect({ ...fresh, keyId: old['keyId'], wrappedKey: old['wrappedKey'] }).toEqual(old);
    expect(fresh['keyId']).toBe('k2');

    const after = backend.open(keysOf({ k2 }, 'k2'));
    for (const tenant of ['d1', 'd2', 'd3']) {
      const client = await after.clientFor(tenant);
      expect(client.options.baseUrl).toMatch(/^https:/);
    }
    expect((await after.listConnections()).map((c) => Object.values(c.auth.secrets)[0]?.keyId)).toEqual([
      'k2',
      'k2',
      'k2',
    ]);
    // Without the rotation, removing k1 would lose the secrets: the error says which key is missing.
    const unrotated = backend.open(keysOf({ k1 }, 'k1'));
    await unrotated.addConnection(oauth2Connection('d4', 'secret-four'));
    await expect(after.clientFor('d4')).rejects.toSatisfy(
      (error) => isSecretDecryptionError(error) && error.reason === 'unknown-key' && error.keyId === 'k1',
    );
  });

  test('refuses a flipped ciphertext bit, a tenant swap and a field swap before any request', async (backend) => {
    const keys = keysOf({ k1: newKey() }, 'k1');
    const registry = backend.open(keys);
    for (const connection of threeConnections()) await registry.addConnection(connection);
    await registry.addConnection(oauth2Connection('d5', 'secret-five'));
    const rowOf = async (tenant: string) => (await registry.storage.get(tenant))!;
    const failure = async (tenant: string) =>
      registry.clientFor(tenant).then(
        () => undefined,
        (error) => error,
      );

    const d1 = await rowOf('d1');
    const flipped = envelopeOf(d1, 'clientSecret');
    await tamper(backend, 'd1', (row) => ({
      ...row,
      secrets: { clientSecret: { ...flipped, ciphertext: flipFirstBit(flipped['ciphertext']) } },
    }));
    expect(await failure('d1')).toMatchObject({
      name: 'SecretDecryptionError',
      tenant: 'd1',
      field: 'clientSecret',
      reason: 'authentication-failed',
    });

    // d5's envelope, sealed for d5, copied into d1's row: it is bound to d5.
    const d5 = await rowOf('d5');
    await tamper(backend, 'd1', (row) => ({ ...row, secrets: d5.secrets }));
    expect(await failure('d1')).toMatchObject({ name: 'SecretDecryptionError', reason: 'unwrap-failed' });
    expect(isSecretDecryptionError(await failure('d1'))).toBe(true);

    // d3's bearer token moved to d3's OAuth 2.0 client secret field: bound to the token field.
    const d3 = await rowOf('d3');
    await tamper(backend, 'd3', (row) => ({
      ...row,
      settings: { ...(d1.settings as object), baseUrl: 'https://classlink.example.com/ims/oneroster/v1p1' },
      secrets: { clientSecret: envelopeOf(d3, 'token') },
    }));
    expect(await failure('d3')).toMatchObject({ field: 'clientSecret', reason: 'unwrap-failed' });

    // A wrapped key altered leaves the data key unreadable too.
    const d2 = await rowOf('d2');
    const wrapped = envelopeOf(d2, 'consumerSecret');
    await tamper(backend, 'd2', (row) => ({
      ...row,
      secrets: { consumerSecret: { ...wrapped, wrappedKey: flipFirstBit(wrapped['wrappedKey']) } },
    }));
    expect(await failure('d2')).toMatchObject({ field: 'consumerSecret', reason: 'unwrap-failed' });
    for (const tenant of ['d1', 'd2', 'd3']) {
      const message = String((await failure(tenant)).message);
      for (const form of secretForms()) expect(message).not.toContain(form);
    }
  });

  test('a slot served is not due again; an interrupted one is; a held run awaits review', async (backend) => {
    const clock = testClock('2026-03-02T00:00:00Z');
    const registry = backend.open(keysOf({ k1: newKey() }, 'k1'), clock);
    await registry.addConnection(oauth2Connection('d1', SECRETS.d1));
    clock.set('2026-03-02T02:05:00Z');
    const [due] = await registry.dueSlots();
    expect(due).toMatchObject({
      tenant: 'd1',
      at: '2026-03-02T02:00:00.000Z',
      key: 'd1@2026-03-02T02:00:00.000Z',
    });

    await registry.recordOutcome('d1', { slot: due!.at, status: 'interrupted' });
    expect((await registry.dueSlots()).map((slot) => slot.key)).toEqual([due!.key]);
    await registry.recordOutcome('d1', { slot: due!.at, status: 'succeeded', mode: 'full', runId: 'run-1' });
    expect(await registry.dueSlots()).toEqual([]);
    expect(await registry.getConnection('d1')).toMatchObject({
      lastSlot: due!.at,
      lastOutcome: {
        status: 'succeeded',
        mode: 'full',
        runId: 'run-1',
        finishedAt: '2026-03-02T02:05:00.000Z',
      },
    });

    clock.set('2026-03-03T02:01:00Z');
    const [next] = await registry.dueSlots();
    await registry.recordOutcome('d1', { slot: next!.at, status: 'held' });
    expect((await registry.getConnection('d1'))?.status).toBe('awaiting-review');
    clock.set('2026-03-04T02:01:00Z');
    expect(await registry.dueSlots()).toEqual([]);
    await registry.resumeConnection('d1');
    expect((await registry.dueSlots()).map((slot) => slot.at)).toEqual(['2026-03-04T02:00:00.000Z']);
    await registry.pauseConnection('d1');
    expect(await registry.dueSlots()).toEqual([]);
    expect(await registry.nextSlot('d1')).toBeUndefined();
  });

  test('a requested run is due at once, debounced, and served by the run that follows', async (backend) => {
    const clock = testClock('2026-03-02T10:00:00Z');
    const registry = backend.open(keysOf({ k1: newKey() }, 'k1'), clock);
    await registry.addConnection(oauth2Connection('d1', SECRETS.d1));
    expect(await registry.dueSlots()).toEqual([]);
    const requested = await registry.requestRun('d1', { reason: 'admin button', mode: 'delta' });
    clock.set('2026-03-02T10:00:30Z');
    await registry.requestRun('d1', { reason: 'second click', mode: 'full' });
    const due = await registry.dueSlots();
    expect(due).toEqual([
      expect.objectContaining({
        key: requested?.key,
        source: 'request',
        reason: 'admin button',
        mode: 'full',
      }),
    ]);
    await registry.recordOutcome('d1', { slot: due[0]!.at, status: 'succeeded' });
    expect(await registry.dueSlots()).toEqual([]);
    expect((await registry.getConnection('d1'))?.requested).toBeUndefined();
  });

  test('two handles writing one connection at once lose neither write', async (backend) => {
    const keys = keysOf({ k1: newKey() }, 'k1');
    const first = backend.open(keys);
    const second = backend.open(keys);
    await first.addConnection(oauth2Connection('d1', SECRETS.d1));
    await Promise.all([
      first.updateConnection('d1', { limits: { concurrency: 3 } }),
      second.recordOutcome('d1', { slot: '2026-03-02T02:00:00.000Z', status: 'succeeded' }),
      second.updateConnection('d1', { blackouts: ['2026-12-25'] }),
    ]);
    expect(await first.getConnection('d1')).toMatchObject({
      limits: { concurrency: 3 },
      blackouts: [{ from: '2026-12-25', to: '2026-12-25' }],
      lastSlot: '2026-03-02T02:00:00.000Z',
    });
  });

  test('keeps the per-host caps for every handle, and hands them to due slots', async (backend) => {
    const clock = testClock('2026-03-02T01:00:00Z');
    const keys = keysOf({ k1: newKey() }, 'k1');
    const registry = backend.open(keys, clock);
    await registry.addConnection(oauth2Connection('d1', SECRETS.d1));
    await registry.setHostCap('SIS.example.org', { runs: 10, requests: 20 });
    const other = backend.open(keys, clock);
    expect(await other.hostCap('https://sis.example.org/ims/oneroster/v1p1')).toEqual({
      runs: 10,
      requests: 20,
    });
    expect(await other.hostCap('ic.example.net')).toEqual({ runs: 4, requests: 16 });
    await registry.setHostCap('localhost:3000', { runs: 1, requests: 2 });
    expect(await other.hostCap('http://LOCALHOST:3000/ims/oneroster/v1p1')).toEqual({ runs: 1, requests: 2 });
    clock.set('2026-03-02T02:00:00Z');
    expect(await other.dueSlots()).toEqual([
      expect.objectContaining({ host: 'sis.example.org', hostCap: { runs: 10, requests: 20 } }),
    ]);
    await registry.setHostCap('sis.example.org', undefined);
    expect(await other.hostCap('sis.example.org')).toEqual({ runs: 4, requests: 16 });
    expect(await registry.removeConnection('d1')).toBe(true);
    expect(await registry.removeConnection('d1')).toBe(false);
    expect(await other.listConnections()).toEqual([]);
  });
}
