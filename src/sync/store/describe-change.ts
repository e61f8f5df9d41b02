import type { CommitOptions } from '../roster-store.js';
import { canonicalJson } from './canonical-json.js';
import type { ChangeLogOptions, ChangeOp } from './change-types.js';
import { parseJsonObject } from './parse-json.js';

/** `CommitOptions.changeLog` with its defaults applied. */
export interface ChangeLogPolicy {
  readonly values: NonNullable<ChangeLogOptions['values']>;
  /** Undefined: kept until pruned. */
  readonly retainDays: number | undefined;
}

const DAY_MS = 86_400_000;

/** The change log a commit writes; undefined with `changeLog: false`. */
export function resolveChangeLog(option: CommitOptions['changeLog']): ChangeLogPolicy | undefined {
  if (option === false) return undefined;
  const values = option?.values ?? 'changed-fields';
  if (values !== 'none' && values !== 'changed-fields' && values !== 'full') {
    throw new TypeError(
      `changeLog.values must be none, changed-fields or full, not ${JSON.stringify(values)}`,
    );
  }
  const retainDays = option?.retainDays;
  if (retainDays !== undefined && !(Number.isFinite(retainDays) && retainDays > 0)) {
    throw new TypeError(`changeLog.retainDays must be a positive number, not ${String(retainDays)}`);
  }
  return { values, retainDays };
}

/** The oldest `at` a commit at `nowMs` keeps, or undefined when nothing is pruned. */
export function pruneBefore(policy: ChangeLogPolicy, nowMs: number): string | undefined {
  if (policy.retainDays === undefined) return undefined;
  return new Date(nowMs - policy.retainDays * DAY_MS).toISOString();
}

/** A change record before the store numbers it: texts are JSON, ready to store. */
export interface ChangeRow {
  readonly sourcedId: string;
  readonly op: ChangeOp;
  readonly changedFields: readonly string[];
  readonly before: string | undefined;
  readonly after: string | undefined;
}

type JsonObject = Record<string, unknown>;

const parseObject = parseJsonObject;

function has(record: JsonObject, key: string): boolean {
  return Object.hasOwn(record, key);
}

function pick(record: JsonObject, keys: readonly string[]): string {
  const picked: JsonObject = {};
  for (const key of keys) if (has(record, key)) picked[key] = record[key];
  return canonicalJson(picked);
}

/**
 * The change a commit makes to one record, from its JSON before and after (undefined: not stored),
 * or undefined when nothing differs. Every store writes its change log through this function, so
 * they agree field for field.
 */
export function describeChange(
  sourcedId: string,
  before: string | undefined,
  after: string | undefined,
  values: ChangeLogPolicy['values'],
): ChangeRow | undefined {
  if (before === after) return undefined;
  const keep = values !== 'none';
  if (before === undefined) {
    if (after === undefined) return undefined;
    const changedFields = Object.keys(parseObject(after)).sort();
    return { sourcedId, op: 'insert', changedFields, before: undefined, after: keep ? after : undefined };
  }
  const old = parseObject(before);
  if (after === undefined) {
    const changedFields = Object.keys(old).sort();
    return { sourcedId, op: 'delete', changedFields, before: keep ? before : undefined, after: undefined };
  }
  const next = parseObject(after);
  const changedFields: string[] = [];
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const same = has(old, key) === has(next, key) && canonicalJson(old[key]) === canonicalJson(next[key]);
    if (!same) changedFields.push(key);
  }
  if (changedFields.length === 0) return undefined;
  changedFields.sort();
  let op: ChangeOp = 'update';
  if (old['status'] === 'active' && next['status'] === 'tobedeleted') op = 'tombstone';
  else if (old['status'] === 'tobedeleted' && next['status'] === 'active') op = 'revive';
  if (values === 'none') return { sourcedId, op, changedFields, before: undefined, after: undefined };
  if (values === 'full') return { sourcedId, op, changedFields, before, after };
  return { sourcedId, op, changedFields, before: pick(old, changedFields), after: pick(next, changedFields) };
}
