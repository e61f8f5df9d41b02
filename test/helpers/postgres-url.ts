import { inject, it } from 'vitest';
import type {} from '../setup/postgres.js';

/**
 * The PostgreSQL server of the store tests: handed over by test/setup/postgres.ts (vitest globalSetup);
 * the variable serves runs without that setup.
 */
export const postgresUrl: string | undefined =
  inject('postgresUrl') ?? process.env['ONEROSTER_TEST_POSTGRES_URL'];

const NO_SERVER =
  'no PostgreSQL server: test/setup/postgres.ts could not start one, and ONEROSTER_TEST_POSTGRES_URL is unset';

/**
 * A test that needs PostgreSQL. Without a server it is skipped with the reason in its name (the global
 * setup printed why), and on CI, which must test PostgreSQL, it fails instead.
 */
export function itWithPostgres(name: string, body: (url: string) => Promise<void>, timeoutMs?: number): void {
  const url = postgresUrl;
  if (url !== undefined) it(name, () => body(url), timeoutMs);
  else if (process.env['CI']) {
    it(name, () => {
      throw new Error(`${NO_SERVER} (CI must run the PostgreSQL tests)`);
    });
  } else it.skip(`${name} [SKIPPED: ${NO_SERVER}]`, () => undefined);
}
