import { changes } from '../../sync/change-log.js';
import type { CommandContext } from '../command-context.js';
import { formatCsvHeader, formatCsvRow } from '../format/format-csv.js';
import { parseCommandLine } from '../parse-command-line.js';
import { DEFAULT_STORE } from '../stores/store-spec.js';
import { withStore } from '../stores/with-store.js';
import { UsageError } from '../usage-error.js';
import { writeLine } from '../write-lines.js';

export const CHANGES_HELP = `Usage: oneroster changes --tenant NAME [options]

Prints a tenant's change log in seq order: one change record per stored record each commit changed
(insert, update, tombstone, revive, delete), for an application to apply after the last seq it applied.

  --store SPEC           ONEROSTER_STORE   sqlite:PATH or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})
  --tenant NAME          ONEROSTER_TENANT  the district connection (default "default")
  --after SEQ            only changes after this seq (default 0: from the first)
  --collections LIST     comma-separated: only changes of these collections
  --limit N              at most N changes
  --format ndjson|csv    one JSON change record per line (default), or CSV with a header`;

const CHANGES_OPTIONS = {
  store: { type: 'string' },
  tenant: { type: 'string' },
  after: { type: 'string' },
  collections: { type: 'string' },
  limit: { type: 'string' },
  format: { type: 'string' },
} as const;

const CSV_COLUMNS = [
  'seq',
  'runId',
  'collection',
  'sourcedId',
  'op',
  'changedFields',
  'at',
  'before',
  'after',
];

function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count)) {
    throw new UsageError(`${flag} must be a whole number, not ${value}`);
  }
  return count;
}

/** `oneroster changes`: a tenant's change log, as NDJSON or CSV. */
export async function runChanges(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, CHANGES_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals.join(' ')}`);
  const format = values.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new UsageError('--format must be ndjson or csv');
  const after = parseCount('--after', values.after);
  const limit = parseCount('--limit', values.limit);
  const collections = values.collections
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const tenant = values.tenant ?? (context.env['ONEROSTER_TENANT'] || 'default');
  await withStore(values.store, context, async (store) => {
    if (format === 'csv') await writeLine(context.stdout, formatCsvHeader(CSV_COLUMNS));
    const read = changes(store, tenant, {
      ...(after === undefined ? {} : { after }),
      ...(limit === undefined ? {} : { limit }),
      ...(collections === undefined ? {} : { collections }),
    });
    for await (const change of read) {
      const line =
        format === 'csv' ? formatCsvRow({ ...change }, CSV_COLUMNS) : `${JSON.stringify(change)}\n`;
      await writeLine(context.stdout, line);
    }
  });
  return 0;
}
