// The entry points as an ESM consumer imports them; see checks.mjs.
import * as root from 'oneroster';
import * as postgres from 'oneroster/postgres';
import * as sqlite from 'oneroster/sqlite';
import * as sync from 'oneroster/sync';
import * as testing from 'oneroster/testing';
import { runChecks } from './checks.mjs';

await runChecks('esm', { root, sync, sqlite, postgres, testing }, () => import('oneroster/testing/msw'));
