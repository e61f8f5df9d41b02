import { resolve } from 'node:path';
import { type CsvProblem, validateCsvPackage, writeCsvPackage } from '../../csv/index.js';
import { SYNC_COLLECTIONS, type SyncCollectionName } from '../../sync/sync-options.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandLine } from '../parse-command-line.js';
import { openStore } from '../stores/open-store.js';
import { DEFAULT_STORE, describeStore, parseStoreSpec } from '../stores/store-spec.js';
import { UsageError } from '../usage-error.js';

export const CSV_HELP = `Usage: oneroster csv <validate|export> [options]

OneRoster 1.1 CSV packages (a directory or a zip).

  validate DIR|ZIP       check the manifest, every header and every row; list each problem with its
                         file, line and column (exit code 1 when there is one)
  export                 write a tenant's roster from the store as a bulk package, or with --since
                         a delta package of what the change log holds after that seq

  --store SPEC           ONEROSTER_STORE   sqlite:PATH or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})
  --tenant NAME          ONEROSTER_TENANT  the tenant to export (default "default")
  --out PATH             export: a new or empty directory, or a path ending in .zip
  --collections LIST     export: comma-separated, from ${SYNC_COLLECTIONS.join(', ')}
                         (default: all but demographics)
  --since SEQ            export: a delta package of the changes after change-log seq SEQ (0: all);
                         the summary names the seq to give next time
  --json                 the report as JSON`;

const CSV_OPTIONS = {
  store: { type: 'string' },
  tenant: { type: 'string' },
  out: { type: 'string' },
  collections: { type: 'string' },
  since: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

function parseCollections(value: string | undefined): SyncCollectionName[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((given) => {
    const name = given.trim();
    const known = SYNC_COLLECTIONS.find((collection) => collection === name);
    if (known === undefined) {
      throw new UsageError(`--collections: unknown collection ${name}; use ${SYNC_COLLECTIONS.join(', ')}`);
    }
    return known;
  });
}

function problemLine(problem: CsvProblem): string {
  const where = [problem.file, problem.line === undefined ? undefined : `line ${problem.line}`]
    .filter((part) => part !== undefined)
    .join(':');
  const column = problem.column === undefined ? '' : ` [${problem.column}]`;
  return `${where}${column}: ${problem.reason}${problem.severity === 'refused' ? ' (file refused)' : ''}`;
}

async function runValidate(path: string, json: boolean, context: CommandContext): Promise<number> {
  const result = await validateCsvPackage(resolve(context.cwd, path));
  if (json) {
    context.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    for (const problem of result.problems) context.stdout.write(`${problemLine(problem)}\n`);
    const rows = Object.entries(result.rows)
      .map(([file, count]) => `${file} ${count}`)
      .join(', ');
    const count = result.problems.length + result.unlisted;
    context.stdout.write(
      `${count === 0 ? 'Valid' : `${count} problem${count === 1 ? '' : 's'}`}: ${path}${rows === '' ? '' : ` (rows: ${rows})`}\n`,
    );
  }
  return result.valid ? 0 : 1;
}

/** `oneroster csv`: validate and export OneRoster 1.1 CSV packages. */
export async function runCsv(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, CSV_OPTIONS);
  const [action, ...rest] = positionals;
  if (action === 'validate') {
    if (rest.length !== 1)
      throw new UsageError('csv validate takes one package: oneroster csv validate DIR|ZIP');
    return runValidate(rest[0] ?? '', values.json, context);
  }
  if (action !== 'export')
    throw new UsageError('csv takes validate or export: oneroster csv <validate|export>');
  if (rest.length > 0) throw new UsageError(`csv export takes no arguments: ${rest.join(' ')}`);
  if (values.out === undefined) throw new UsageError('csv export needs --out DIR or --out FILE.zip');
  const collections = parseCollections(values.collections);
  const since = values.since === undefined ? undefined : Number(values.since);
  if (since !== undefined && (!Number.isInteger(since) || since < 0)) {
    throw new UsageError(`--since must be a change-log seq (a whole number, 0 or more), not ${values.since}`);
  }
  const tenant = values.tenant ?? (context.env['ONEROSTER_TENANT'] || 'default');
  const spec = parseStoreSpec(values.store ?? (context.env['ONEROSTER_STORE'] || DEFAULT_STORE), context.cwd);
  const store = await openStore(spec);
  try {
    const result = await writeCsvPackage(store, tenant, {
      to: resolve(context.cwd, values.out),
      ...(since === undefined ? { mode: 'bulk' as const } : { mode: 'delta' as const, since }),
      ...(collections ? { collections } : {}),
    });
    context.stdout.write(
      values.json
        ? `${JSON.stringify({ tenant, store: describeStore(spec), ...result })}\n`
        : `Wrote ${values.out} from ${describeStore(spec)} (tenant "${tenant}"): ${Object.entries(result.rows)
            .map(([collection, rows]) => `${collection} ${rows}`)
            .join(', ')}${result.lastSeq === undefined ? '' : `; next time --since ${result.lastSeq}`}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
