/**
 * The roster report: `buildRosterReport` and its renderers. `src/sync/index.ts` re-exports this
 * folder's public names (`export * from './report/index.js'`).
 */

export { buildRosterReport } from './build-roster-report.js';
export type { ReportRenderOptions } from './mask-names.js';
export {
  DEFAULT_MAX_RETIRED_FRACTION,
  DEFAULT_MAX_UPDATED_FRACTION,
  type ReportThresholds,
  type RosterReportOptions,
} from './report-options.js';
export { type ReportCsvFile, reportToCsv } from './report-to-csv.js';
export { reportToHtml } from './report-to-html.js';
export { type ReportJsonOptions, reportToJson } from './report-to-json.js';
export {
  MISSING_REFERENCE_EXAMPLES,
  type MissingReference,
  REPORT_COLLECTIONS,
  type ReportChangeSource,
  type ReportChanges,
  type ReportCollection,
  type ReportCollectionChange,
  type ReportCollectionTotals,
  type ReportRun,
  type ReportSource,
  type ResolvedReportThresholds,
  type RosterReport,
  type SanityCounterName,
  type SanityCounters,
  type SchoolSummary,
  type TeacherEntry,
  type ThresholdFlag,
} from './report-types.js';
