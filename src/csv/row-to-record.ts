import { type EntityName, type FieldSelection, parseRecord } from '../index.js';
import type { HeaderSlot } from './check-header.js';
import type { CsvTable } from './csv-tables.js';

/** A row that could not become a record: where it is, the field at fault and why. */
export interface QuarantinedRow {
  readonly file: string;
  /** 1-based line where the row starts. */
  readonly line: number;
  /** The REST field (`orgs`, `enabledUser`...) or CSV column at fault; `''` for the row as a whole. */
  readonly field: string;
  /** What is wrong: the validation issue code, or words. */
  readonly reason: string;
}

/** What reading a row gives. */
export type RowOutcome =
  | { readonly ok: true; readonly record: Record<string, unknown> }
  | { readonly ok: false; readonly quarantined: QuarantinedRow };

/** How a file's rows are read. */
export interface RowContext {
  readonly table: CsvTable;
  readonly slots: readonly HeaderSlot[];
  /** Delta files must carry `status` and `dateLastModified`; bulk files may leave them blank. */
  readonly mode: 'bulk' | 'delta';
  /** The checked selection: only these fields are kept (`password` is not in `minimal`). */
  readonly fields: FieldSelection<EntityName> | undefined;
}

/**
 * Stands in for a bulk row's blank `dateLastModified` while the REST model validates the row (the
 * model requires one), and is removed after: such a row is stored without one, so re-importing the
 * same package finds every record unchanged.
 */
const NO_DATE = '1970-01-01T00:00:00.000Z';

/** `a, b,c` → `['a', 'b', 'c']`, blanks dropped. */
export function splitList(value: string): string[] {
  const items: string[] = [];
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item !== '') items.push(item);
  }
  return items;
}

/** `{studentId:123},{stateId:ab}` → `[{type, identifier}]`; undefined when an item is not of that form. */
function readUserIds(value: string): { type: string; identifier: string }[] | undefined {
  const items: { type: string; identifier: string }[] = [];
  for (const match of value.matchAll(/\{([^{}]*)\}|([^{},\s][^,]*)/g)) {
    const braced = match[1];
    if (braced === undefined) return undefined;
    const colon = braced.indexOf(':');
    if (colon < 0) return undefined;
    items.push({ type: braced.slice(0, colon).trim(), identifier: braced.slice(colon + 1).trim() });
  }
  return items;
}

/**
 * The record without the stand-in date, copied: `delete` would turn each record into a slow
 * dictionary-mode object for everything after (the store's canonical JSON, its hashing).
 */
function withoutDate(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key !== 'dateLastModified') copy[key] = record[key];
  }
  return copy;
}

function quarantine(context: RowContext, line: number, field: string, reason: string): RowOutcome {
  return { ok: false, quarantined: { file: context.table.file, line, field, reason } };
}

/**
 * One CSV row as the record the REST binding gives for it: GUIDRefs for `*SourcedId(s)` columns,
 * arrays for lists, and the same normalisation and validation as a record from the API (booleans in
 * any case, date-only `dateLastModified`, unknown enum values kept). Blank values are absent fields.
 */
export function rowToRecord(context: RowContext, values: readonly string[], line: number): RowOutcome {
  const { table, slots } = context;
  const raw: Record<string, unknown> = {};
  let metadata: Record<string, string> | undefined;
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index];
    const value = values[index] ?? '';
    if (slot === undefined || slot.kind === 'ignored' || value === '') continue;
    if (slot.kind === 'metadata') {
      metadata ??= {};
      metadata[slot.key] = value;
      continue;
    }
    const { column } = slot;
    switch (column.kind) {
      case 'text':
        raw[column.field] = value;
        break;
      case 'list':
        raw[column.field] = splitList(value);
        break;
      case 'ref':
        raw[column.field] = { sourcedId: value.trim(), type: column.target };
        break;
      case 'refs':
        raw[column.field] = splitList(value).map((sourcedId) => ({ sourcedId, type: column.target }));
        break;
      case 'userIds': {
        const userIds = readUserIds(value);
        if (userIds === undefined)
          return quarantine(context, line, column.name, 'not a {type:identifier} list');
        raw[column.field] = userIds;
        break;
      }
    }
  }
  // Values past the header are tolerated only when blank (exports that pad rows with commas).
  for (let index = slots.length; index < values.length; index++) {
    if (values[index] !== '')
      return quarantine(context, line, '', `more values than the header's ${slots.length} columns`);
  }
  if (metadata !== undefined) raw['metadata'] = metadata;
  const undated = raw['dateLastModified'] === undefined;
  if (context.mode === 'delta') {
    if (raw['status'] === undefined) return quarantine(context, line, 'status', 'required in a delta file');
    if (undated) return quarantine(context, line, 'dateLastModified', 'required in a delta file');
  } else {
    // A bulk file lists what exists: a blank status is an active record.
    raw['status'] ??= 'active';
    if (undated) raw['dateLastModified'] = NO_DATE;
  }
  const parsed = parseRecord(
    table.entity,
    raw,
    context.fields === undefined ? {} : { fields: context.fields },
  );
  if (!parsed.ok) {
    const issue = parsed.issues[0];
    return quarantine(context, line, issue?.path.split('.')[0] ?? '', issue?.code ?? 'invalid');
  }
  const record: Record<string, unknown> = parsed.record;
  return { ok: true, record: undated ? withoutDate(record) : record };
}
