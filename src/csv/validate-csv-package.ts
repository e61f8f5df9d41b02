import type { checkHeader } from './check-header.js';
import { isCsvPackageError } from './csv-package-error.js';
import { CSV_TABLES, type CsvTable } from './csv-tables.js';
import { readHeader } from './open-csv-package.js';
import { openPackageFiles, type PackageFiles } from './package-files.js';
import { readCsvRows } from './read-csv-rows.js';
import { readManifest } from './read-manifest.js';
import { rowToRecord } from './row-to-record.js';

/** One problem of a package: where (file, line, column) and what. */
export interface CsvProblem {
  readonly file: string;
  readonly line: number | undefined;
  /** The CSV column at fault, when there is one. */
  readonly column: string | undefined;
  readonly reason: string;
  /** `refused`: the file (or package) cannot be read at all; `row`: one row is quarantined. */
  readonly severity: 'refused' | 'row';
}

/** What {@link validateCsvPackage} found. */
export interface CsvValidation {
  /** True when nothing was found. */
  readonly valid: boolean;
  /** Rows read per file with a readable header, header excluded. */
  readonly rows: Readonly<Record<string, number>>;
  /** Every problem, file by file, in line order; at most `maxProblems`. */
  readonly problems: readonly CsvProblem[];
  /** Problems past `maxProblems`, counted and not listed. */
  readonly unlisted: number;
}

/** Options of {@link validateCsvPackage}. */
export interface ValidateCsvPackageOptions {
  /**
   * Problems listed; the rest are counted (a broken export can have a million bad rows).
   * @default 10000
   */
  maxProblems?: number;
}

function problemOf(error: unknown, file: string): CsvProblem {
  if (isCsvPackageError(error)) {
    return {
      file: error.file,
      line: error.line,
      column: error.column,
      reason: error.reason,
      severity: 'refused',
    };
  }
  return { file, line: undefined, column: undefined, reason: String(error), severity: 'refused' };
}

/** The CSV column that fills a REST field, for a report in the file's own terms. */
function columnOf(table: CsvTable, field: string): string | undefined {
  if (field === '') return undefined;
  return table.columns.find((column) => column.field === field || column.name === field)?.name ?? field;
}

async function validateFiles(
  files: PackageFiles,
  report: (problem: CsvProblem) => void,
  rows: Record<string, number>,
): Promise<void> {
  const manifest = await readManifest(files);
  for (const table of CSV_TABLES) {
    const mode = manifest.files[table.collection];
    if (mode === undefined || mode === 'absent') continue;
    let slots: ReturnType<typeof checkHeader>;
    try {
      slots = await readHeader(files, table);
    } catch (error) {
      report(problemOf(error, table.file));
      continue;
    }
    const context = { table, slots, mode, fields: undefined };
    let count = -1;
    try {
      for await (const row of readCsvRows(table.file, await files.open(table.file))) {
        count++;
        if (count === 0) continue;
        const outcome = rowToRecord(context, row.values, row.line);
        if (outcome.ok) continue;
        const { quarantined } = outcome;
        report({
          file: quarantined.file,
          line: quarantined.line,
          column: columnOf(table, quarantined.field),
          reason: quarantined.reason,
          severity: 'row',
        });
      }
    } catch (error) {
      report(problemOf(error, table.file));
    }
    rows[table.file] = Math.max(count, 0);
  }
}

/**
 * Checks a package the way `openCsvPackage` and a sync read it, and lists every problem with its file,
 * line and column (the report districts expect from a validator) instead of stopping at the first:
 * the manifest, each file's header, and each row of the files with a readable header.
 * @example
 * const { valid, problems } = await validateCsvPackage('nightly/roster.zip');
 * for (const p of problems) console.log(`${p.file}:${p.line} ${p.column ?? ''} ${p.reason}`);
 */
export async function validateCsvPackage(
  path: string,
  options: ValidateCsvPackageOptions = {},
): Promise<CsvValidation> {
  const maxProblems = options.maxProblems ?? 10_000;
  const problems: CsvProblem[] = [];
  const rows: Record<string, number> = {};
  let unlisted = 0;
  const report = (problem: CsvProblem) => {
    if (problems.length < maxProblems) problems.push(problem);
    else unlisted++;
  };
  let files: PackageFiles | undefined;
  try {
    files = await openPackageFiles(path);
    await validateFiles(files, report, rows);
  } catch (error) {
    report(problemOf(error, path));
  } finally {
    await files?.close();
  }
  return { valid: problems.length === 0 && unlisted === 0, rows, problems, unlisted };
}
