/**
 * Going live with a district: its first sync stops before anything is committed, the district reviews
 * the roster report (schools, teachers, student counts), and only then is the run approved. Later
 * syncs commit by themselves unless a collection changes suspiciously (more than 75% updated, or 10%
 * retired), when they wait for review again.
 *
 * Run: ONEROSTER_BASE_URL=... ONEROSTER_TOKEN_URL=... ONEROSTER_CLIENT_ID=... ONEROSTER_CLIENT_SECRET=... \
 *      ROSTER_DB=./roster.db TENANT=district-7 npx tsx examples/go-live-review.ts
 *
 * Relative imports keep the example type-checked in this repository; in your project import from
 * 'oneroster', 'oneroster/sync' and 'oneroster/sqlite'.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createOneRosterClient, oauth2ClientCredentials } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { approveRun, reportToHtml, type SyncResult, syncRoster } from '../src/sync/index.js';

/** What one go-live step did: the sync's result and, when it was held, where the report went. */
export interface GoLiveStep {
  readonly result: SyncResult;
  readonly reportFile: string | undefined;
}

/**
 * Syncs the district: `always` reviewed until it has gone live (a full run approved), `on-threshold`
 * after. A held run's report is written as a self-contained HTML file with teachers' names masked.
 */
export async function syncForReview(env: NodeJS.ProcessEnv): Promise<GoLiveStep> {
  const client = createOneRosterClient({
    baseUrl: required(env, 'ONEROSTER_BASE_URL'),
    auth: oauth2ClientCredentials({
      tokenUrl: required(env, 'ONEROSTER_TOKEN_URL'),
      clientId: required(env, 'ONEROSTER_CLIENT_ID'),
      clientSecret: required(env, 'ONEROSTER_CLIENT_SECRET'),
    }),
  });
  const store = createSqliteStore({ path: env['ROSTER_DB'] ?? './roster.db' });
  const tenant = env['TENANT'] ?? 'district-7';
  try {
    const live = (await store.lastFullSync(tenant)) !== undefined;
    const result = await syncRoster({
      client,
      store,
      tenant,
      fields: 'minimal',
      review: live ? 'on-threshold' : 'always',
    });
    if (result.status !== 'awaiting-review' || result.report === undefined) {
      return { result, reportFile: undefined };
    }
    const reportFile = env['REPORT_FILE'] ?? `./${tenant}-review.html`;
    await writeFile(reportFile, reportToHtml(result.report, { maskNames: true }));
    return { result, reportFile };
  } finally {
    await store.close();
  }
}

/** The district signed off: commits the held run exactly as it was reviewed, without pulling again. */
export async function approve(env: NodeJS.ProcessEnv, runId: string): Promise<SyncResult> {
  const store = createSqliteStore({ path: env['ROSTER_DB'] ?? './roster.db' });
  try {
    return await approveRun(store, env['TENANT'] ?? 'district-7', runId);
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
  const approving = process.argv[2];
  if (approving !== undefined) {
    const result = await approve(process.env, approving);
    console.log(`Approved run ${result.runId}: ${result.collections.users?.inserted ?? 0} users new`);
  } else {
    const { result, reportFile } = await syncForReview(process.env);
    if (reportFile === undefined) console.log(`Committed run ${result.runId}`);
    else {
      console.log(`Run ${result.runId} awaits review: send ${reportFile} to the district, then`);
      console.log(`  npx tsx examples/go-live-review.ts ${result.runId}`);
    }
  }
}
