import { formatCount, type HtmlColumn, htmlTable } from './html-table.js';
import { html, type SafeHtml, styleElement, toHtmlString } from './html-template.js';
import { type ReportRenderOptions, reportForRendering } from './mask-names.js';
import { REPORT_CSS } from './report-html-style.js';
import { formatPercent, SANITY_COUNTERS, SANITY_LABELS } from './report-labels.js';
import {
  type MissingReference,
  REPORT_COLLECTIONS,
  type ReportCollection,
  type ReportCollectionChange,
  type ReportCollectionTotals,
  type ReportSource,
  type RosterReport,
  type SchoolSummary,
  type TeacherEntry,
  type ThresholdFlag,
} from './report-types.js';

const COLLECTION_LABELS: Readonly<Record<ReportCollection, string>> = {
  orgs: 'Orgs',
  academicSessions: 'Academic sessions',
  courses: 'Courses',
  classes: 'Classes',
  users: 'Users',
  enrollments: 'Enrollments',
};

const SOURCE_LABELS: Readonly<Record<ReportSource, string>> = {
  committed: 'The store’s committed records',
  'held-run': 'The run awaiting review: the roster as approving it would make it',
};

/** An ISO datetime as a person reads it, in UTC so the file says the same wherever it is opened. */
function formatTime(iso: string | undefined): string {
  if (iso === undefined) return '';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function header(report: RosterReport): SafeHtml {
  const run = report.run;
  const full = report.lastFullSync;
  return html`<header><h1>Roster report</h1><dl class="meta">
<dt>District (tenant)</dt><dd>${report.tenant}</dd>
<dt>Generated</dt><dd>${formatTime(report.generatedAt)}</dd>
<dt>Roster complete as of</dt><dd>${full === undefined ? 'No full sync has succeeded yet' : formatTime(full.startedAt)}</dd>
${run === undefined ? '' : html`<dt>Run</dt><dd>${run.id} (${run.dryRun ? 'dry run, ' : ''}${run.mode}, ${run.status}, started ${formatTime(run.startedAt)})</dd>`}
<dt>Read from</dt><dd>${SOURCE_LABELS[report.source]}</dd>
</dl></header>`;
}

function cards(report: RosterReport): SafeHtml {
  const items: [string, number][] = [
    ['Schools', report.schools.length],
    ['Students', report.roles['student'] ?? 0],
    ['Teachers', report.roles['teacher'] ?? 0],
    ['Courses', report.totals.courses.active],
    ['Classes', report.totals.classes.active],
    ['Enrollments', report.totals.enrollments.active],
  ];
  return html`<section class="cards" aria-label="Totals">${items.map(
    ([label, value]) =>
      html`<div class="card"><span class="value">${formatCount(value)}</span><span class="label">${label}</span></div>`,
  )}</section>`;
}

function describeFlag(flag: ThresholdFlag): string {
  return `${COLLECTION_LABELS[flag.collection]}: ${formatPercent(flag.fraction)} ${flag.kind} (${formatCount(flag.count)} of ${formatCount(flag.activeBefore)}; threshold ${formatPercent(flag.threshold)})`;
}

function flags(report: RosterReport): SafeHtml {
  if (report.flags.length === 0) return html``;
  return html`<section class="flags"><h2>Needs review</h2><ul>${report.flags.map(
    (flag) => html`<li>${describeFlag(flag)}</li>`,
  )}</ul></section>`;
}

const CHANGE_NOTES = {
  'staged-run': 'Change: what committing the run would do, from the store’s diff of what it staged.',
  'held-run': 'Change: what approving the run awaiting review would do, as it was held.',
  'sync-result': 'Change: what the run did, from its sync result.',
  none: 'The store keeps no counts per run, so the change of the last run is not shown: build the report with the run’s result (syncResult) to see it.',
} as const;

interface CollectionRow {
  collection: ReportCollection;
  totals: ReportCollectionTotals;
  change: ReportCollectionChange | undefined;
}

function collections(report: RosterReport): SafeHtml {
  const flagged = (row: CollectionRow, kind: ThresholdFlag['kind']) =>
    report.flags.some((flag) => flag.collection === row.collection && flag.kind === kind);
  const columns: HtmlColumn<CollectionRow>[] = [
    { header: 'Collection', cell: (row) => COLLECTION_LABELS[row.collection] },
    { header: 'Active', cell: (row) => row.totals.active, numeric: true },
    { header: 'Tombstones', cell: (row) => row.totals.tobedeleted, numeric: true },
    { header: 'Inserted', cell: (row) => row.change?.inserted, numeric: true },
    { header: 'Updated', cell: (row) => row.change?.updated, numeric: true },
    { header: 'Unchanged', cell: (row) => row.change?.unchanged, numeric: true },
    { header: 'Retired', cell: (row) => row.change?.retired, numeric: true },
    {
      header: 'Updated share',
      cell: (row) => (row.change === undefined ? undefined : formatPercent(row.change.updatedFraction)),
      numeric: true,
      warn: (row) => flagged(row, 'updated'),
    },
    {
      header: 'Retired share',
      cell: (row) => (row.change === undefined ? undefined : formatPercent(row.change.retiredFraction)),
      numeric: true,
      warn: (row) => flagged(row, 'retired'),
    },
  ];
  const rows = REPORT_COLLECTIONS.map((collection) => ({
    collection,
    totals: report.totals[collection],
    change: report.changes.collections[collection],
  }));
  const { maxUpdatedFraction, maxRetiredFraction } = report.thresholds;
  const verdict =
    report.changes.source === 'none' || report.flags.length > 0
      ? ''
      : html`<p class="note clear">No collection passes the thresholds (${formatPercent(maxUpdatedFraction)} updated, ${formatPercent(maxRetiredFraction)} retired).</p>`;
  return html`<section><h2>Collections</h2><p class="note">${CHANGE_NOTES[report.changes.source]}</p>${verdict}${htmlTable(undefined, columns, rows, '')}</section>`;
}

function checks(report: RosterReport): SafeHtml {
  const columns: HtmlColumn<(typeof SANITY_COUNTERS)[number]>[] = [
    { header: 'Check', cell: (name) => SANITY_LABELS[name] },
    {
      header: 'Count',
      cell: (name) => report.sanity[name],
      numeric: true,
      warn: (name) => report.sanity[name] > 0,
    },
  ];
  const referenceColumns: HtmlColumn<MissingReference>[] = [
    { header: 'Reference', cell: (kind) => `${kind.from}.${kind.field} → ${kind.to}` },
    { header: 'Missing', cell: (kind) => kind.missing, numeric: true, warn: (kind) => kind.missing > 0 },
    { header: 'Retired', cell: (kind) => kind.retired, numeric: true, warn: (kind) => kind.retired > 0 },
    {
      header: 'Examples',
      cell: (kind) => kind.examples.map((example) => `${example.sourcedId} → ${example.target}`).join(', '),
    },
  ];
  return html`<section><h2>Checks</h2>${htmlTable(undefined, columns, SANITY_COUNTERS, '')}
<h2>References to records that do not exist</h2>${htmlTable(
    undefined,
    referenceColumns,
    report.missingReferences,
    'Every reference points at an active record.',
  )}</section>`;
}

function schools(report: RosterReport): SafeHtml {
  const columns: HtmlColumn<SchoolSummary>[] = [
    { header: 'School', cell: (school) => school.name || school.sourcedId },
    { header: 'Identifier', cell: (school) => school.identifier },
    { header: 'Students', cell: (school) => school.students, numeric: true },
    { header: 'Teachers', cell: (school) => school.teachers, numeric: true },
    { header: 'Classes', cell: (school) => school.classes, numeric: true },
    { header: 'Enrollments', cell: (school) => school.enrollments, numeric: true },
  ];
  const gradeColumns: HtmlColumn<SchoolSummary>[] = [
    { header: 'School', cell: (school) => school.name || school.sourcedId },
    ...report.grades.map(
      (grade): HtmlColumn<SchoolSummary> => ({
        header: grade,
        cell: (school) => school.studentsByGrade[grade] ?? 0,
        numeric: true,
        quiet: (school) => (school.studentsByGrade[grade] ?? 0) === 0,
      }),
    ),
    { header: 'Total', cell: (school) => school.students, numeric: true },
  ];
  return html`<section><h2>Schools</h2>${htmlTable(undefined, columns, report.schools, 'No school.')}
<h2>Students by grade</h2><p class="note">By each student’s first grade; a student in two schools counts in both.</p>${htmlTable(
    undefined,
    gradeColumns,
    report.schools,
    'No school.',
  )}</section>`;
}

function teachers(report: RosterReport): SafeHtml {
  if (report.teachers === undefined) return html``;
  const names = new Map(report.schools.map((school) => [school.sourcedId, school.name || school.sourcedId]));
  const columns: HtmlColumn<TeacherEntry>[] = [
    { header: 'Name', cell: (teacher) => [teacher.familyName, teacher.givenName].filter(Boolean).join(', ') },
    { header: 'Email', cell: (teacher) => teacher.email },
    { header: 'Schools', cell: (teacher) => teacher.schools.map((id) => names.get(id) ?? id).join(', ') },
    {
      header: 'Classes',
      cell: (teacher) => teacher.classes,
      numeric: true,
      warn: (teacher) => teacher.classes === 0,
    },
  ];
  return html`<section><h2>Teachers</h2>${htmlTable(undefined, columns, report.teachers, 'No teacher.')}</section>`;
}

/**
 * The report as one self-contained HTML file: inline CSS, no script, nothing loaded from anywhere
 * (a Content-Security-Policy of `default-src 'none'` holds even if a value slipped through), every
 * value escaped. Readable on a phone (each table row becomes a card) and in print.
 * @example
 * await writeFile('roster.html', reportToHtml(report, { maskNames: true }));
 */
export function reportToHtml(report: RosterReport, options: ReportRenderOptions = {}): string {
  const shown = reportForRendering(report, options);
  const document = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>Roster report: ${shown.tenant}</title>
${styleElement(REPORT_CSS)}</head>
<body><main>
${header(shown)}${flags(shown)}${cards(shown)}${collections(shown)}${checks(shown)}${schools(shown)}${teachers(shown)}
<footer>Generated by oneroster${options.maskNames ? '; names masked for sharing' : ''}. This file runs no script and loads nothing.</footer>
</main></body></html>
`;
  return toHtmlString(document);
}
