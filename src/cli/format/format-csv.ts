/** A cell as a spreadsheet expects it: GUIDRefs by sourcedId, lists joined with `;`, other objects as JSON. */
function toCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(toCell).join(';');
  if (typeof value === 'object') {
    return 'sourcedId' in value && typeof value.sourcedId === 'string'
      ? value.sourcedId
      : JSON.stringify(value);
  }
  return String(value);
}

/** RFC 4180 quoting: a cell with a comma, quote or line break is quoted, its quotes doubled. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line of the record's values for these columns. */
export function formatCsvRow(record: Record<string, unknown>, columns: readonly string[]): string {
  return `${columns.map((column) => quote(toCell(record[column]))).join(',')}\n`;
}

/** The header line. */
export function formatCsvHeader(columns: readonly string[]): string {
  return `${columns.map(quote).join(',')}\n`;
}
