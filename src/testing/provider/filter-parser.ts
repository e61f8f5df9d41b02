/**
 * The OneRoster 1.1 filter grammar: `field op 'value'`, or two such clauses joined by AND or OR
 * (spec: at most two clauses and one logical operator in 1.1). Values are always single-quoted.
 */

/** Comparison operators (spec 3.4.1); `~` is "contains". */
export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

/** One `field op 'value'` clause. */
export interface FilterClause {
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value: string;
}

/** A parsed filter: one clause, or two joined by a logical operator. */
export type FilterExpression =
  | { readonly kind: 'clause'; readonly clause: FilterClause }
  | {
      readonly kind: 'pair';
      readonly logical: 'AND' | 'OR';
      readonly left: FilterClause;
      readonly right: FilterClause;
    };

/** Result of parsing: the expression, or why the text is not a filter. */
export type FilterParseResult = { ok: true; filter: FilterExpression } | { ok: false; reason: string };

const FIELD = '([A-Za-z_][A-Za-z0-9_.]*)';
const OPERATOR = '(>=|<=|!=|=|>|<|~)';
/**
 * The first value is matched lazily and the last greedily, so a quote inside a value (O'Connor) is
 * kept: the spec defines no escape, and providers take the outer quotes.
 */
const PAIR = new RegExp(
  String.raw`^\s*${FIELD}\s*${OPERATOR}\s*'(.*?)'\s+(AND|OR)\s+${FIELD}\s*${OPERATOR}\s*'(.*)'\s*$`,
  'is',
);
const SINGLE = new RegExp(String.raw`^\s*${FIELD}\s*${OPERATOR}\s*'(.*)'\s*$`, 's');

/** A value that hides a further clause: `x' AND field='y`. */
const HIDDEN_CLAUSE = new RegExp(`'\\s+(AND|OR)\\s+${FIELD}\\s*${OPERATOR}\\s*'`, 'i');

/** Parses a decoded `filter` parameter. */
export function parseFilter(text: string): FilterParseResult {
  const parsed = parseClauses(text);
  if (parsed.ok && filterClauses(parsed.filter).some((clause) => HIDDEN_CLAUSE.test(clause.value))) {
    return { ok: false, reason: 'more than two clauses (OneRoster 1.1 allows two)' };
  }
  return parsed;
}

const OPERATORS: readonly FilterOperator[] = ['=', '!=', '>', '>=', '<', '<=', '~'];

/** The clause a match's groups hold; undefined when one is missing, which the patterns rule out. */
function clauseOf(
  field: string | undefined,
  operator: string | undefined,
  value: string | undefined,
): FilterClause | undefined {
  const known = OPERATORS.find((candidate) => candidate === operator);
  return field === undefined || known === undefined || value === undefined
    ? undefined
    : { field, operator: known, value };
}

/** Parses one or two clauses. */
function parseClauses(text: string): FilterParseResult {
  const pair = PAIR.exec(text);
  if (pair !== null) {
    const [, leftField, leftOperator, leftValue, logical, rightField, rightOperator, rightValue] = pair;
    const left = clauseOf(leftField, leftOperator, leftValue);
    const right = clauseOf(rightField, rightOperator, rightValue);
    if (left !== undefined && right !== undefined) {
      const joined = logical?.toUpperCase() === 'OR' ? 'OR' : 'AND';
      return { ok: true, filter: { kind: 'pair', logical: joined, left, right } };
    }
  }
  const single = SINGLE.exec(text);
  const clause = single === null ? undefined : clauseOf(single[1], single[2], single[3]);
  if (clause !== undefined) return { ok: true, filter: { kind: 'clause', clause } };
  return { ok: false, reason: `not a OneRoster 1.1 filter: ${JSON.stringify(text)}` };
}

/** The clauses of an expression. */
export function filterClauses(filter: FilterExpression): FilterClause[] {
  return filter.kind === 'clause' ? [filter.clause] : [filter.left, filter.right];
}
