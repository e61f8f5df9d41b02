import pg from 'pg';
import { afterAll, describe, inject, it } from 'vitest';
import type {} from '../setup/postgres.js';
import { previewScenarios } from './scenarios-preview.js';
import { resumeScenarios } from './scenarios-resume.js';
import { safetyScenarios } from './scenarios-safety.js';
import { syncScenarios } from './scenarios-sync.js';
import { postgresHarness as postgresHarnessOf } from './store-harness.js';

// Provided by test/setup/postgres.ts (vitest globalSetup); the variable serves runs without it.
const url = inject('postgresUrl') ?? process.env['ONEROSTER_TEST_POSTGRES_URL'];

if (url === undefined) {
  describe('syncRoster with the PostgreSQL store', () => {
    // CI must test PostgreSQL; a developer without a server was warned by the global setup.
    it.skipIf(!process.env['CI'])('needs a PostgreSQL server (see test/setup/postgres.ts)', () => {
      throw new Error('No PostgreSQL server for the sync scenarios');
    });
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  afterAll(() => admin.end());

  /** A schema per scenario, so parallel test files never see each other's tenants. */
  const postgresHarness = postgresHarnessOf(url, admin, 'sync');

  describe('syncRoster with the PostgreSQL store', () => {
    syncScenarios(postgresHarness);
  });
  describe('syncRoster previews with the PostgreSQL store', () => {
    previewScenarios(postgresHarness);
  });
  describe('syncRoster safety with the PostgreSQL store', () => {
    safetyScenarios(postgresHarness);
  });
  describe('syncRoster resume with the PostgreSQL store', () => {
    resumeScenarios(postgresHarness);
  });
}
