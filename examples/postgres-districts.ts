/**
 * Several districts into one PostgreSQL database: one client per district (each with its own
 * credentials, limiter and token), one store shared by all, every row keyed by the district's tenant.
 * Districts are synced one at a time here; run several workers (one per district) for more speed,
 * since the store holds a per-tenant lock.
 *
 * Run: DATABASE_URL=postgres://... ONEROSTER_DISTRICTS='[{"tenant":"district-7","baseUrl":"...",
 *      "tokenUrl":"...","clientId":"...","clientSecretVariable":"DISTRICT_7_SECRET"}]' \
 *      DISTRICT_7_SECRET=... npx tsx examples/postgres-districts.ts
 * The tables go to the PostgreSQL schema `oneroster`, or to the one ROSTER_SCHEMA names.
 *
 * Relative imports keep the example type-checked in this repository; in your project import from
 * 'oneroster', 'oneroster/sync' and 'oneroster/postgres' (and install pg).
 */
import { pathToFileURL } from 'node:url';
import { createOneRosterClient, oauth2ClientCredentials } from '../src/index.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { type RosterStore, type SyncResult, syncRoster } from '../src/sync/index.js';

/** One district connection; the secret is read from its own environment variable, never from the list. */
export interface DistrictConnection {
  tenant: string;
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecretVariable: string;
}

/** Syncs each district into the store; a failing district does not stop the others. */
export async function syncDistricts(
  store: RosterStore,
  districts: readonly DistrictConnection[],
  env: NodeJS.ProcessEnv,
): Promise<Map<string, SyncResult | Error>> {
  const outcomes = new Map<string, SyncResult | Error>();
  for (const district of districts) {
    const clientSecret = env[district.clientSecretVariable];
    if (!clientSecret) {
      outcomes.set(district.tenant, new Error(`Set ${district.clientSecretVariable}`));
      continue;
    }
    const client = createOneRosterClient({
      baseUrl: district.baseUrl,
      auth: oauth2ClientCredentials({
        tokenUrl: district.tokenUrl,
        clientId: district.clientId,
        clientSecret,
      }),
    });
    try {
      outcomes.set(
        district.tenant,
        await syncRoster({ client, store, tenant: district.tenant, fields: 'minimal' }),
      );
    } catch (error) {
      outcomes.set(district.tenant, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return outcomes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) throw new Error('Set DATABASE_URL');
  const districts = JSON.parse(process.env['ONEROSTER_DISTRICTS'] ?? '[]') as DistrictConnection[];
  const store = createPostgresStore(
    { connectionString: databaseUrl },
    { schema: process.env['ROSTER_SCHEMA'] ?? 'oneroster' },
  );
  try {
    for (const [tenant, outcome] of await syncDistricts(store, districts, process.env)) {
      console.log(
        outcome instanceof Error
          ? `${tenant}: failed: ${outcome.message}`
          : `${tenant}: ${outcome.mode} sync done`,
      );
    }
  } finally {
    await store.close();
  }
}
