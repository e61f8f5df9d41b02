// The entry points as an ESM consumer imports them; see checks.mjs.
import * as root from 'oneroster';
import * as csv from 'oneroster/csv';
import * as pgBoss from 'oneroster/pg-boss';
import * as postgres from 'oneroster/postgres';
import * as registry from 'oneroster/registry';
import * as sqlite from 'oneroster/sqlite';
import * as sync from 'oneroster/sync';
import * as testing from 'oneroster/testing';
import { runChecks } from './checks.mjs';

await runChecks(
  'esm',
  { root, sync, sqlite, postgres, testing, registry, csv, pgBoss },
  () => import('oneroster/testing/msw'),
);
