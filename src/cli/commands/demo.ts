import { resolve } from 'node:path';
import { oauth2ClientCredentials } from '../../auth/oauth2-client-credentials.js';
import { createOneRosterClient } from '../../client/create-client.js';
import { syncRoster } from '../../sync/sync-roster.js';
import type { CommandContext } from '../command-context.js';
import { DEMO_TENANT, prepareDemoDatabase } from '../demo/demo-database.js';
import { queryDemoDatabase, SAMPLE_QUERY } from '../demo/demo-queries.js';
import { formatDemo } from '../demo/format-demo.js';
import { ratePerSecond } from '../format/format-numbers.js';
import { totalReceived } from '../format/format-sync-result.js';
import { parseSize } from '../mock/mock-provider-flags.js';
import { parseCommandLine } from '../parse-command-line.js';
import { createProgressReporter } from '../progress/progress-reporter.js';
import { UsageError } from '../usage-error.js';

/** The demo's database, in the working directory, as the README promises. */
const DEFAULT_DEMO_DATABASE = 'roster.db';

export const DEMO_HELP = `Usage: oneroster demo [options]

Starts the bundled mock provider with a synthetic district, syncs it into a SQLite file with the
privacy preset (fields: 'minimal'), and prints what landed: counts per collection and per school,
time, records per second and a sample SQL query. Needs no provider and no credentials.

  --size tiny|small|large  tiny: 2 schools; small (default): 4 schools, 600 students, a few seconds;
                           large: 180 schools, 100,080 students, 626,940 enrollments
  --seed N                 seed of the generated district (default 1)
  --db PATH                the SQLite file (default ./${DEFAULT_DEMO_DATABASE}); a database of an earlier
                           demo is replaced, any other file is kept unless --force
  --force                  replace the file even if it is not a demo database
  --json                   print the summary as JSON
  --quiet                  no progress lines`;

const DEMO_OPTIONS = {
  size: { type: 'string' },
  seed: { type: 'string' },
  db: { type: 'string' },
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
} as const;

/** `oneroster demo`: mock provider, sync into SQLite, summary. */
export async function runDemo(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, DEMO_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`demo takes no arguments: ${positionals.join(' ')}`);
  const size = parseSize(values.size, 'small');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
  const path = resolve(context.cwd, values.db ?? DEFAULT_DEMO_DATABASE);

  const replaced = await prepareDemoDatabase(path, values.force);
  const { createSqliteStore } = await import('../../sqlite/index.js');
  const { generateDistrict } = await import('../../testing/district/district.js');
  const { startMockServer } = await import('../../testing/provider/node-server.js');
  const district = generateDistrict({ preset: size, seed });
  const server = await startMockServer({ district });
  const reporter = createProgressReporter(context, { quiet: values.quiet || values.json, dryRun: false });
  try {
    const client = createOneRosterClient({
      baseUrl: server.baseUrl,
      auth: oauth2ClientCredentials({
        tokenUrl: server.tokenUrl ?? '',
        clientId: server.clientId,
        clientSecret: server.clientSecret,
      }),
      userAgent: 'oneroster-cli-demo',
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (!values.quiet && !values.json) {
      context.stderr.write(
        `Syncing ${district.name} (${size}) from the mock provider at ${server.baseUrl}\n`,
      );
    }
    const store = createSqliteStore({ path });
    const started = Date.now();
    const result = await syncRoster({
      client,
      store,
      tenant: DEMO_TENANT,
      mode: 'full',
      fields: 'minimal',
      onProgress: reporter.onProgress,
      ...(context.signal ? { signal: context.signal } : {}),
    }).finally(() => store.close());
    const elapsedMs = Date.now() - started;
    const queries = await queryDemoDatabase(path);
    if (values.json) {
      const records = totalReceived(result);
      context.stdout.write(
        `${JSON.stringify({
          database: path,
          replaced,
          size,
          seed,
          district: district.name,
          elapsedMs,
          records,
          recordsPerSecond: Math.round(ratePerSecond(records, elapsedMs)),
          collections: result.collections,
          schools: queries.schools,
          sampleQuery: { sql: SAMPLE_QUERY, rows: queries.sample },
        })}\n`,
      );
    } else {
      context.stdout.write(
        formatDemo({
          path,
          cwd: context.cwd,
          size,
          districtName: district.name,
          replaced,
          elapsedMs,
          result,
          queries,
        }),
      );
    }
    return 0;
  } finally {
    reporter.finish();
    await server.close();
  }
}
