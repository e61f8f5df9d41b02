import { createErrorGuard, OneRosterError } from '../index.js';
import type { SecretField } from './connection-types.js';

/** Why a secret could not be decrypted. */
export type SecretDecryptionReason =
  /** The key provider has no key of the envelope's key id: it was removed before a rotation re-wrapped it. */
  | 'unknown-key'
  /** The wrapped data key failed to unwrap: altered, or copied from another connection or field. */
  | 'unwrap-failed'
  /** The ciphertext failed its authentication: altered, or copied from another connection or field. */
  | 'authentication-failed'
  /** The stored envelope is not an envelope this version of oneroster reads. */
  | 'malformed';

/** Where decryption failed: never the secret, the data key or the ciphertext. */
export interface SecretDecryptionDetails {
  readonly tenant: string;
  readonly field: SecretField;
  readonly reason: SecretDecryptionReason;
  readonly keyId?: string | undefined;
}

const HINTS: Record<SecretDecryptionReason, string> = {
  'unknown-key':
    'the key provider does not hold that key: add it back (ONEROSTER_KEYS) and run rotateKeys() before removing it',
  'unwrap-failed': 'the wrapped data key was altered, or copied from another connection or field',
  'authentication-failed': 'the ciphertext was altered, or copied from another connection or field',
  malformed: 'the stored envelope is damaged or was written by a newer version of oneroster',
};

/**
 * A connection's secret could not be decrypted: `clientFor` throws this before any request leaves,
 * so a tampered or misplaced envelope never reaches a provider. Re-add the secret with
 * `updateConnection` if the envelope is damaged; restore the key if `reason` is `unknown-key`.
 * @example
 * catch (error) {
 *   if (isSecretDecryptionError(error)) alertOps(`${error.tenant}: ${error.reason}`);
 * }
 */
export class SecretDecryptionError extends OneRosterError {
  static override readonly kind = 'SecretDecryptionError';
  readonly tenant: string;
  readonly field: SecretField;
  readonly reason: SecretDecryptionReason;
  readonly keyId: string | undefined;

  constructor(details: SecretDecryptionDetails, options?: ErrorOptions) {
    const key = details.keyId === undefined ? '' : ` under key ${details.keyId}`;
    super(
      `Cannot decrypt the ${details.field} of connection ${JSON.stringify(details.tenant)}${key} (${details.reason}): ${HINTS[details.reason]}`,
      options,
    );
    this.tenant = details.tenant;
    this.field = details.field;
    this.reason = details.reason;
    this.keyId = details.keyId;
  }
}

/** True for a {@link SecretDecryptionError}, also one thrown by another copy of this package. */
export const isSecretDecryptionError = createErrorGuard(SecretDecryptionError);
