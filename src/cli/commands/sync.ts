import { resolve } from 'node:path';
import { type CsvPackage, openCsvPackage } from '../../csv/index.js';
import { redactUrl } from '../../errors/redact.js';
import { isStoreError } from '../../sync/store/store-error.js';
import type { DeletionGuardOptions, SyncCollectionName, SyncOptions } from '../../sync/sync-options.js';
import { SYNC_COLLECTIONS } from '../../sync/sync-options.js';
import type { SyncResult } from '../../sync/sync-result.js';
import { syncRoster } from '../../sync/sync-roster.js';
import { isVersionSwitchError } from '../../sync/version-switch-error.js';
import type { CommandContext } from '../command-context.js';
import {
  CONNECTION_OPTIONS,
  connect,
  ONEROSTER_VERSION_HELP,
  ONEROSTER_VERSION_OPTION,
  readOneRosterVersion,
} from '../connection.js';
import { EXIT } from '../exit-codes.js';
import { formatSyncResult } from '../format/format-sync-result.js';
import { parseCommandLine } from '../parse-command-line.js';
import { createProgressReporter } from '../progress/progress-reporter.js';
import { openStore } from '../stores/open-store.js';
import { StoreFailure } from '../stores/store-failure.js';
import { DEFAULT_STORE, describeStore, parseStoreSpec } from '../stores/store-spec.js';
import { UsageError } from '../usage-error.js';
import { watchClient } from '../watch-client.js';

export const SYNC_HELP = `Usage: oneroster sync [options]

Syncs a district's roster from its provider into a store: a full pull the first time and every 7 days,
changes since the last run otherwise. A run that would retire more than 10% of a collection stops
(exit code 5) and changes nothing in that collection. With --csv, the roster comes from a OneRoster
1.1 CSV package instead (a bulk package is a full run, a delta package a delta).

  --csv DIR|ZIP          read a OneRoster 1.1 CSV package (a directory or a zip) instead of a provider
  --store SPEC           ONEROSTER_STORE   sqlite:PATH or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})
  --tenant NAME          ONEROSTER_TENANT  the district connection the records belong to (default "default")
  --mode MODE            auto (default), full or delta
  --fields minimal|all   minimal: the privacy preset (default); all: every field the provider sends
  --validation lenient|strict  lenient (default): a provider's record that breaks the schema is
                         quarantined; strict: it fails the run (exit code 1)
  --collections LIST     comma-separated, from ${SYNC_COLLECTIONS.join(', ')}
                         (default: all but demographics)
  --dry-run              pull and compare, report what would change, write nothing
  --force-deletions      let this run retire any share of a collection (after a person checked)
  --max-delete-fraction F  the share a run may retire without --force-deletions (default 0.1)
  --tombstones keep|delete  keep retired records as tobedeleted (default) or delete them
  --review always|on-threshold|never  always: stage and check everything, commit nothing, and wait for
                         oneroster approve (exit code 8); on-threshold: wait only when more than 75% of
                         a collection is updated or 10% retired; never (default): commit as usual
${ONEROSTER_VERSION_HELP}
  --version-switch allow|refuse  allow: this run switches the tenant to the client's OneRoster version
                         (a full run; re-keyed records are matched, not retired); refuse (default)
  --json                 print the result as JSON on stdout
  --quiet                no progress lines`;

const SYNC_OPTIONS = {
  ...CONNECTION_OPTIONS,
  csv: { type: 'string' },
  ...ONEROSTER_VERSION_OPTION,
  'version-switch': { type: 'string' },
  store: { type: 'string' },
  tenant: { type: 'string' },
  mode: { type: 'string' },
  fields: { type: 'string' },
  validation: { type: 'string' },
  collections: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'force-deletions': { type: 'boolean', default: false },
  'max-delete-fraction': { type: 'string' },
  tombstones: { type: 'string' },
  review: { type: 'string' },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
} as const;

function parseMode(value: string | undefined): NonNullable<SyncOptions['mode']> {
  if (value === undefined) return 'auto';
  if (value === 'auto' || value === 'full' || value === 'delta') return value;
  throw new UsageError('--mode must be auto, full or delta');
}

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

function parseGuard(force: boolean, fraction: string | undefined): DeletionGuardOptions | false | undefined {
  if (force) return false;
  if (fraction === undefined) return undefined;
  const value = Number(fraction);
  if (!(value >= 0 && value <= 1)) throw new UsageError('--max-delete-fraction must be between 0 and 1');
  return { maxDeleteFraction: value };
}

function parseReview(value: string | undefined): NonNullable<SyncOptions['review']> {
  if (value === undefined) return 'never';
  if (value === 'always' || value === 'on-threshold' || value === 'never') return value;
  throw new UsageError('--review must be always, on-threshold or never');
}

/** What to do with a run the sync held for review. */
function reviewNote(result: SyncResult, tenant: string): string {
  if (result.status !== 'awaiting-review') return '';
  const flags = result.report?.flags.map((flag) => `${flag.collection} ${flag.kind}`).join(', ');
  return (
    `Run ${result.runId} awaits review${flags ? ` (flagged: ${flags})` : ''}; nothing was committed.\n` +
    `  oneroster review --tenant ${tenant}\n` +
    `  oneroster approve --tenant ${tenant} --run ${result.runId}\n`
  );
}

function parseVersionSwitch(value: string | undefined): 'allow' | 'refuse' {
  if (value === undefined || value === 'refuse') return 'refuse';
  if (value === 'allow') return 'allow';
  throw new UsageError('--version-switch must be allow or refuse');
}

