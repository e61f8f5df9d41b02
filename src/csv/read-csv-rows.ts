import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CsvPackageError } from './csv-package-error.js';

/** One parsed row: its values as given (quotes, commas and line breaks inside quotes kept) and its first line. */
export interface CsvRow {
  readonly values: string[];
  readonly line: number;
}

/**
 * The rows of one CSV file, streamed: a byte-order mark is dropped, CRLF and LF both end rows, and
 * quoted fields keep their commas, doubled quotes and line breaks. Rows of any length are yielded;
 * the caller checks them against the header. Empty lines are skipped.
 * @throws CsvPackageError for text that is not CSV (an unclosed quote), naming the file and line
 */
export async function* readCsvRows(file: string, input: Readable): AsyncGenerator<CsvRow> {
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  input.once('error', (error) => parser.destroy(error));
  let nextLine = 1;
  try {
    for await (const item of parser) {
      // `info: true` makes each item `{ record, info }`; the stream types it as any.
      const record: unknown = Reflect.get(item, 'record');
      const info: unknown = Reflect.get(item, 'info');
      const lines: unknown =
        typeof info === 'object' && info !== null ? Reflect.get(info, 'lines') : undefined;
      if (!Array.isArray(record) || typeof lines !== 'number')
        throw new TypeError('csv-parse gave no record');
      const values = record.map(String);
      // A record ends on `info.lines`; it starts after the previous one's end (empty lines skipped
      // between them are counted from there, so a blank line shifts nothing that follows it).
      yield { values, line: Math.min(nextLine, lines) };
      nextLine = lines + 1;
    }
  } catch (error) {
    if (error instanceof CsvPackageError) throw error;
    const lines = typeof error === 'object' && error !== null ? Reflect.get(error, 'lines') : undefined;
    throw new CsvPackageError({
      file,
      ...(typeof lines === 'number' ? { line: lines } : {}),
      reason: `not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
    });
  } finally {
    input.destroy();
  }
}
