import { createErrorGuard, OneRosterError } from '../index.js';

/** What a refused CSV package or file is refused for. */
export interface CsvPackageErrorDetails {
  /** The file refused, as named in the package (`users.csv`), or the package path itself. */
  readonly file: string;
  /** 1-based line of the problem, when it has one. */
  readonly line?: number;
  /** The column (header name) at fault, when there is one. */
  readonly column?: string;
  /** What is wrong, in words. */
  readonly reason: string;
}

/**
 * A OneRoster CSV package that cannot be read as one: no manifest, a version other than 1.1, a
 * header with a typo or without a required column, a file the manifest names but the package lacks.
 * Thrown before anything is staged: a receiver that read a mistyped header as "no data" would retire
 * every record.
 */
export class CsvPackageError extends OneRosterError {
  static override readonly kind: string = 'CsvPackageError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly reason: string;

  constructor(details: CsvPackageErrorDetails) {
    const where = [
      details.file,
      details.line === undefined ? undefined : `line ${details.line}`,
      details.column === undefined ? undefined : `column ${details.column}`,
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    super(`OneRoster CSV package refused (${where}): ${details.reason}`);
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.reason = details.reason;
  }
}

/** True for a {@link CsvPackageError}, also one thrown by another copy of this package. */
export const isCsvPackageError = createErrorGuard(CsvPackageError);
