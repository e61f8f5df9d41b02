import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Finds or starts the PostgreSQL server of the store tests (see .ci/start-postgres.sh), and
    // rebuilds dist/ when a source is newer, for the tests of the built package.
    globalSetup: ['./test/setup/postgres.ts', './test/setup/build.ts'],
    // Tests that spawn servers or child processes need a little headroom on a 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.gc.test.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './test/tsconfig.json' },
        },
      },
      {
        // Tests that force garbage collections between the start of a request and its deadline.
        extends: true,
        test: { name: 'gc', include: ['test/**/*.gc.test.ts'], execArgv: ['--expose-gc'] },
      },
    ],
  },
});
