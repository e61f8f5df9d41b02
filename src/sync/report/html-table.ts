import { type HtmlValue, html, type SafeHtml } from './html-template.js';

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** A count with thousands separators, the same on every machine: `12,345`. */
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

/** A column of {@link htmlTable}. */
export interface HtmlColumn<T> {
  readonly header: string;
  /** The cell's value: numbers are formatted as counts, text is escaped. */
  readonly cell: (row: T) => string | number | undefined;
  /** Right-aligns the column: counts and percentages. */
  readonly numeric?: boolean;
  /** Highlights the cell, e.g. a counter that should be 0. */
  readonly warn?: (row: T) => boolean;
  /** Mutes the cell, and leaves it out of the phone layout: a zero among many counts. */
  readonly quiet?: (row: T) => boolean;
}

function cellOf<T>(column: HtmlColumn<T>, row: T): SafeHtml {
  const value = column.cell(row);
  const classes = [
    column.numeric ? 'num' : '',
    column.warn?.(row) ? 'warn' : '',
    column.quiet?.(row) ? 'zero' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const text = typeof value === 'number' ? formatCount(value) : (value ?? '');
  // data-label names the cell in the phone layout, where each row is a card.
  return html`<td${classes === '' ? '' : html` class="${classes}"`} data-label="${column.header}">${text}</td>`;
}

/** A table whose every cell is escaped; `empty` fills it when there is no row. */
export function htmlTable<T>(
  caption: string | undefined,
  columns: readonly HtmlColumn<T>[],
  rows: readonly T[],
  empty: string,
): SafeHtml {
  const head: HtmlValue = columns.map(
    (column) => html`<th scope="col"${column.numeric ? html` class="num"` : ''}>${column.header}</th>`,
  );
  const body: HtmlValue =
    rows.length === 0
      ? html`<tr><td class="empty" colspan="${columns.length}">${empty}</td></tr>`
      : rows.map((row) => html`<tr>${columns.map((column) => cellOf(column, row))}</tr>`);
  return html`<div class="scroll"><table>${caption === undefined ? '' : html`<caption>${caption}</caption>`}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}
