import {
  type AnyOneRosterClient,
  assertFieldSelection,
  COLLECTIONS,
  type CollectionName,
  type CollectionResource,
  type EntityOfCollection,
  isInvalidFieldsError,
  MINIMAL_FIELDS_BY_VERSION,
  type OneRosterClient,
  type OneRosterResources,
  type OneRosterVersion,
  type Page,
} from '../../index.js';
import type { CommandContext } from '../command-context.js';
import {
  CONNECTION_OPTIONS,
  connect,
  ONEROSTER_VERSION_HELP,
  ONEROSTER_VERSION_OPTION,
  readOneRosterVersion,
} from '../connection.js';
import { formatCsvHeader, formatCsvRow } from '../format/format-csv.js';
import { parseCommandLine } from '../parse-command-line.js';
import { createPullProgress } from '../progress/pull-progress.js';
import { suggestName } from '../suggest-name.js';
import { UsageError } from '../usage-error.js';
import { watchClient } from '../watch-client.js';
import { OutputClosedError, writeLine } from '../write-lines.js';

const COLLECTION_NAMES = Object.keys(COLLECTIONS);

export const PULL_HELP = `Usage: oneroster pull <collection> [options]

Streams a collection to stdout, one JSON record per line (NDJSON) or as CSV. Progress goes to stderr.

  <collection>          ${COLLECTION_NAMES.join(', ')}
  --fields LIST         minimal (default): the privacy preset; all: every field the provider sends
                        (passwords and phone numbers included); or comma-separated field names
  --filter EXPR         a OneRoster filter, e.g. "role='student'"
  --max N               stop after N records (and ask for pages of at most N)
  --format ndjson|csv   output format (default ndjson)
${ONEROSTER_VERSION_HELP}
  --quiet               no progress lines`;

const PULL_OPTIONS = {
  ...CONNECTION_OPTIONS,
  ...ONEROSTER_VERSION_OPTION,
  fields: { type: 'string' },
  filter: { type: 'string' },
  max: { type: 'string' },
  format: { type: 'string', default: 'ndjson' },
  quiet: { type: 'boolean', default: false },
} as const;

/** What `--fields` asks for: the preset, every field (no `fields` parameter), or a list. */
type FieldsChoice = 'minimal' | 'all' | readonly string[];

function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(COLLECTIONS, name);
}

