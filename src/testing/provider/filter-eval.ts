/** Evaluates parsed filters against records, and decides when the lazy base can skip evaluation. */
import type { DistrictShape } from '../district/district-options.js';
import { BOOLEAN_FIELDS, DATE_FIELDS, type RosterRecord } from '../district/records.js';
import { disjunctionOf, type FilterClause, type FilterExpression, filterClauses } from './filter-parser.js';

/** A record predicate. */
export type RecordPredicate = (record: RosterRecord) => boolean;

/** A compiled filter, or the field that made it invalid (spec: 400 invalid_filter_field). */
export type CompiledFilter = { ok: true; predicate: RecordPredicate } | { ok: false; reason: string };

/** Scalars a field value is compared as: GUIDRefs by sourcedId, userIds by identifier, arrays element-wise. */
function comparableValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(comparableValues);
  if (typeof value === 'object') {
    if ('sourcedId' in value && typeof value.sourcedId === 'string') return [value.sourcedId];
    if ('identifier' in value && typeof value.identifier === 'string') return [value.identifier];
    return [];
  }
  return [String(value)];
}

/** Compares one scalar to the clause value: dates as instants, booleans case-insensitively, else code units. */
function compareScalar(clause: FilterClause, actual: string): boolean {
  if (clause.operator === '~') return actual.toLowerCase().includes(clause.value.toLowerCase());
  let order: number;
  if (DATE_FIELDS.has(clause.field)) {
    const left = Date.parse(actual);
    const right = Date.parse(clause.value);
    if (Number.isNaN(left)) return clause.operator === '!=';
    order = Math.sign(left - right);
  } else {
    const left = BOOLEAN_FIELDS.has(clause.field) ? actual.toLowerCase() : actual;
    const right = BOOLEAN_FIELDS.has(clause.field) ? clause.value.toLowerCase() : clause.value;
    order = left < right ? -1 : left > right ? 1 : 0;
  }
  switch (clause.operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
  }
}

/** A clause as a predicate: a multi-valued field matches when any value does (`!=`: when none is equal). */
function clausePredicate(clause: FilterClause): RecordPredicate {
  return (record) => {
    const values = comparableValues(record[clause.field]);
    if (clause.operator === '!=') return values.every((value) => compareScalar(clause, value));
    return values.some((value) => compareScalar(clause, value));
  };
}

/**
 * Checks fields and values against the fields of the entity (`knownFields`, per version), and
 * compiles the expression. `view` gives the record as the version describes it (1.2's `roles`...).
 */
export function compileFilter(
  filter: FilterExpression,
  knownFields: readonly string[],
  view: (record: RosterRecord) => RosterRecord = (record) => record,
): CompiledFilter {
  for (const clause of filterClauses(filter)) {
    if (!knownFields.includes(clause.field)) {
      return { ok: false, reason: `unknown filter field ${clause.field}` };
    }
    if (DATE_FIELDS.has(clause.field) && clause.operator !== '~' && Number.isNaN(Date.parse(clause.value))) {
      return { ok: false, reason: `${clause.field} needs a date, got ${JSON.stringify(clause.value)}` };
    }
  }
  const groups = disjunctionOf(filter).map((group) => group.map(clausePredicate));
  return {
    ok: true,
    predicate: (record) => {
      const viewed = view(record);
      return groups.some((group) => group.every((predicate) => predicate(viewed)));
    },
  };
}

/** What a filter does to every unmodified base record: keeps all, keeps none, or must be evaluated per record. */
export type BaseVerdict = 'all' | 'none' | 'scan';

/**
 * Decides a clause for the whole base from facts true of every base record: status is `active`, and
 * dateLastModified lies in the roll-over window. This keeps delta pulls (`dateLastModified>'...'`)
 * and `status='active'` pulls over millions of records from evaluating each one.
 */
function clauseVerdict(clause: FilterClause, shape: DistrictShape): BaseVerdict {
  if (clause.field === 'status') {
    return clausePredicate(clause)({ sourcedId: '', status: 'active', dateLastModified: '' })
      ? 'all'
      : 'none';
  }
  if (clause.field !== 'dateLastModified' || clause.operator === '~') return 'scan';
  const instant = Date.parse(clause.value);
  const from = shape.baseModifiedFromMs;
  const to = shape.baseModifiedToMs;
  const bothEnds = (test: (ms: number) => boolean): BaseVerdict =>
    test(from) && test(to) ? 'all' : !test(from) && !test(to) ? 'none' : 'scan';
  switch (clause.operator) {
    case '>':
      return bothEnds((ms) => ms > instant);
    case '>=':
      return bothEnds((ms) => ms >= instant);
    case '<':
      return bothEnds((ms) => ms < instant);
    case '<=':
      return bothEnds((ms) => ms <= instant);
    case '=':
      return instant < from || instant > to ? 'none' : 'scan';
    case '!=':
      return instant < from || instant > to ? 'all' : 'scan';
  }
}

/** The verdict of a whole expression over the base: OR-ed groups of AND-ed clauses. */
export function baseVerdict(filter: FilterExpression | undefined, shape: DistrictShape): BaseVerdict {
  if (filter === undefined) return 'all';
  const groups = disjunctionOf(filter).map((group): BaseVerdict => {
    const verdicts = group.map((clause) => clauseVerdict(clause, shape));
    if (verdicts.includes('none')) return 'none';
    return verdicts.every((verdict) => verdict === 'all') ? 'all' : 'scan';
  });
  if (groups.includes('all')) return 'all';
  return groups.every((verdict) => verdict === 'none') ? 'none' : 'scan';
}
