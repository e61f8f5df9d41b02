/**
 * `oneroster/csv`: the OneRoster 1.1 CSV binding. Opens a package (a directory or a zip, streamed) as
 * a sync source, validates it, writes one from a store, and reconciles rosters across sources.
 * @categoryDescription CSV
 * Reading, validating and writing OneRoster 1.1 CSV packages. See the [OneRoster files](../../docs/csv.md) guide.
 * @packageDocumentation
 * @module oneroster/csv
 */

export { compareSections, type SectionComparison, type SectionStudent } from './compare-sections.js';
export { CsvPackageError, type CsvPackageErrorDetails, isCsvPackageError } from './csv-package-error.js';
export { type ColumnKind, CSV_TABLES, type CsvColumn, type CsvTable } from './csv-tables.js';
export { type CsvPackage, type OpenCsvPackageOptions, openCsvPackage } from './open-csv-package.js';
export type { CsvFileMode, CsvManifest } from './read-manifest.js';
export { reconcile } from './reconcile.js';
export type {
  CollectionReconciliation,
  FieldMismatch,
  FieldNormalization,
  MatchKeys,
  ReconcileOptions,
  ReconcileSide,
  Reconciliation,
  SchoolCodeFinding,
  SchoolReconciliation,
} from './reconcile-types.js';
export { reconciliationToCsv, reconciliationToHtml, reconciliationToJson } from './render-reconciliation.js';
export type { QuarantinedRow } from './row-to-record.js';
export {
  type CsvProblem,
  type CsvValidation,
  type ValidateCsvPackageOptions,
  validateCsvPackage,
} from './validate-csv-package.js';
export { type CsvWriteResult, type WriteCsvPackageOptions, writeCsvPackage } from './write-csv-package.js';
