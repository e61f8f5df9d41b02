import { relative } from 'node:path';
import type { SyncResult } from '../../sync/sync-result.js';
import { formatCount, formatDuration, ratePerSecond } from '../format/format-numbers.js';
import { formatCollectionsTable, totalReceived } from '../format/format-sync-result.js';
import { formatTable } from '../format/format-table.js';
import { type DemoQueries, SAMPLE_QUERY } from './demo-queries.js';

/** Schools listed in the summary; the large district has 180. */
const MAX_SCHOOLS_LISTED = 12;

/** What the demo did, for its summary. */
export interface DemoOutcome {
  path: string;
  cwd: string;
  size: string;
  districtName: string;
  replaced: boolean;
  elapsedMs: number;
  result: SyncResult;
  queries: DemoQueries;
}

function formatSchools(queries: DemoQueries): string {
  const rows = queries.schools
    .slice(0, MAX_SCHOOLS_LISTED)
    .map((school) => [
      school.name,
      formatCount(school.students),
      formatCount(school.teachers),
      formatCount(school.classes),
      formatCount(school.enrollments),
    ]);
  const table = formatTable(['School', 'Students', 'Teachers', 'Classes', 'Enrollments'], rows, [
    'left',
    'right',
    'right',
    'right',
    'right',
  ]);
  const more = queries.schools.length - MAX_SCHOOLS_LISTED;
  return more > 0 ? `${table}\n... and ${formatCount(more)} more schools` : table;
}

function formatSample(queries: DemoQueries): string {
  const rows = queries.sample.map((row) => Object.values(row).map((value) => String(value)));
  const header = Object.keys(queries.sample[0] ?? { code: '', class: '', school: '', students: '' });
  return formatTable(header, rows, ['left', 'left', 'left', 'right']);
}

/** The summary `oneroster demo` prints on stdout. */
export function formatDemo(outcome: DemoOutcome): string {
  const records = totalReceived(outcome.result);
  const where = relative(outcome.cwd, outcome.path) || outcome.path;
  const shown = where.startsWith('..') ? outcome.path : where;
  const lines = [
    `Synced ${outcome.districtName} (${outcome.size}) from the bundled mock provider into ${shown}${outcome.replaced ? ' (replacing the database of an earlier demo)' : ''}.`,
    `${formatCount(records)} records in ${formatDuration(outcome.elapsedMs)}: ${formatCount(ratePerSecond(records, outcome.elapsedMs))} records per second, with fields: 'minimal' (no passwords, no demographics).`,
    '',
    formatCollectionsTable(outcome.result),
    '',
    `Per school (${formatCount(outcome.queries.schools.length)}):`,
    formatSchools(outcome.queries),
    '',
    `A sample query: the largest classes (sqlite3 ${shown}, or any SQLite client):`,
    SAMPLE_QUERY.split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
    '',
    formatSample(outcome.queries),
    '',
    // npx finds the command in a project that installed oneroster, and in a clone of it after a build.
    'Next:',
    '  npx oneroster serve-mock     run the mock provider and point your own code at it',
    '  npx oneroster doctor --help  probe a real provider (connection flags: npx oneroster --help)',
    '  npx oneroster sync --help    keep a real district in SQLite or PostgreSQL',
  ];
  return `${lines.join('\n')}\n`;
}
