// The entry points as a CommonJS consumer requires them; see checks.mjs.
const entries = {
  root: require('oneroster'),
  sync: require('oneroster/sync'),
  sqlite: require('oneroster/sqlite'),
  postgres: require('oneroster/postgres'),
  testing: require('oneroster/testing'),
  registry: require('oneroster/registry'),
  csv: require('oneroster/csv'),
  pgBoss: require('oneroster/pg-boss'),
};

import('./checks.mjs').then(({ runChecks }) =>
  runChecks('cjs', entries, () => require('oneroster/testing/msw')),
);
