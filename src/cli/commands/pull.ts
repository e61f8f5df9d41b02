import { parseArgs } from 'node:util';
import {
  assertFieldSelection,
  COLLECTIONS,
  type CollectionName,
  type CollectionResource,
  type EntityOfCollection,
  type OneRosterClient,
  type OneRosterResources,
} from '../../index.js';
import type { CommandContext } from '../command-context.js';
import { CONNECTION_OPTIONS, connect } from '../connection.js';
import { formatCsvHeader, formatCsvRow } from '../format/format-csv.js';
import { UsageError } from '../usage-error.js';
import { writeLine } from '../write-lines.js';

export const PULL_HELP = `Usage: oneroster pull <collection> [options]

Streams a collection to stdout, one JSON record per line (NDJSON) or as CSV.

  <collection>          ${Object.keys(COLLECTIONS).join(', ')}
  --fields LIST         comma-separated field names, or "minimal" (the privacy preset)
  --filter EXPR         a OneRoster filter, e.g. "role='student'"
  --max N               stop after N records
  --format ndjson|csv   output format (default ndjson)
  plus the connection options (oneroster --help)`;

/**
 * The records of a collection named at run time. Resources are typed per entity; the command line
 * gives strings, so the selection is checked against the collection's entity (InvalidFieldsError).
 */
function listCollection<C extends CollectionName>(
  client: OneRosterClient,
  collection: C,
  fields: readonly string[] | 'minimal' | undefined,
  filter: string | undefined,
): AsyncIterable<Record<string, unknown>> {
  const resources: OneRosterResources = client;
  const resource: CollectionResource<EntityOfCollection<C>> = resources[collection];
  const entity: EntityOfCollection<C> = COLLECTIONS[collection].entity;
  const selection: unknown = fields;
  if (selection !== undefined) assertFieldSelection(entity, selection);
  return resource.list({
    ...(selection === undefined ? {} : { fields: selection }),
    ...(filter ? { filter } : {}),
  });
}

function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(COLLECTIONS, name);
}

/** `oneroster pull <collection>`: streams records to stdout. */
export async function runPull(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...CONNECTION_OPTIONS,
      fields: { type: 'string' },
      filter: { type: 'string' },
      max: { type: 'string' },
      format: { type: 'string', default: 'ndjson' },
    },
  });
  const collection = positionals[0];
  if (collection === undefined || !isCollectionName(collection)) {
    throw new UsageError(`pull needs a collection: ${Object.keys(COLLECTIONS).join(', ')}`);
  }
  if (values.format !== 'ndjson' && values.format !== 'csv')
    throw new UsageError('--format must be ndjson or csv');
  const max = values.max === undefined ? Number.POSITIVE_INFINITY : Number(values.max);
  if (!(max >= 0) || (Number.isFinite(max) && !Number.isInteger(max)))
    throw new UsageError('--max must be a whole number');
  const fields =
    values.fields === undefined
      ? undefined
      : values.fields === 'minimal'
        ? 'minimal'
        : values.fields.split(',');

  const client = connect(values, context.env, context.signal ? { signal: context.signal } : {});
  const records = listCollection(client, collection, fields, values.filter);
  let columns: readonly string[] | undefined;
  let written = 0;
  if (max === 0) return 0;
  for await (const record of records) {
    if (values.format === 'csv') {
      if (!columns) {
        columns = Array.isArray(fields) ? fields : Object.keys(record);
        await writeLine(context.stdout, formatCsvHeader(columns));
      }
      await writeLine(context.stdout, formatCsvRow(record, columns));
    } else {
      await writeLine(context.stdout, `${JSON.stringify(record)}\n`);
    }
    if (++written >= max) break;
  }
  return 0;
}
