import type { ConnectionStorage, JsonValue } from '../sync/index.js';
import type { KeyRotationResult } from './connection-registry.js';
import type { SecretField } from './connection-types.js';
import { rewrapSecret } from './envelope.js';
import type { KeyProvider } from './key-provider.js';
import type { ParsedRow } from './parsed-row.js';
import { isSecretDecryptionError, type SecretDecryptionReason } from './secret-decryption-error.js';
import { isUnknownConnectionError } from './unknown-connection-error.js';

interface Rotation {
  readonly storage: ConnectionStorage;
  readonly keys: KeyProvider;
  /** The registry's compare-and-swap write of one row. */
  readonly mutate: (
    tenant: string,
    change: (parsed: ParsedRow) => Promise<{ secrets?: JsonValue }>,
  ) => Promise<ParsedRow>;
}

/**
 * Re-wraps every data key that is not under the provider's current key, one connection at a time
 * (each its own write, so a rotation interrupted halfway is finished by running it again). The
 * ciphertexts, IVs and tags stay: only the wrapped data keys and their key ids change. An envelope
 * that cannot be opened is reported, not fatal: the others still move to the new key.
 */
export async function rotateRowKeys({ storage, keys, mutate }: Rotation): Promise<KeyRotationResult> {
  const rows = await storage.list();
  let rewrapped = 0;
  const failed: { tenant: string; field: SecretField; reason: SecretDecryptionReason }[] = [];
  for (const { tenant } of rows) {
    let changed = 0;
    const failures: typeof failed = [];
    await mutate(tenant, async (parsed) => {
      changed = 0;
      failures.length = 0;
      const secrets: Record<string, JsonValue> = {};
      for (const [field, envelope] of Object.entries(parsed.secrets)) {
        if (field !== 'clientSecret' && field !== 'consumerSecret' && field !== 'token') continue;
        try {
          const next = await rewrapSecret(keys, tenant, field, envelope);
          if (next !== undefined) changed++;
          secrets[field] = next ?? envelope;
        } catch (error) {
          if (!isSecretDecryptionError(error)) throw error;
          failures.push({ tenant, field, reason: error.reason });
          secrets[field] = envelope;
        }
      }
      return changed === 0 ? {} : { secrets };
    }).catch((error: unknown) => {
      // Removed while the rotation ran: nothing left to re-wrap.
      if (!isUnknownConnectionError(error)) throw error;
    });
    rewrapped += changed;
    failed.push(...failures);
  }
  return { keyId: keys.currentKeyId, connections: rows.length, rewrapped, failed };
}
