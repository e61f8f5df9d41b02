import { eraseRecords } from '../../sync/erase/erase-records.js';
import { eraseTenant } from '../../sync/erase/erase-tenant.js';
import type { RecordsEraseReceipt } from '../../sync/roster-store.js';
import type { EraseReceipt } from '../../sync/store/store-types.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandLine } from '../parse-command-line.js';
import { storeFailureOf } from '../registry/open-registry.js';
import { openStore } from '../stores/open-store.js';
import { DEFAULT_STORE, describeStore, parseStoreSpec } from '../stores/store-spec.js';
import { UsageError } from '../usage-error.js';

export const ERASE_HELP = `Usage: oneroster erase --tenant NAME --confirm NAME [options]

Deletes everything the store holds for a tenant (records, staging, runs, checkpoints, watermarks,
baselines) in one transaction, or with --records only those records, and prints a receipt of the
rows deleted per table. Refused (exit code 1) while a run of the tenant is in progress.

  --tenant NAME          the district connection to erase
  --confirm NAME         the same name again: an erasure cannot be undone
  --store SPEC           ONEROSTER_STORE   sqlite:PATH or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})
  --records COLL:IDS     repeatable: erase only these records, e.g. users:st-1,st-2 (and their
                         staged copies); records that refer to them keep the reference
  --json                 print the receipt as JSON (one line per receipt)`;

const ERASE_OPTIONS = {
  tenant: { type: 'string' },
  confirm: { type: 'string' },
  store: { type: 'string' },
  records: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
} as const;

/** `users:a,b` → the collection and its ids; the collection is what comes before the first colon. */
function parseRecords(value: string): { collection: string; ids: string[] } {
  const colon = value.indexOf(':');
  const collection = colon === -1 ? '' : value.slice(0, colon).trim();
  const ids =
    colon === -1
      ? []
      : value
          .slice(colon + 1)
          .split(',')
          .map((id) => id.trim());
  if (collection === '' || ids.length === 0 || ids.some((id) => id === '')) {
    throw new UsageError(`--records must be COLLECTION:ID[,ID...], e.g. users:st-1,st-2; not ${value}`);
  }
  return { collection, ids };
}

/** One line per receipt: the counts per table, never a record's content. */
function describeReceipt(receipt: EraseReceipt | RecordsEraseReceipt, store: string): string {
  const counts = Object.entries(receipt.tables)
    .map(([table, rows]) => `${table} ${rows}`)
    .join(', ');
  const what =
    'collection' in receipt
      ? `${receipt.requested} ${receipt.collection} id${receipt.requested === 1 ? '' : 's'} of tenant "${receipt.tenant}"`
      : `tenant "${receipt.tenant}"`;
  return `Erased ${what} from ${store} at ${receipt.erasedAt}. Rows deleted: ${counts}.`;
}

/** `oneroster erase`: a tenant's data, or single records, gone from the store. */
export async function runErase(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, ERASE_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`erase takes no arguments: ${positionals.join(' ')}`);
  const tenant = values.tenant;
  if (tenant === undefined || tenant === '') throw new UsageError('erase needs --tenant NAME');
  if (values.confirm !== tenant) {
    throw new UsageError(`--confirm must repeat the tenant ("${tenant}") to erase it; nothing was erased`);
  }
  const records = (values.records ?? []).map(parseRecords);
  const spec = parseStoreSpec(values.store ?? (context.env['ONEROSTER_STORE'] || DEFAULT_STORE), context.cwd);
  const failure = storeFailureOf(spec);
  const store = await openStore(spec).catch((error: unknown) => {
    throw failure(error);
  });
  const write = (receipt: EraseReceipt | RecordsEraseReceipt) =>
    context.stdout.write(
      `${values.json ? JSON.stringify(receipt) : describeReceipt(receipt, describeStore(spec))}\n`,
    );
  try {
    if (records.length === 0) write(await eraseTenant(store, tenant, { confirm: values.confirm }));
    for (const { collection, ids } of records) write(await eraseRecords(store, tenant, collection, ids));
    return 0;
  } catch (error) {
    throw failure(error);
  } finally {
    await store.close();
  }
}