/** A refused version switch in the command line's terms (the SDK's message names its options). */
function versionSwitchFailure(error: unknown, tenant: string): unknown {
  if (!isVersionSwitchError(error)) return error;
  return new UsageError(
    `tenant "${tenant}" was synced with OneRoster ${error.storedVersion} and --oneroster-version is ` +
      `${error.clientVersion}; nothing was synced. Switch the tenant with one run with --version-switch allow ` +
      `(--dry-run to preview it), or stay with --oneroster-version ${error.storedVersion}`,
  );
}

/** The line saying that a run switched the tenant's version, and what it re-keyed. */
function switchNote(result: SyncResult, tenant: string): string {
  if (result.switchedFrom === undefined) return '';
  const rekeyed = Object.values(result.collections).reduce((sum, report) => sum + report.rekeyed, 0);
  const verb = result.dryRun ? 'would switch' : 'switched';
  return `Tenant "${tenant}" ${verb} from OneRoster ${result.switchedFrom} to ${result.version}; ${rekeyed} records re-keyed\n`;
}

/** `oneroster sync`: a provider's roster into SQLite or PostgreSQL. */
export async function runSync(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, SYNC_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`sync takes no arguments: ${positionals.join(' ')}`);
  const mode = parseMode(values.mode);
  if (values.fields !== undefined && values.fields !== 'minimal' && values.fields !== 'all') {
    throw new UsageError('--fields must be minimal or all');
  }
  const validation = values.validation;
  if (validation !== undefined && validation !== 'lenient' && validation !== 'strict') {
    throw new UsageError(`--validation must be lenient or strict, not ${validation}`);
  }
  if (values.tombstones !== undefined && values.tombstones !== 'keep' && values.tombstones !== 'delete') {
    throw new UsageError('--tombstones must be keep or delete');
  }
  const collections = parseCollections(values.collections);
  const deletionGuard = parseGuard(values['force-deletions'], values['max-delete-fraction']);
  const versionSwitch = parseVersionSwitch(values['version-switch']);
  const review = parseReview(values.review);
  const version = readOneRosterVersion(values, context.env);
  const tenant = values.tenant ?? (context.env['ONEROSTER_TENANT'] || 'default');
  const spec = parseStoreSpec(values.store ?? (context.env['ONEROSTER_STORE'] || DEFAULT_STORE), context.cwd);
  const dryRun = values['dry-run'];
  const reporter = createProgressReporter(context, { quiet: values.quiet, dryRun });
  const watch = watchClient(context, argv, reporter.note);
  // Everything the command line can get wrong is checked before a connection or a file is opened.
  const csvPath = values.csv;
  const client =
    csvPath === undefined
      ? connect(
          values,
          context.env,
          {
            onEvent: watch.onEvent,
            ...(validation === undefined ? {} : { validation }),
            ...(context.signal ? { signal: context.signal } : {}),
          },
          version,
        )
      : undefined;
  // A refused package (a header typo, a missing file) stops here, before the store is opened.
  const source: CsvPackage | undefined =
    csvPath === undefined ? undefined : await openCsvPackage(resolve(context.cwd, csvPath));
  // A store that fails is named as --store gave it, so a down database is not taken for the provider.
  const storeFailure = (error: unknown): unknown =>
    isStoreError(error) ? new StoreFailure(describeStore(spec), error) : error;
  const store = await openStore(spec).catch(async (error: unknown) => {
    await source?.close();
    throw storeFailure(error);
  });
  if (!values.quiet && !values.json) {
    const from = client === undefined ? `the CSV package ${csvPath}` : redactUrl(client.options.baseUrl);
    context.stderr.write(
      `Syncing ${from} into ${describeStore(spec)} (tenant "${tenant}")${dryRun ? ', dry run' : ''}\n`,
    );
  }
  const started = Date.now();
  try {
    const result = await syncRoster({
      ...(source !== undefined ? { source } : client !== undefined ? { client } : {}),
      store,
      tenant,
      // A package's mode is its manifest's; `--mode` still refuses one that contradicts it.
      ...(source === undefined || values.mode !== undefined ? { mode } : {}),
      dryRun,
      onProgress: reporter.onProgress,
      // Privacy first: the command line asks for the minimum unless told otherwise.
      ...(values.fields === 'all' ? {} : { fields: 'minimal' as const }),
      ...(collections ? { collections } : {}),
      ...(deletionGuard === undefined ? {} : { deletionGuard }),
      ...(values.tombstones === 'delete' ? { tombstones: 'delete' as const } : {}),
      ...(versionSwitch === 'allow' ? { versionSwitch } : {}),
      ...(review === 'never' ? {} : { review }),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (!values.quiet && !values.json) context.stderr.write(switchNote(result, tenant));
    // Said even with --quiet: a held run blocks the tenant until a person acts.
    if (!values.json) context.stderr.write(reviewNote(result, tenant));
    const elapsedMs = Date.now() - started;
    const { requests, retries, throttled } = watch.counts;
    context.stdout.write(
      values.json
        ? `${JSON.stringify({ tenant, store: describeStore(spec), elapsedMs, ...result, requests: { sent: requests, retries, throttled } })}\n`
        : formatSyncResult(result, { tenant, store: describeStore(spec), elapsedMs, requests: watch.counts }),
    );
    return result.status === 'awaiting-review' ? EXIT.awaitingReview : EXIT.ok;
  } catch (error) {
    throw storeFailure(versionSwitchFailure(error, tenant));
  } finally {
    reporter.finish();
    await store.close();
    await source?.close();
  }
}
