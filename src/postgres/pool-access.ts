import type { Pool, PoolClient } from 'pg';
import { POOL_EXHAUSTED_CODE } from '../sync/store/store-error.js';

/**
 * The pool had no connection for the store within its wait. Internal: the store's error boundary
 * turns it into a `StoreError` with code `POOL_EXHAUSTED`, the operation and the tenant.
 */
class PoolExhausted extends Error {
  readonly code = POOL_EXHAUSTED_CODE;
  constructor(
    readonly poolSize: number,
    readonly waitedMs: number,
  ) {
    super(`No pooled connection came free within ${waitedMs} ms (pool of ${poolSize})`);
  }
}

/** Pooled connections, each waited for at most a bounded time: a full pool fails, it never hangs. */
export interface PoolAccess {
  /** A connection of the pool; the caller releases it. */
  connect(): Promise<PoolClient>;
  /** Runs `work` on a connection of the pool, then releases it. */
  withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
}

/** Waits at most `waitMs` for each connection of `pool`. */
export function createPoolAccess(pool: Pool, waitMs: number): PoolAccess {
  const connect = async (): Promise<PoolClient> => {
    const pending = pool.connect();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      const client = await Promise.race([pending, timedOut]);
      if (client !== undefined) return client;
    } finally {
      clearTimeout(timer);
    }
    // pg keeps the request queued: hand the connection back as soon as it comes.
    pending.then(
      (late) => late.release(),
      () => undefined,
    );
    throw new PoolExhausted(pool.options.max, waitMs);
  };
  return {
    connect,
    async withClient(work) {
      const client = await connect();
      try {
        const result = await work(client);
        client.release();
        return result;
      } catch (error) {
        // As pg's own pool.query does: a connection that failed a query is not trusted again.
        client.release(true);
        throw error;
      }
    },
  };
}
