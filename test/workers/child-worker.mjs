// A worker process for the embedded worker's kill test: runs `runDueSyncs` once over a SQLite registry
// with the BUILT package, at the clock ONEROSTER_TEST_NOW, and stops for good at the kill point of
// ONEROSTER_KILL_AT (see test/helpers/kill-point.mjs), where the test sends SIGKILL.
// Usage: node child-worker.mjs <distDir> <dbPath>   (keys in ONEROSTER_KEYS)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stopAtKillPoint } from '../helpers/kill-point.mjs';

const [distDir, dbPath] = process.argv.slice(2);
const load = (entry) => import(pathToFileURL(join(distDir, `${entry}.js`)).href);
const { createConnectionRegistry, localKeyProviderFromEnv, runDueSyncs } = await load('registry');
const { createSqliteConnectionStorage, createSqliteStore } = await load('sqlite');

const now = Date.parse(process.env.ONEROSTER_TEST_NOW);
const registry = createConnectionRegistry({
  store: createSqliteStore({ path: dbPath }),
  storage: createSqliteConnectionStorage({ path: dbPath }),
  keys: localKeyProviderFromEnv(),
  now: () => now,
});
await runDueSyncs(registry, {
  once: true,
  now: () => now,
  client: { pageSize: 5, retry: { retries: 0 } },
  sync: { review: 'never', onProgress: stopAtKillPoint(() => undefined) },
  onEvent: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
});
