import type { PoolClient } from 'pg';

/**
 * A pooled connection that holds a tenant's session-level advisory lock for the length of a run.
 * The lock dies with the session, so a SIGKILLed worker frees its tenant at once, and every write
 * of the run goes over this connection: a worker whose connection dropped cannot write any more.
 */
export interface TenantLease {
  readonly client: PoolClient;
  /** False once the connection failed: the lock is gone with it. */
  readonly alive: boolean;
  /** Runs `task` after every task queued before it: a run's transactions must not interleave. */
  serialize<T>(task: (client: PoolClient) => Promise<T>): Promise<T>;
  /** Unlocks and returns the connection to the pool, or destroys it when it failed. */
  release(): Promise<void>;
  /** Destroys the connection; the server releases the lock. */
  abandon(): void;
}

/** The advisory lock key of a tenant, namespaced by schema so two stores in one database never clash. */
function lockName(schema: string, tenant: string): string {
  return `oneroster:run:${schema}:${tenant}`;
}

/** Takes the tenant's lock, or returns undefined when another session holds it. */
export async function acquireTenantLease(
  connect: () => Promise<PoolClient>,
  schema: string,
  tenant: string,
): Promise<TenantLease | undefined> {
  const client = await connect();
  let alive = true;
  // An idle checked-out client that loses its connection emits 'error'; unhandled, it would crash the process.
  const onError = () => {
    alive = false;
  };
  client.on('error', onError);
  const key = lockName(schema, tenant);
  try {
    const result = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
      [key],
    );
    if (result.rows[0]?.locked !== true) {
      client.off('error', onError);
      client.release();
      return undefined;
    }
  } catch (error) {
    client.off('error', onError);
    client.release(true);
    throw error;
  }

  let queue: Promise<unknown> = Promise.resolve();
  let released = false;
  return {
    client,
    get alive() {
      return alive && !released;
    },
    serialize<T>(task: (leased: PoolClient) => Promise<T>): Promise<T> {
      const next = queue.then(() => task(client));
      queue = next.catch(() => undefined);
      return next;
    },
    async release() {
      if (released) return;
      released = true;
      await queue;
      try {
        if (alive) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        client.off('error', onError);
        client.release(!alive);
      } catch {
        client.off('error', onError);
        client.release(true);
      }
    },
    abandon() {
      if (released) return;
      released = true;
      client.off('error', onError);
      client.release(true);
    },
  };
}
