/** A data key wrapped by a key-encryption key: what an envelope stores in place of the data key. */
export interface WrappedDataKey {
  /** The id of the key-encryption key that wrapped it. */
  readonly keyId: string;
  /** The wrapped key, in the provider's own format (base64 text for the local provider). */
  readonly wrapped: string;
}

/**
 * Holds the key-encryption keys and wraps data keys with them; the registry never sees a
 * key-encryption key. `localKeyProvider` keeps keys in memory; an adapter for a KMS (AWS KMS
 * `Encrypt`/`Decrypt` with the context as its encryption context, Google Cloud KMS, Vault's transit
 * engine) implements the same two calls.
 *
 * `context` is the tenant and the field the secret belongs to, as bytes: bind it to the wrap
 * (additional authenticated data, or an encryption context), so a wrapped key copied to another
 * connection or field fails to unwrap.
 */
export interface KeyProvider {
  /** The key id new data keys are wrapped under, and that `rotateKeys()` re-wraps to. */
  readonly currentKeyId: string;
  /** Wraps `dataKey` under the current key. */
  wrapKey(dataKey: Uint8Array, context: Uint8Array): Promise<WrappedDataKey>;
  /**
   * Unwraps a data key.
   * @returns undefined when the provider has no key `wrapped.keyId` (it was removed)
   * @throws when the wrapped key or its context was altered
   */
  unwrapKey(wrapped: WrappedDataKey, context: Uint8Array): Promise<Uint8Array | undefined>;
}
