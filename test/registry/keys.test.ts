import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type KeyProvider,
  localKeyProvider,
  localKeyProviderFromEnv,
  localKeyProviderFromFile,
} from '../../src/registry/index.js';
import { memoryBackend, newKey } from './backends.js';
import { oauth2Connection } from './registry-scenarios.js';

describe('local key providers', () => {
  it('read ONEROSTER_KEYS and a keys file in the same format', async () => {
    const k1 = newKey();
    const json = JSON.stringify({ current: 'k1', keys: { k1 } });
    const fromEnv = localKeyProviderFromEnv({ ONEROSTER_KEYS: json });
    const dir = mkdtempSync(join(tmpdir(), 'oneroster-keys-'));
    try {
      writeFileSync(join(dir, 'keys.json'), json, { mode: 0o600 });
      const fromFile = localKeyProviderFromFile(join(dir, 'keys.json'));
      // One key, two providers: what one wraps, the other unwraps.
      const context = Buffer.from('context');
      const wrapped = await fromEnv.wrapKey(randomBytes(32), context);
      expect(wrapped.keyId).toBe('k1');
      expect(await fromFile.unwrapKey(wrapped, context)).toHaveLength(32);
      await expect(fromFile.unwrapKey(wrapped, Buffer.from('another context'))).rejects.toThrow();
      expect(await fromFile.unwrapKey({ ...wrapped, keyId: 'k0' }, context)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{}, 'ONEROSTER_KEYS is not set'],
    [{ ONEROSTER_KEYS: '{"current": "k1", keys: ' }, 'ONEROSTER_KEYS is not JSON'],
    [{ ONEROSTER_KEYS: '{"current": "k1"}' }, 'ONEROSTER_KEYS must read'],
    [
      { ONEROSTER_KEYS: JSON.stringify({ current: 'k1', keys: { k1: 'c2hvcnQ=' } }) },
      'key "k1" must be base64 of 32 bytes',
    ],
    [{ ONEROSTER_KEYS: JSON.stringify({ current: 'k2', keys: { k1: newKey() } }) }, 'current names "k2"'],
  ])('refuses %j without quoting a key', (env, message) => {
    let error: unknown;
    try {
      localKeyProviderFromEnv(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toContain(message);
    const given = (env as Record<string, string>)['ONEROSTER_KEYS'];
    for (const key of given?.match(/[A-Za-z0-9+/]{8,}={0,2}/g) ?? [])
      expect(String(error)).not.toContain(key);
  });

  it('refuses a key of the wrong length given in code', () => {
    expect(() => localKeyProvider({ keys: { a: randomBytes(16).toString('base64') }, current: 'a' })).toThrow(
      'localKeyProvider: key "a" must be base64 of 32 bytes',
    );
  });
});

describe('envelopes', () => {
  it('record the key id, version, IV and tag, with a fresh data key and IV for every secret', async () => {
    const registry = memoryBackend().open(localKeyProvider({ keys: { k1: newKey() }, current: 'k1' }));
    await registry.addConnection(oauth2Connection('d1', 'the-same-secret'));
    await registry.addConnection(oauth2Connection('d2', 'the-same-secret'));
    const envelopes = await Promise.all(
      ['d1', 'd2'].map(
        async (tenant) =>
          JSON.parse(JSON.stringify((await registry.storage.get(tenant))?.secrets)).clientSecret,
      ),
    );
    for (const envelope of envelopes) {
      expect(Object.keys(envelope).sort()).toEqual([
        'alg',
        'ciphertext',
        'iv',
        'keyId',
        'tag',
        'v',
        'wrappedKey',
      ]);
      expect(envelope).toMatchObject({ v: 1, alg: 'AES-256-GCM', keyId: 'k1' });
      expect(Buffer.from(envelope.iv, 'base64')).toHaveLength(12);
      expect(Buffer.from(envelope.tag, 'base64')).toHaveLength(16);
    }
    expect(envelopes[0].ciphertext).not.toBe(envelopes[1].ciphertext);
    expect(envelopes[0].wrappedKey).not.toBe(envelopes[1].wrappedKey);
  });

  it('hand a key provider of your own (a KMS) the tenant and field as the wrap context', async () => {
    const contexts: string[] = [];
    const kek = localKeyProvider({ keys: { 'kms-1': newKey() }, current: 'kms-1' });
    const kms: KeyProvider = {
      currentKeyId: 'kms-1',
      wrapKey: (dataKey, context) => {
        contexts.push(Buffer.from(context).toString());
        return kek.wrapKey(dataKey, context);
      },
      unwrapKey: (wrapped, context) => kek.unwrapKey(wrapped, context),
    };
    const registry = memoryBackend().open(kms);
    await registry.addConnection(oauth2Connection('d1', 'kms-sealed-secret'));
    expect(contexts).toEqual(['["oneroster.registry.secret",1,"d1","clientSecret"]']);
    expect((await registry.clientFor('d1')).options.baseUrl).toContain('sis.example.org');
  });

  it('rotate past an envelope they cannot open, and name it, so the old key is kept for it', async () => {
    const k1 = newKey();
    const backend = memoryBackend();
    const before = backend.open(localKeyProvider({ keys: { k1 }, current: 'k1' }));
    await before.addConnection(oauth2Connection('d1', 'secret-one'));
    await before.addConnection(oauth2Connection('d2', 'secret-two'));
    const row = (await before.storage.get('d1'))!;
    const envelope = JSON.parse(JSON.stringify(row.secrets)).clientSecret;
    const wrapped = Buffer.from(envelope.wrappedKey, 'base64');
    wrapped[20] = (wrapped[20] ?? 0) ^ 4;
    await before.storage.replace({
      ...row,
      secrets: { clientSecret: { ...envelope, wrappedKey: wrapped.toString('base64') } },
    });

    const rotating = backend.open(localKeyProvider({ keys: { k1, k2: newKey() }, current: 'k2' }));
    expect(await rotating.rotateKeys()).toEqual({
      keyId: 'k2',
      connections: 2,
      rewrapped: 1,
      failed: [{ tenant: 'd1', field: 'clientSecret', reason: 'unwrap-failed' }],
    });
    expect((await rotating.getConnection('d2'))?.auth.secrets).toEqual({ clientSecret: { keyId: 'k2' } });
    expect((await rotating.getConnection('d1'))?.auth.secrets).toEqual({ clientSecret: { keyId: 'k1' } });
  });
});
