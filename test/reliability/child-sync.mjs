// A worker process for the kill-and-resume row: syncs a provider that throws 503s into a SQLite file
// with the BUILT package, over OAuth 2.0 and with retries on, logging each progress event to a file,
// and stops for good at the kill point of ONEROSTER_KILL_AT (test/helpers/kill-point.mjs), where the
// test sends SIGKILL.
// Usage: node child-sync.mjs <distDir> <baseUrl> <tokenUrl> <dbPath> <progressPath> <tenant>
// The client id and secret come in ONEROSTER_CLIENT_ID and ONEROSTER_CLIENT_SECRET.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stopAtKillPoint } from '../helpers/kill-point.mjs';

const [distDir, baseUrl, tokenUrl, dbPath, progressPath, tenant] = process.argv.slice(2);
const load = (entry) => import(pathToFileURL(join(distDir, `${entry}.js`)).href);
const { createOneRosterClient, oauth2ClientCredentials } = await load('index');
const { syncRoster } = await load('sync');
const { createSqliteStore } = await load('sqlite');

const client = createOneRosterClient({
  baseUrl,
  auth: oauth2ClientCredentials({
    tokenUrl,
    clientId: process.env.ONEROSTER_CLIENT_ID,
    clientSecret: process.env.ONEROSTER_CLIENT_SECRET,
  }),
  pageSize: 5,
  concurrency: 2,
  retry: { retries: 5, minDelayMs: 5, maxDelayMs: 50 },
});
const store = createSqliteStore({ path: dbPath });
const log = (event) => appendFileSync(progressPath, `${JSON.stringify(event)}\n`);
await syncRoster({ client, store, tenant, mode: 'full', onProgress: stopAtKillPoint(log) });
log({ type: 'done' });
await store.close();
