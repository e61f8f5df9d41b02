import { resolve } from 'node:path';
import {
  type CsvPackage,
  type FieldNormalization,
  openCsvPackage,
  type ReconcileSide,
  reconcile,
  reconciliationToCsv,
  reconciliationToHtml,
  reconciliationToJson,
} from '../../csv/index.js';
import type { RosterStore } from '../../sync/roster-store.js';
import { SYNC_COLLECTIONS, type SyncCollectionName } from '../../sync/sync-options.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandLine } from '../parse-command-line.js';
import { openStore } from '../stores/open-store.js';
import { DEFAULT_STORE, parseStoreSpec } from '../stores/store-spec.js';
import { UsageError } from '../usage-error.js';

export const RECONCILE_HELP = `Usage: oneroster reconcile <left> <right> [options]

Compares two rosters record by record: each side is tenant:NAME (a tenant of --store) or a OneRoster
1.1 CSV package (a directory or a zip). Reports, per collection, the matches, the records only one
side has, the fields that differ, and schools listed under different codes.

  --store SPEC           ONEROSTER_STORE   the store of tenant:NAME sides (default ${DEFAULT_STORE})
  --collections LIST     comma-separated, from ${SYNC_COLLECTIONS.join(', ')}
                         (default: all but demographics)
  --normalize FIELD=HOW  repeatable: compare FIELD case-insensitive, trim or trim-case-insensitive
  --format json|csv|html the report (default json)`;

const RECONCILE_OPTIONS = {
  store: { type: 'string' },
  collections: { type: 'string' },
  normalize: { type: 'string', multiple: true },
  format: { type: 'string' },
} as const;

const NORMALIZATIONS: readonly FieldNormalization[] = ['case-insensitive', 'trim', 'trim-case-insensitive'];

function parseNormalize(values: readonly string[] | undefined): Record<string, FieldNormalization> {
  const normalize: Record<string, FieldNormalization> = {};
  for (const value of values ?? []) {
    const [field = '', how = ''] = value.split('=');
    const known = NORMALIZATIONS.find((name) => name === how);
    if (field === '' || known === undefined) {
      throw new UsageError(`--normalize ${value}: use FIELD=${NORMALIZATIONS.join('|')}`);
    }
    normalize[field] = known;
  }
  return normalize;
}

function parseCollections(value: string | undefined): SyncCollectionName[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((given) => {
    const known = SYNC_COLLECTIONS.find((collection) => collection === given.trim());
    if (known === undefined) throw new UsageError(`--collections: unknown collection ${given}`);
    return known;
  });
}

/** `oneroster reconcile`: two rosters compared, as JSON, CSV or HTML on stdout. */
export async function runReconcile(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, RECONCILE_OPTIONS);
  if (positionals.length !== 2)
    throw new UsageError('reconcile takes two sides: oneroster reconcile <left> <right>');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv' && format !== 'html')
    throw new UsageError('--format must be json, csv or html');
  const normalize = parseNormalize(values.normalize);
  const collections = parseCollections(values.collections);
  let store: RosterStore | undefined;
  const packages: CsvPackage[] = [];
  const sideOf = async (given: string): Promise<ReconcileSide> => {
    if (given.startsWith('tenant:')) {
      store ??= await openStore(
        parseStoreSpec(values.store ?? (context.env['ONEROSTER_STORE'] || DEFAULT_STORE), context.cwd),
      );
      return { store, tenant: given.slice('tenant:'.length), label: given };
    }
    const opened = await openCsvPackage(resolve(context.cwd, given));
    packages.push(opened);
    return opened;
  };
  try {
    const [leftArg = '', rightArg = ''] = positionals;
    const report = await reconcile({
      left: await sideOf(leftArg),
      right: await sideOf(rightArg),
      normalize,
      ...(collections ? { collections } : {}),
    });
    const render =
      format === 'csv'
        ? reconciliationToCsv
        : format === 'html'
          ? reconciliationToHtml
          : reconciliationToJson;
    context.stdout.write(render(report));
    return 0;
  } finally {
    for (const opened of packages) await opened.close();
    await store?.close();
  }
}
