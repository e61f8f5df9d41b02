import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type {} from '../../setup/postgres.js';
import {
  memoryHarness,
  postgresHarness,
  type StoreHarnessFactory,
  sqliteHarness,
} from '../../sync/store-harness.js';

/** The PostgreSQL server of the store tests (test/setup/postgres.ts), when there is one. */
export const postgresUrl: string | undefined =
  inject('postgresUrl') ?? process.env['ONEROSTER_TEST_POSTGRES_URL'];

/** An admin pool for schemas the tests create and drop; ended after the file. */
export function useAdminPool(url: string): pg.Pool {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  afterAll(() => admin.end());
  return admin;
}

/** A schema name no other test file uses. */
export const freshSchema = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

/**
 * Every store kind a behaviour must hold on: memory, SQLite and, when a server is available,
 * PostgreSQL (CI always has one; see test/setup/postgres.ts).
 */
export function storeKinds(): [string, StoreHarnessFactory][] {
  const kinds: [string, StoreHarnessFactory][] = [
    ['memory', memoryHarness],
    ['sqlite', sqliteHarness],
  ];
  if (postgresUrl !== undefined)
    kinds.push(['postgres', postgresHarness(postgresUrl, useAdminPool(postgresUrl), 'hostile')]);
  return kinds;
}
