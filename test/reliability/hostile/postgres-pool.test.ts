import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresStore, DEFAULT_POOL_SIZE_CONNECTIONS } from '../../../src/postgres/index.js';
import { isStoreError, type RosterStore, syncRoster } from '../../../src/sync/index.js';
import { generateDistrict } from '../../../src/testing/index.js';
import { createMockProvider } from '../../../src/testing/msw.js';
import { mockClient, rejection, useMsw } from '../../sync/sync-helpers.js';
import { freshSchema, postgresUrl, useAdminPool } from './store-kinds.js';

const CONCURRENT_RUNS = 12;

describe.skipIf(postgresUrl === undefined)('the PostgreSQL store under many runs at once', () => {
  const url = postgresUrl ?? '';
  const admin = useAdminPool(url);
  const server = useMsw();
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A tiny district served by msw, and a schema dropped after the test. */
  const setup = () => {
    const mock = createMockProvider({
      district: generateDistrict({ preset: 'tiny' }),
      auth: { type: 'none' },
    });
    server.use(...mock.handlers);
    const schema = freshSchema('pool');
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });
    return { client: mockClient(mock.baseUrl, [], 10), schema };
  };
  const track = <T extends RosterStore | pg.Pool>(handle: T): T => {
    cleanups.push(async () => {
      await ('beginRun' in handle ? handle.close() : handle.end());
    });
    return handle;
  };

  it(`completes ${CONCURRENT_RUNS} syncs of different tenants at once on the default pool of ${DEFAULT_POOL_SIZE_CONNECTIONS}`, async () => {
    const { client, schema } = setup();
    const store = track(createPostgresStore({ connectionString: url }, { schema }));
    const tenants = Array.from({ length: CONCURRENT_RUNS }, (_, index) => `district-${index}`);
    const results = await Promise.allSettled(
      tenants.map((tenant) => syncRoster({ client, store, tenant, mode: 'full' })),
    );
    expect(results.map((result) => result.status)).toEqual(tenants.map(() => 'fulfilled'));
    for (const tenant of tenants) expect(await store.count(tenant, 'enrollments')).toBe(60);
  });

  it('syncs a district on a pool of one connection: a run needs no second one', async () => {
    const { client, schema } = setup();
    const pool = track(new pg.Pool({ connectionString: url, max: 1 }));
    const store = track(createPostgresStore({ pool }, { schema }));
    const result = await syncRoster({ client, store, tenant: 'district-a', mode: 'full' });
    expect(result.collections.users?.inserted).toBe(30);
  });

  it('fails a run with a StoreError naming the pool size when no connection comes free in time', async () => {
    const { client, schema } = setup();
    const pool = track(new pg.Pool({ connectionString: url, max: 1 }));
    const store = track(createPostgresStore({ pool }, { schema, connectionWaitMs: 50 }));
    // A run in progress holds the pool's only connection until it finishes.
    const holding = await store.beginRun('district-a', { mode: 'full' });
    const error = await rejection(syncRoster({ client, store, tenant: 'district-b', mode: 'full' }));
    expect(isStoreError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'StoreError',
      store: 'postgres',
      code: 'POOL_EXHAUSTED',
      tenant: 'district-b',
      poolSize: 1,
      waitedMs: 50,
    });
    expect((error as Error).message).toContain("the pool's 1 connections; raise the pool size");
    await store.finishRun(holding, { status: 'succeeded' });
    // Nothing leaked: the connection the late waiter got went back, and the next run has it.
    expect(
      (await syncRoster({ client, store, tenant: 'district-b', mode: 'full' })).collections.users?.inserted,
    ).toBe(30);
  });
});
