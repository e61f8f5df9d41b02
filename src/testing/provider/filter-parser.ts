/**
 * The OneRoster filter grammar: `field op 'value'` clauses joined by AND or OR. 1.1 allows at most
 * two clauses and one logical operator; 1.2 lifts the limit (AND binds tighter than OR). Values are
 * always single-quoted.
 */

/** Comparison operators (spec 3.4.1); `~` is "contains". */
export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

/** One `field op 'value'` clause. */
export interface FilterClause {
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value: string;
}

/** A logical operator between clauses. */
export type FilterLogical = 'AND' | 'OR';

/** A parsed filter: one clause, two joined by a logical operator, or (1.2) a longer chain. */
export type FilterExpression =
  | { readonly kind: 'clause'; readonly clause: FilterClause }
  | {
      readonly kind: 'pair';
      readonly logical: FilterLogical;
      readonly left: FilterClause;
      readonly right: FilterClause;
    }
  | {
      readonly kind: 'chain';
      readonly clauses: readonly FilterClause[];
      /** `logicals[i]` joins `clauses[i]` and `clauses[i + 1]`. */
      readonly logicals: readonly FilterLogical[];
    };

/** Which version's grammar a filter is read with. */
export type FilterGrammar = '1.1' | '1.2';

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

/** Where one clause ends and the next begins: the closing quote, the logical operator, then a clause. */
const BOUNDARY = new RegExp(`'\\s+(AND|OR)\\s+(?=${FIELD}\\s*${OPERATOR}\\s*')`, 'gi');

/** Parses a decoded `filter` parameter with a version's grammar (default 1.1). */
export function parseFilter(text: string, grammar: FilterGrammar = '1.1'): FilterParseResult {
  if (grammar === '1.2') return parseChain(text);
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

/** Parses any number of clauses (1.2), splitting at each quote that an operator and a clause follow. */
function parseChain(text: string): FilterParseResult {
  const clauses: FilterClause[] = [];
  const logicals: FilterLogical[] = [];
  let start = 0;
  const take = (end: number): boolean => {
    const single = SINGLE.exec(text.slice(start, end));
    const clause = single === null ? undefined : clauseOf(single[1], single[2], single[3]);
    if (clause !== undefined) clauses.push(clause);
    return clause !== undefined;
  };
  for (const boundary of text.matchAll(BOUNDARY)) {
    // The closing quote belongs to the clause before the boundary.
    if (!take(boundary.index + 1))
      return { ok: false, reason: `not a OneRoster filter: ${JSON.stringify(text)}` };
    logicals.push(boundary[1]?.toUpperCase() === 'OR' ? 'OR' : 'AND');
    start = boundary.index + boundary[0].length;
  }
  if (!take(text.length)) return { ok: false, reason: `not a OneRoster filter: ${JSON.stringify(text)}` };
  const [first, second] = clauses;
  if (first !== undefined && clauses.length === 1)
    return { ok: true, filter: { kind: 'clause', clause: first } };
  if (first !== undefined && second !== undefined && clauses.length === 2)
    return { ok: true, filter: { kind: 'pair', logical: logicals[0] ?? 'AND', left: first, right: second } };
  return { ok: true, filter: { kind: 'chain', clauses, logicals } };
}

/** The clauses of an expression. */
export function filterClauses(filter: FilterExpression): FilterClause[] {
  if (filter.kind === 'clause') return [filter.clause];
  return filter.kind === 'pair' ? [filter.left, filter.right] : [...filter.clauses];
}

/** The expression as OR-ed groups of AND-ed clauses (AND binds tighter than OR). */
export function disjunctionOf(filter: FilterExpression): FilterClause[][] {
  if (filter.kind === 'clause') return [[filter.clause]];
  if (filter.kind === 'pair')
    return filter.logical === 'AND' ? [[filter.left, filter.right]] : [[filter.left], [filter.right]];
  const groups: FilterClause[][] = [];
  let group: FilterClause[] = [];
  filter.clauses.forEach((clause, index) => {
    group.push(clause);
    if (filter.logicals[index] !== 'AND') {
      groups.push(group);
      group = [];
    }
  });
  return groups;
}
