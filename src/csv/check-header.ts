import { CsvPackageError } from './csv-package-error.js';
import type { CsvColumn, CsvTable } from './csv-tables.js';

/** Where each value of a row goes: a spec column, a `metadata.*` extension, or nothing (trailing blanks). */
export type HeaderSlot =
  | { readonly kind: 'column'; readonly column: CsvColumn }
  | { readonly kind: 'metadata'; readonly key: string }
  | { readonly kind: 'ignored' };

const METADATA_PREFIX = 'metadata.';

/** The spec column a mistyped header most likely meant: same letters ignoring case. */
function closest(header: string, table: CsvTable): string | undefined {
  const folded = header.trim().toLowerCase();
  return table.columns.find((column) => column.name.toLowerCase() === folded)?.name;
}

/**
 * Checks a data file's header against the 1.1 binding: every header is a spec column (case exact) or
 * a `metadata.` extension, the spec columns come in the spec's order, each at most once, and every
 * required column is there. Empty headers are allowed only at the end (exports that pad rows).
 * @throws CsvPackageError naming the file, line 1 and the column, before any row is read
 */
export function checkHeader(table: CsvTable, header: readonly string[]): HeaderSlot[] {
  const refuse = (column: string, reason: string): never => {
    throw new CsvPackageError({ file: table.file, line: 1, column, reason });
  };
  const slots: HeaderSlot[] = [];
  const seen = new Set<string>();
  let lastIndex = -1;
  let trailing = false;
  for (const [position, name] of header.entries()) {
    if (name === '') {
      trailing = true;
      slots.push({ kind: 'ignored' });
      continue;
    }
    if (trailing) refuse(name, `column ${position + 1} follows an empty header`);
    if (name.startsWith(METADATA_PREFIX) && name.length > METADATA_PREFIX.length) {
      slots.push({ kind: 'metadata', key: name.slice(METADATA_PREFIX.length) });
      continue;
    }
    const index = table.columns.findIndex((column) => column.name === name);
    const column = table.columns[index];
    if (column === undefined) {
      const meant = closest(name, table);
      refuse(
        name,
        meant === undefined
          ? `"${name}" is not a column of ${table.file} in OneRoster 1.1 (extensions are named metadata.*)`
          : `"${name}" is not a column of ${table.file}; the 1.1 header is "${meant}" (headers are case-sensitive)`,
      );
      continue;
    }
    if (seen.has(name)) refuse(name, `"${name}" appears twice`);
    if (index < lastIndex) refuse(name, `"${name}" is out of the 1.1 order of ${table.file}`);
    seen.add(name);
    lastIndex = index;
    slots.push({ kind: 'column', column });
  }
  for (const column of table.columns) {
    if (column.required && !seen.has(column.name)) {
      refuse(column.name, `the required column "${column.name}" is missing`);
    }
  }
  return slots;
}
