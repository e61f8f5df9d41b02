import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** A pool or a leased connection: both run queries. */
export type Queryable = Pool | PoolClient;

/** Runs a query and returns its rows typed, so no `any` from pg's defaults leaks into the store. */
export async function queryRows<R extends QueryResultRow>(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  const result = await db.query<R>(sql, [...params]);
  return result.rows;
}

/** Runs `work` in a transaction on one connection, rolling back when it throws. */
export async function inTransaction<T>(
  client: PoolClient,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
