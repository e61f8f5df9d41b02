// A worker process for the kill-and-resume test: syncs a provider into a SQLite file with the BUILT
// package, writing every progress event to a file, and stops for good at the kill point the test names
// in ONEROSTER_KILL_AT (see test/helpers/kill-point.mjs), where the test sends SIGKILL.
// Usage: node child-sync.mjs <distDir> <baseUrl> <dbPath> <progressPath> <tenant>
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stopAtKillPoint } from '../helpers/kill-point.mjs';

const [distDir, baseUrl, dbPath, progressPath, tenant] = process.argv.slice(2);
const load = (entry) => import(pathToFileURL(join(distDir, `${entry}.js`)).href);
const { createOneRosterClient } = await load('index');
const { syncRoster } = await load('sync');
const { createSqliteStore } = await load('sqlite');

const client = createOneRosterClient({
  baseUrl,
  auth: { kind: 'bearer', authorize: async () => ({ authorization: 'Bearer child' }) },
  pageSize: 5,
  concurrency: 1,
  retry: { retries: 0 },
});
const store = createSqliteStore({ path: dbPath });
const log = (event) => appendFileSync(progressPath, `${JSON.stringify(event)}\n`);
await syncRoster({ client, store, tenant, mode: 'full', onProgress: stopAtKillPoint(log) });
log({ type: 'done' });
await store.close();
