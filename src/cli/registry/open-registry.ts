import {
  type ConnectionRegistry,
  createConnectionRegistry,
  KEYS_VARIABLE,
  type KeyProvider,
  localKeyProviderFromEnv,
  localKeyProviderFromFile,
} from '../../registry/index.js';
import type { ConnectionStorage } from '../../sync/connection-storage.js';
import { isStoreError } from '../../sync/store/store-error.js';
import { openStore } from '../stores/open-store.js';
import { StoreFailure } from '../stores/store-failure.js';
import { describeStore, type StoreSpec } from '../stores/store-spec.js';
import { UsageError } from '../usage-error.js';

const NO_KEYS = `needs the key-encryption keys: set ${KEYS_VARIABLE} ({"current": "k1", "keys": {"k1": "<base64 of 32 bytes>"}}) or pass --keys-file`;

/**
 * The key provider of `--keys-file` or `ONEROSTER_KEYS`. A subcommand that seals or opens no secret
 * (list, show, pause, resume, remove) runs without keys: it gets a provider that says what is missing
 * if it is ever asked to wrap or unwrap.
 */
export function keysOf(keysFile: string | undefined, env: NodeJS.ProcessEnv, required: boolean): KeyProvider {
  try {
    if (keysFile !== undefined) return localKeyProviderFromFile(keysFile);
    if (env[KEYS_VARIABLE] !== undefined && env[KEYS_VARIABLE] !== '') return localKeyProviderFromEnv(env);
  } catch (error) {
    // A malformed key set is the command line's to fix; the messages never quote a key.
    if (error instanceof TypeError) throw new UsageError(error.message);
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new UsageError(`--keys-file: ${keysFile} does not exist`);
    }
    throw error;
  }
  if (required) throw new UsageError(`this command ${NO_KEYS}`);
  const missing = (): never => {
    throw new UsageError(`this command ${NO_KEYS}`);
  };
  return { currentKeyId: '', wrapKey: async () => missing(), unwrapKey: async () => missing() };
}

async function openStorage(spec: StoreSpec): Promise<ConnectionStorage> {
  if (spec.kind === 'sqlite') {
    const { createSqliteConnectionStorage } = await import('../../sqlite/index.js');
    return createSqliteConnectionStorage({ path: spec.path });
  }
  const { createPostgresConnectionStorage } = await import('../../postgres/index.js');
  return createPostgresConnectionStorage(
    { connectionString: spec.connectionString },
    spec.schema === undefined ? {} : { schema: spec.schema },
  );
}

/** A store failure named as `--store` gave it, as `oneroster sync` names it. */
export function storeFailureOf(spec: StoreSpec): (error: unknown) => unknown {
  return (error) => (isStoreError(error) ? new StoreFailure(describeStore(spec), error) : error);
}

/** The registry of `--store`: its roster store and, in the same database, its storage. */
export async function openRegistry(
  spec: StoreSpec,
  keys: KeyProvider,
): Promise<{ registry: ConnectionRegistry; close: () => Promise<void> }> {
  const failure = storeFailureOf(spec);
  const store = await openStore(spec).catch((error: unknown) => {
    throw failure(error);
  });
  const storage = await openStorage(spec).catch(async (error: unknown) => {
    await store.close();
    throw failure(error);
  });
  return {
    registry: createConnectionRegistry({ store, storage, keys }),
    async close() {
      await storage.close();
      await store.close();
    },
  };
}
