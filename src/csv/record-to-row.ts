import type { CsvColumn, CsvTable } from './csv-tables.js';

function sourcedIdOf(ref: unknown): string {
  if (typeof ref !== 'object' || ref === null) return '';
  const sourcedId: unknown = Reflect.get(ref, 'sourcedId');
  return typeof sourcedId === 'string' ? sourcedId : '';
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function cell(column: CsvColumn, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (column.kind) {
    case 'text':
      return scalar(value);
    case 'list':
      return Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
    case 'ref':
      return sourcedIdOf(value);
    case 'refs':
      return Array.isArray(value) ? value.map(sourcedIdOf).join(',') : '';
    case 'userIds':
      if (!Array.isArray(value)) return '';
      return value
        .map((item: unknown) => {
          if (typeof item !== 'object' || item === null) return '';
          return `{${scalar(Reflect.get(item, 'type'))}:${scalar(Reflect.get(item, 'identifier'))}}`;
        })
        .join(',');
  }
}

/** The header of a file as written: every column of the 1.1 table, in spec order. */
export function headerOf(table: CsvTable): string[] {
  return table.columns.map((column) => column.name);
}

/** A stored record as a row of its file: GUIDRefs as sourcedIds, lists comma-separated, booleans as `true`/`false`. */
export function recordToRow(table: CsvTable, record: Readonly<Record<string, unknown>>): string[] {
  return table.columns.map((column) => cell(column, record[column.field]));
}
