// A worker process for the change-log kill-and-resume test: syncs a provider into a SQLite file or a
// PostgreSQL schema with the BUILT package, and stops for good at the kill point of ONEROSTER_KILL_AT
// (see test/helpers/kill-point.mjs), where the test sends SIGKILL.
// Usage: node child-sync-store.mjs <distDir> <baseUrl> <sqlite|postgres> <path or url> <schema> <tenant>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stopAtKillPoint } from '../helpers/kill-point.mjs';

const [distDir, baseUrl, kind, where, schema, tenant] = process.argv.slice(2);
const load = (entry) => import(pathToFileURL(join(distDir, `${entry}.js`)).href);
const { createOneRosterClient } = await load('index');
const { syncRoster } = await load('sync');
const store =
  kind === 'sqlite'
    ? (await load('sqlite')).createSqliteStore({ path: where })
    : (await load('postgres')).createPostgresStore({ connectionString: where }, { schema });

const client = createOneRosterClient({
  baseUrl,
  auth: { kind: 'bearer', authorize: async () => ({ authorization: 'Bearer child' }) },
  pageSize: 5,
  concurrency: 1,
  retry: { retries: 0 },
});
await syncRoster({ client, store, tenant, mode: 'full', onProgress: stopAtKillPoint(() => undefined) });
await store.close();
