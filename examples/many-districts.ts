/**
 * Many districts from one SQLite file: each district a connection of the registry (its secret sealed
 * under ONEROSTER_KEYS), a nightly schedule and an evening sync window, and the embedded worker
 * running what is due. A vendor's admin button is `requestSync`.
 *
 * Run: ONEROSTER_KEYS='{"current":"k1","keys":{"k1":"<base64 of 32 bytes>"}}' \
 *      ONEROSTER_BASE_URL=... ONEROSTER_TOKEN_URL=... ONEROSTER_CLIENT_ID=... ONEROSTER_CLIENT_SECRET=... \
 *      npx tsx examples/many-districts.ts ./roster.db
 * (`npx oneroster serve-mock` prints the four ONEROSTER_ connection variables of a mock provider.)
 *
 * Relative imports keep the example type-checked in this repository; in your project import from
 * 'oneroster/registry' and 'oneroster/sqlite' (and install better-sqlite3).
 */
import { pathToFileURL } from 'node:url';
import {
  createConnectionRegistry,
  type DueSyncsSummary,
  localKeyProviderFromEnv,
  requestSync,
  runDueSyncs,
  type WorkerEvent,
} from '../src/registry/index.js';
import { createSqliteConnectionStorage, createSqliteStore } from '../src/sqlite/index.js';

function setting(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}`);
  return value;
}

/**
 * Adds `districts` connections to the provider of `env` (where missing), asks for a first sync of
 * each now, and runs the embedded worker once: every requested run, within the host's cap.
 */
export async function syncManyDistricts(
  path: string,
  env: NodeJS.ProcessEnv,
  districts: readonly string[],
  log: (event: WorkerEvent) => void,
): Promise<DueSyncsSummary> {
  const registry = createConnectionRegistry({
    store: createSqliteStore({ path }),
    storage: createSqliteConnectionStorage({ path }),
    keys: localKeyProviderFromEnv(env),
  });
  try {
    for (const tenant of districts) {
      if ((await registry.getConnection(tenant)) !== undefined) continue;
      await registry.addConnection({
        tenant,
        baseUrl: setting(env, 'ONEROSTER_BASE_URL'),
        auth: {
          type: 'oauth2-client-credentials',
          tokenUrl: setting(env, 'ONEROSTER_TOKEN_URL'),
          clientId: setting(env, 'ONEROSTER_CLIENT_ID'),
          clientSecret: setting(env, 'ONEROSTER_CLIENT_SECRET'),
        },
        timeZone: 'America/Chicago',
        // Infinite Campus's rule: a full sync on Sundays, deltas on the other nights.
        schedule: [
          { cron: '0 2 * * 0', mode: 'full' },
          { cron: '0 2 * * 1-6', mode: 'delta' },
        ],
        limits: { concurrency: 2 },
      });
      // The first sync should not wait for tonight.
      await requestSync(registry, tenant, { mode: 'full', reason: 'onboarding' });
    }
    // Many districts share one provider host: at most 2 runs and 6 requests at once against it.
    await registry.setHostCap(setting(env, 'ONEROSTER_BASE_URL'), { runs: 2, requests: 6 });
    // Without `review`, each connection's first run waits for a person (docs/from-sync-to-your-app.md,
    // examples/go-live-review.ts); these districts were reviewed before they were added.
    return await runDueSyncs(registry, {
      once: true,
      sync: { fields: 'minimal', review: 'never' },
      onEvent: log,
    });
  } finally {
    await registry.storage.close();
    await registry.store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = process.argv[2] ?? './roster.db';
  const summary = await syncManyDistricts(
    path,
    process.env,
    ['district-1', 'district-2', 'district-3'],
    (event) => console.log(JSON.stringify(event)),
  );
  console.log(summary);
  process.exitCode = summary.failed + summary.held > 0 ? 1 : 0;
}
