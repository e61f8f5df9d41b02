import { defineConfig } from 'tsup';

/**
 * Entry points that are built and exported (package.json `exports`, `typesVersions`); one is added
 * here only when its issue ships it. A key with a slash builds into a folder of dist/.
 */
const entry = {
  index: 'src/index.ts',
  sync: 'src/sync/index.ts',
  sqlite: 'src/sqlite/index.ts',
  postgres: 'src/postgres/index.ts',
  registry: 'src/registry/index.ts',
  csv: 'src/csv/index.ts',
  'pg-boss': 'src/pg-boss/index.ts',
  testing: 'src/testing/index.ts',
  'testing/msw': 'src/testing/msw.ts',
};

// ky, p-retry and p-limit are ESM-only. The CJS build bundles them (and their ESM-only
// dependencies) so that `require('oneroster')` works on every Node >= 20, not only >= 20.19.
const esmOnlyDependencies = [/^ky$/, /^p-retry$/, /^p-limit$/, /^is-network-error$/, /^yocto-queue$/];

export default defineConfig([
  {
    // The `oneroster` executable: ESM only, with ESM-only dependencies left to Node's import.
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
    splitting: true,
  },
  {
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
    // Shared chunks for CommonJS too: every class lives in one module, so a `MassDeletionError` from
    // `require('oneroster/sync')` is an `instanceof` the `OneRosterError` of `require('oneroster')`.
    // Without it each .cjs entry carried its own copy of every class it uses.
    splitting: true,
    // The stores load their driver with `createRequire(import.meta.url)` (see load-driver.ts).
    shims: true,
    noExternal: esmOnlyDependencies,
  },
]);
