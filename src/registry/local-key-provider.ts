import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import type { KeyProvider } from './key-provider.js';

/** AES-256 key-encryption keys: 32 bytes. */
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The environment variable `localKeyProviderFromEnv` reads. */
export const KEYS_VARIABLE = 'ONEROSTER_KEYS';

/** Options of {@link localKeyProvider}: the format of `ONEROSTER_KEYS` and of a keys file. */
export interface LocalKeyProviderOptions {
  /** Key ids to base64 of 32 random bytes (`openssl rand -base64 32`). */
  keys: Readonly<Record<string, string>>;
  /** The key new secrets are sealed with, and that `rotateKeys()` re-wraps to. */
  current: string;
}

const KeySetSchema = z.object({
  current: z.string(),
  keys: z.record(z.string(), z.string()),
});

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Messages name the key id, never a byte of the key. */
function decodeKey(keyId: string, base64: string, source: string): KeyObject {
  const bytes = BASE64.test(base64) ? Buffer.from(base64, 'base64') : undefined;
  if (bytes?.length !== KEY_BYTES) {
    throw new TypeError(`${source}: key ${JSON.stringify(keyId)} must be base64 of ${KEY_BYTES} bytes`);
  }
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

function create(options: LocalKeyProviderOptions, source: string): KeyProvider {
  const keys = new Map<string, KeyObject>();
  for (const [keyId, base64] of Object.entries(options.keys)) {
    if (keyId === '') throw new TypeError(`${source}: a key id must not be empty`);
    keys.set(keyId, decodeKey(keyId, base64, source));
  }
  const current = keys.get(options.current);
  if (current === undefined) {
    throw new TypeError(
      `${source}: current names ${JSON.stringify(options.current)}, which is not among the keys`,
    );
  }
  const currentKeyId = options.current;
  return {
    currentKeyId,
    async wrapKey(dataKey, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(context);
      const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return {
        keyId: currentKeyId,
        wrapped: Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64'),
      };
    },
    async unwrapKey(wrapped, context) {
      const key = keys.get(wrapped.keyId);
      if (key === undefined) return undefined;
      const bytes = Buffer.from(wrapped.wrapped, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(context);
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
}

/**
 * The default key provider: key-encryption keys held in memory (as `KeyObject`s), each data key
 * wrapped with AES-256-GCM. To rotate, add a new key, make it `current`, run `rotateKeys()`, then
 * remove the old key.
 * @throws TypeError when a key is not base64 of 32 bytes or `current` is not among `keys` (the
 * message names the key id, never the key)
 * @example
 * const keys = localKeyProvider({ keys: { k1: process.env.ROSTER_KEY_1! }, current: 'k1' });
 */
export function localKeyProvider(options: LocalKeyProviderOptions): KeyProvider {
  return create(options, 'localKeyProvider');
}

function parseKeySet(text: string, source: string): LocalKeyProviderOptions {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The text is key material: the message says what is wrong with it, never what it holds.
    throw new TypeError(`${source} is not JSON; it must read {"current": "k1", "keys": {"k1": "<base64>"}}`);
  }
  const parsed = KeySetSchema.safeParse(json);
  if (!parsed.success) {
    throw new TypeError(`${source} must read {"current": "k1", "keys": {"k1": "<base64 of 32 bytes>"}}`);
  }
  return parsed.data;
}

/**
 * The local key provider of `ONEROSTER_KEYS`: JSON `{"current": "k1", "keys": {"k1": "<base64 of 32 bytes>"}}`.
 * @throws TypeError when the variable is unset or malformed
 * @example
 * const registry = createConnectionRegistry({ store, storage, keys: localKeyProviderFromEnv() });
 */
export function localKeyProviderFromEnv(env: NodeJS.ProcessEnv = process.env): KeyProvider {
  const text = env[KEYS_VARIABLE];
  if (text === undefined || text.trim() === '') throw new TypeError(`${KEYS_VARIABLE} is not set`);
  return create(parseKeySet(text, KEYS_VARIABLE), KEYS_VARIABLE);
}

/**
 * The local key provider of a keys file, in the format of `ONEROSTER_KEYS` (keep it readable by the
 * service's user only: `chmod 600`).
 * @throws TypeError when the file is malformed; the file system's error when it cannot be read
 */
export function localKeyProviderFromFile(path: string): KeyProvider {
  const source = `the keys file ${path}`;
  return create(parseKeySet(readFileSync(path, 'utf8'), source), source);
}
