import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { postgresUrl } from '../../helpers/postgres-url.js';
import { postgresHarness } from '../store-harness.js';
import { reviewScenarios } from './review-scenarios.js';

const url = postgresUrl;

if (url === undefined) {
  describe('review before go-live over the PostgreSQL store', () => {
    // CI must test PostgreSQL; a developer without a server was warned by the global setup.
    it.skipIf(!process.env['CI'])('needs a PostgreSQL server (see test/setup/postgres.ts)', () => {
      throw new Error('No PostgreSQL server for the review scenarios');
    });
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  afterAll(() => admin.end());
  describe('review before go-live over the PostgreSQL store', () => {
    reviewScenarios(postgresHarness(url, admin, 'review'));
  });
}
