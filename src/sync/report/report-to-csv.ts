import { stringify } from 'csv-stringify/sync';
import { type ReportRenderOptions, reportForRendering } from './mask-names.js';
import { SANITY_COUNTERS, SANITY_LABELS } from './report-labels.js';
import { REPORT_COLLECTIONS, type RosterReport } from './report-types.js';

/** The files of {@link reportToCsv}, one per table. */
export type ReportCsvFile =
  | 'report.csv'
  | 'collections.csv'
  | 'flags.csv'
  | 'checks.csv'
  | 'missing-references.csv'
  | 'schools.csv'
  | 'students-by-grade.csv'
  | 'teachers.csv';

type Cell = string | number | undefined;

/**
 * RFC 4180 quoting by csv-stringify; a text cell that a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@`) gets a leading `'` (OWASP "CSV injection"): a school or teacher name is data, not code.
 */
function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify([header, ...rows], { escape_formulas: true });
}

function aboutTable(report: RosterReport): Cell[][] {
  return [
    ['tenant', report.tenant],
    ['generatedAt', report.generatedAt],
    ['source', report.source],
    ['runId', report.run?.id],
    ['runMode', report.run?.mode],
    ['runStatus', report.run?.status],
    ['runStartedAt', report.run?.startedAt],
    ['lastFullSyncAt', report.lastFullSync?.startedAt],
    ['changesSource', report.changes.source],
    ['maxUpdatedFraction', report.thresholds.maxUpdatedFraction],
    ['maxRetiredFraction', report.thresholds.maxRetiredFraction],
  ];
}

const COLLECTION_HEADER = [
  'collection',
  'active',
  'tobedeleted',
  'inserted',
  'updated',
  'unchanged',
  'retired',
  'activeBefore',
  'updatedFraction',
  'retiredFraction',
];

function collectionsTable(report: RosterReport): Cell[][] {
  return REPORT_COLLECTIONS.map((collection) => {
    const totals = report.totals[collection];
    const change = report.changes.collections[collection];
    return [
      collection,
      totals.active,
      totals.tobedeleted,
      change?.inserted,
      change?.updated,
      change?.unchanged,
      change?.retired,
      change?.activeBefore,
      change?.updatedFraction,
      change?.retiredFraction,
    ];
  });
}

/** Each file's header and rows; `teachers.csv` only with a teacher list. */
function tablesOf(report: RosterReport): [ReportCsvFile, readonly string[], Cell[][]][] {
  const tables: [ReportCsvFile, readonly string[], Cell[][]][] = [
    ['report.csv', ['field', 'value'], aboutTable(report)],
    ['collections.csv', COLLECTION_HEADER, collectionsTable(report)],
    [
      'flags.csv',
      ['collection', 'kind', 'count', 'activeBefore', 'fraction', 'threshold'],
      report.flags.map((flag) => [
        flag.collection,
        flag.kind,
        flag.count,
        flag.activeBefore,
        flag.fraction,
        flag.threshold,
      ]),
    ],
    [
      'checks.csv',
      ['check', 'description', 'count'],
      SANITY_COUNTERS.map((name) => [name, SANITY_LABELS[name], report.sanity[name]]),
    ],
    [
      'missing-references.csv',
      ['from', 'field', 'to', 'missing', 'retired', 'examples'],
      report.missingReferences.map((kind) => [
        kind.from,
        kind.field,
        kind.to,
        kind.missing,
        kind.retired,
        kind.examples.map((example) => `${example.sourcedId}>${example.target}`).join(';'),
      ]),
    ],
    [
      'schools.csv',
      ['sourcedId', 'name', 'identifier', 'students', 'teachers', 'classes', 'enrollments'],
      report.schools.map((school) => [
        school.sourcedId,
        school.name,
        school.identifier,
        school.students,
        school.teachers,
        school.classes,
        school.enrollments,
      ]),
    ],
    [
      'students-by-grade.csv',
      ['sourcedId', 'name', ...report.grades, 'students'],
      report.schools.map((school) => [
        school.sourcedId,
        school.name,
        ...report.grades.map((grade) => school.studentsByGrade[grade] ?? 0),
        school.students,
      ]),
    ],
  ];
  if (report.teachers !== undefined) {
    tables.push([
      'teachers.csv',
      ['sourcedId', 'familyName', 'givenName', 'email', 'schools', 'classes'],
      report.teachers.map((teacher) => [
        teacher.sourcedId,
        teacher.familyName,
        teacher.givenName,
        teacher.email,
        teacher.schools.join(';'),
        teacher.classes,
      ]),
    ]);
  }
  return tables;
}

/**
 * The report as CSV files, one per table: a map of file name to CSV text (UTF-8, a header row, `,`
 * between cells, `\n` between rows), in the order of {@link ReportCsvFile}. A change not known leaves
 * its cells empty. `teachers.csv` is left out when the report has no teacher list (`teacherList: false`).
 * @example
 * for (const [name, text] of reportToCsv(report)) await writeFile(join(dir, name), text);
 */
export function reportToCsv(
  report: RosterReport,
  options: ReportRenderOptions = {},
): Map<ReportCsvFile, string> {
  const shown = reportForRendering(report, options);
  return new Map(tablesOf(shown).map(([name, header, rows]) => [name, toCsv(header, rows)]));
}
