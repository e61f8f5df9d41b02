import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Finds or starts the PostgreSQL server of the store tests (see .ci/start-postgres.sh).
    globalSetup: ['./test/setup/postgres.ts'],
    // Tests that spawn servers or child processes need a little headroom on a 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
