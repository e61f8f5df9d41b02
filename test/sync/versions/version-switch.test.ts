import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { postgresUrl } from '../../helpers/postgres-url.js';
import { memoryHarness, postgresHarness, sqliteHarness } from '../store-harness.js';
import { switchScenarios } from './switch-scenarios.js';

describe('switching a tenant from OneRoster 1.1 to 1.2, in the memory store', () => {
  switchScenarios(memoryHarness);
});

describe('switching a tenant from OneRoster 1.1 to 1.2, in the SQLite store', () => {
  switchScenarios(sqliteHarness);
});

const url = postgresUrl;
if (url === undefined) {
  describe('switching a tenant from OneRoster 1.1 to 1.2, in the PostgreSQL store', () => {
    // CI must test PostgreSQL; a developer without a server was warned by the global setup.
    it.skipIf(!process.env['CI'])('needs a PostgreSQL server (see test/setup/postgres.ts)', () => {
      throw new Error('No PostgreSQL server for the version switch scenarios');
    });
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  afterAll(() => admin.end());
  describe('switching a tenant from OneRoster 1.1 to 1.2, in the PostgreSQL store', () => {
    switchScenarios(postgresHarness(url, admin, 'versions_switch'));
  });
}
