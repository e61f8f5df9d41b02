/**
 * A nightly job: keep one district's roster in SQLite. The first run pulls everything; later runs pull
 * only what changed since the newest change stored (a delta), with a full pull every 7 days to retire
 * what the provider deleted without saying so. A run that would retire more than 10% of a collection
 * stops and changes nothing in it: a provider outage that answers "no students" looks just like that.
 *
 * Run (cron, 2 a.m.): ONEROSTER_BASE_URL=... ONEROSTER_TOKEN_URL=... ONEROSTER_CLIENT_ID=... \
 *      ONEROSTER_CLIENT_SECRET=... ROSTER_DB=./roster.db TENANT=district-7 npx tsx examples/nightly-delta-sync.ts
 *
 * Relative imports keep the example type-checked in this repository; in your project import from
 * 'oneroster', 'oneroster/sync' and 'oneroster/sqlite'.
 */
import { pathToFileURL } from 'node:url';
import { createOneRosterClient, oauth2ClientCredentials } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { isMassDeletionError, type SyncResult, syncRoster } from '../src/sync/index.js';

/** Syncs the district the environment names into the SQLite file `ROSTER_DB`. */
export async function nightlySync(env: NodeJS.ProcessEnv): Promise<SyncResult> {
  const client = createOneRosterClient({
    baseUrl: required(env, 'ONEROSTER_BASE_URL'),
    auth: oauth2ClientCredentials({
      tokenUrl: required(env, 'ONEROSTER_TOKEN_URL'),
      clientId: required(env, 'ONEROSTER_CLIENT_ID'),
      clientSecret: required(env, 'ONEROSTER_CLIENT_SECRET'),
    }),
  });
  const store = createSqliteStore({ path: env['ROSTER_DB'] ?? './roster.db' });
  try {
    return await syncRoster({
      client,
      store,
      tenant: env['TENANT'] ?? 'district-7',
      fields: 'minimal',
      // mode: 'auto' (the default): full when due, delta otherwise.
    });
  } finally {
    await store.close();
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const result = await nightlySync(process.env);
    for (const [collection, report] of Object.entries(result.collections)) {
      console.log(
        `${result.mode} ${collection}: +${report.inserted} ~${report.updated} -${report.tombstoned}`,
      );
    }
  } catch (error) {
    if (!isMassDeletionError(error)) throw error;
    // Page a person: nothing of this collection changed, and the job should not retry on its own.
    console.error(
      `${error.collection}: ${error.wouldDelete} of ${error.stored} records would be retired; stopped.`,
    );
    process.exitCode = 5;
  }
}