function parseCollection(positionals: readonly string[]): CollectionName {
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError(`pull needs a collection: ${COLLECTION_NAMES.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`pull takes one collection, not ${positionals.join(' ')}`);
  if (isCollectionName(name)) return name;
  const suggestion = suggestName(name, COLLECTION_NAMES);
  throw new UsageError(
    `unknown collection ${name}${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; pull one of ${COLLECTION_NAMES.join(', ')}`,
  );
}

/** Privacy first: without `--fields` the command asks for the `minimal` preset, as `sync` does. */
function parseFields(
  value: string | undefined,
  collection: CollectionName,
  version: OneRosterVersion,
): FieldsChoice {
  if (value === 'all') return 'all';
  if (value === undefined || value === 'minimal') {
    if (COLLECTIONS[collection].entity === 'demographics') {
      throw new UsageError(
        'demographics have no minimal preset: name the fields you need (--fields sourcedId,birthDate,sex) or pass --fields all',
      );
    }
    return 'minimal';
  }
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--fields needs minimal, all or field names');
  try {
    assertFieldSelection(COLLECTIONS[collection].entity, names, version);
  } catch (error) {
    if (isInvalidFieldsError(error) && error.field !== undefined) {
      throw new UsageError(`--fields: ${collection} have no field ${error.field} in OneRoster ${version}`);
    }
    throw error;
  }
  return names;
}

function parseMax(value: string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 0) throw new UsageError(`--max must be a whole number, not ${value}`);
  return max;
}

/**
 * The columns of a CSV: the fields asked for, the preset's of the version (1.2 users: `roles`), or
 * (every field) the first record's.
 */
function csvColumns(
  fields: FieldsChoice,
  collection: CollectionName,
  version: OneRosterVersion,
  first: Record<string, unknown>,
) {
  if (fields === 'all') return Object.keys(first);
  if (fields !== 'minimal') return fields;
  const entity = COLLECTIONS[collection].entity;
  return entity === 'demographics' ? Object.keys(first) : MINIMAL_FIELDS_BY_VERSION[version][entity];
}

/**
 * The pages of a collection named at run time. Resources are typed per entity; the command line
 * gives strings, so the selection is checked against the collection's entity (InvalidFieldsError).
 */
function pagesOf<C extends CollectionName, V extends OneRosterVersion>(
  client: OneRosterClient<V>,
  collection: C,
  query: PullQuery,
): AsyncIterable<Page<Record<string, unknown>>> {
  const resources: OneRosterResources<V> = client;
  const resource: CollectionResource<EntityOfCollection<C>, V> = resources[collection];
  const entity: EntityOfCollection<C> = COLLECTIONS[collection].entity;
  const selection: unknown = query.fields === 'all' ? undefined : query.fields;
  if (selection !== undefined) assertFieldSelection(entity, selection, client.version);
  return resource
    .list({
      ...(selection === undefined ? {} : { fields: selection }),
      ...(query.filter ? { filter: query.filter } : {}),
      pageSize: query.pageSize,
      signal: query.signal,
    })
    .pages();
}

/** What `pull` asks of the collection. */
interface PullQuery {
  fields: FieldsChoice;
  filter: string | undefined;
  pageSize: number;
  signal: AbortSignal;
}

/** The pages of the collection, read with the client's version (each branch types it as a literal). */
function listPages(
  client: AnyOneRosterClient,
  collection: CollectionName,
  query: PullQuery,
): AsyncIterable<Page<Record<string, unknown>>> {
  return client.version === '1.2' ? pagesOf(client, collection, query) : pagesOf(client, collection, query);
}

/** `oneroster pull <collection>`: streams records to stdout. */
export async function runPull(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, PULL_OPTIONS);
  const collection = parseCollection(positionals);
  if (values.format !== 'ndjson' && values.format !== 'csv') {
    throw new UsageError(`--format must be ndjson or csv, not ${values.format}`);
  }
  const max = parseMax(values.max);
  const version = readOneRosterVersion(values, context.env);
  const fields = parseFields(values.fields, collection, version);
  const progress = createPullProgress(context, { collection, quiet: values.quiet });
  const watch = watchClient(context, argv, progress.note);
  const client = connect(
    values,
    context.env,
    { onEvent: watch.onEvent, ...(context.signal ? { signal: context.signal } : {}) },
    version,
  );
  if (max === 0) return 0;

  // A reader that closes stdout (`| head -1`) ends the pull: in-flight requests are aborted.
  const output = new AbortController();
  let outputError: unknown;
  const onOutputError = (error: unknown): void => {
    outputError ??= error;
    output.abort(new OutputClosedError());
  };
  context.stdout.on('error', onOutputError);
  const pages = listPages(client, collection, {
    fields,
    filter: values.filter,
    // `--max 10` asks for 10 records, not a page of a thousand.
    pageSize: Math.min(max, client.options.pageSize),
    signal: output.signal,
  });
  let columns: readonly string[] | undefined;
  let written = 0;
  try {
    reading: for await (const page of pages) {
      for (const record of page.items) {
        if (values.format === 'csv') {
          if (!columns) {
            columns = csvColumns(fields, collection, version, record);
            await writeLine(context.stdout, formatCsvHeader(columns));
          }
          await writeLine(context.stdout, formatCsvRow(record, columns));
        } else {
          await writeLine(context.stdout, `${JSON.stringify(record)}\n`);
        }
        if (++written >= max) break reading;
      }
      progress.page(written, page.total);
    }
    progress.done(written, watch.counts);
    return 0;
  } catch (error) {
    // The reader has what it wanted: a closed pipe is how `head` says so, not a failure.
    if (isClosedPipe(outputError ?? error)) return 0;
    throw outputError ?? error;
  } finally {
    progress.finish();
    context.stdout.off('error', onOutputError);
  }
}

function isClosedPipe(error: unknown): boolean {
  return (
    error instanceof OutputClosedError ||
    (error instanceof Error &&
      'code' in error &&
      (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED'))
  );
}
