import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { SecretField } from './connection-types.js';
import type { KeyProvider } from './key-provider.js';
import { SecretDecryptionError } from './secret-decryption-error.js';

/** The envelope format this code writes and reads. */
const ENVELOPE_VERSION = 1;
/** AES-256: a 32-byte data key. */
const DATA_KEY_BYTES = 32;
/** GCM's recommended nonce size (NIST SP 800-38D): 96 bits, random per encryption. */
const IV_BYTES = 12;
/** The full 128-bit GCM tag; shorter tags weaken the authentication. */
const TAG_BYTES = 16;

/** A sealed secret as stored: a random data key per secret, wrapped by the key provider. */
export const SecretEnvelopeSchema = z.object({
  v: z.literal(ENVELOPE_VERSION),
  alg: z.literal('AES-256-GCM'),
  /** The key-encryption key that wrapped the data key. */
  keyId: z.string(),
  wrappedKey: z.string(),
  /** base64 */
  iv: z.string(),
  /** base64 */
  tag: z.string(),
  /** base64 */
  ciphertext: z.string(),
});

export type SecretEnvelope = z.infer<typeof SecretEnvelopeSchema>;

/**
 * The additional authenticated data of a secret: the tenant and the field it belongs to, JSON-encoded
 * so no two pairs give the same bytes. Both the data key's wrap and the ciphertext are bound to it.
 */
export function secretContext(tenant: string, field: SecretField): Uint8Array {
  return Buffer.from(JSON.stringify(['oneroster.registry.secret', ENVELOPE_VERSION, tenant, field]));
}

/** Encrypts `plaintext` under a fresh data key, which the provider wraps under its current key. */
export async function sealSecret(
  keys: KeyProvider,
  tenant: string,
  field: SecretField,
  plaintext: string,
): Promise<SecretEnvelope> {
  const context = secretContext(tenant, field);
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(context);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const wrapped = await keys.wrapKey(dataKey, context);
    return {
      v: ENVELOPE_VERSION,
      alg: 'AES-256-GCM',
      keyId: wrapped.keyId,
      wrappedKey: wrapped.wrapped,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  } finally {
    dataKey.fill(0);
  }
}

/** The envelope, or the typed error that says it is not one. */
function readEnvelope(stored: unknown, tenant: string, field: SecretField): SecretEnvelope {
  const parsed = SecretEnvelopeSchema.safeParse(stored);
  if (!parsed.success) throw new SecretDecryptionError({ tenant, field, reason: 'malformed' });
  return parsed.data;
}

/** The envelope's data key, unwrapped by the provider. */
async function unwrapDataKey(
  keys: KeyProvider,
  envelope: SecretEnvelope,
  tenant: string,
  field: SecretField,
): Promise<Uint8Array> {
  const where = { tenant, field, keyId: envelope.keyId };
  let dataKey: Uint8Array | undefined;
  try {
    dataKey = await keys.unwrapKey(
      { keyId: envelope.keyId, wrapped: envelope.wrappedKey },
      secretContext(tenant, field),
    );
  } catch (error) {
    throw new SecretDecryptionError({ ...where, reason: 'unwrap-failed' }, { cause: error });
  }
  if (dataKey === undefined) throw new SecretDecryptionError({ ...where, reason: 'unknown-key' });
  if (dataKey.length !== DATA_KEY_BYTES)
    throw new SecretDecryptionError({ ...where, reason: 'unwrap-failed' });
  return dataKey;
}

/**
 * Decrypts a stored envelope of `tenant`'s `field`.
 * @throws SecretDecryptionError when it is not an envelope, its key is gone, or it fails to
 * authenticate (altered, or copied from another tenant or field)
 */
export async function openSecret(
  keys: KeyProvider,
  tenant: string,
  field: SecretField,
  stored: unknown,
): Promise<string> {
  const envelope = readEnvelope(stored, tenant, field);
  const dataKey = await unwrapDataKey(keys, envelope, tenant, field);
  try {
    const iv = Buffer.from(envelope.iv, 'base64');
    const tag = Buffer.from(envelope.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretDecryptionError({ tenant, field, keyId: envelope.keyId, reason: 'malformed' });
    }
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(secretContext(tenant, field));
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(envelope.ciphertext, 'base64')),
      decipher.final(),
    ]);
    return plaintext.toString('utf8');
  } catch (error) {
    if (error instanceof SecretDecryptionError) throw error;
    // GCM says only "unable to authenticate data": no secret, no key, nothing to keep as a cause.
    throw new SecretDecryptionError({
      tenant,
      field,
      keyId: envelope.keyId,
      reason: 'authentication-failed',
    });
  } finally {
    dataKey.fill(0);
  }
}

/**
 * The envelope with its data key re-wrapped under the provider's current key; the IV, tag and
 * ciphertext stay as they are. Undefined when it is wrapped under the current key already.
 */
export async function rewrapSecret(
  keys: KeyProvider,
  tenant: string,
  field: SecretField,
  stored: unknown,
): Promise<SecretEnvelope | undefined> {
  const envelope = readEnvelope(stored, tenant, field);
  if (envelope.keyId === keys.currentKeyId) return undefined;
  const dataKey = await unwrapDataKey(keys, envelope, tenant, field);
  try {
    const wrapped = await keys.wrapKey(dataKey, secretContext(tenant, field));
    return { ...envelope, keyId: wrapped.keyId, wrappedKey: wrapped.wrapped };
  } finally {
    dataKey.fill(0);
  }
}
