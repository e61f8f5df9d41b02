import { InvalidFilterError } from './invalid-filter-error.js';

/**
 * The comparison operators of the filter grammar (digest "Filter grammar"); `~` means "contains". 1.2
 * has the same set: what it changes is the number of clauses (see `renderFilter`).
 */
export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

/** A value to compare with. Dates are sent as ISO-8601 UTC strings, numbers and booleans as text. */
export type FilterValue = string | number | boolean | Date;

/** One `field<op>'value'` comparison. */
export interface FilterClause {
  readonly field: string;
  readonly operator: FilterOperator;
  /** The value as it is sent, without the quotes. */
  readonly value: string;
}

/**
 * A filter built with {@link filter}: one clause, or clauses joined by one logical operator. Render it
 * with `renderFilter`, which enforces the 1.1 limit of two clauses; `toString()` gives the expression
 * without that check.
 */
export interface Filter {
  /** How the clauses are joined; absent for a single clause. */
  readonly logic?: 'AND' | 'OR';
  readonly clauses: readonly FilterClause[];
  /** The expression, e.g. `role='student' AND status='active'` (not URL-encoded). */
  toString(): string;
}

/** A field name of records of type `T`; any string when `T` is not given. */
export type FilterField<T> = keyof T & string;

const FIELD_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function fail(reason: InvalidFilterError['reason'], message: string, field?: string): never {
  throw new InvalidFilterError(field === undefined ? { reason, message } : { reason, field, message });
}

function valueText(field: string, value: FilterValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return fail(
    'invalid-value',
    `filter value for \`${field}\` must be a string, a finite number, a boolean or a valid Date`,
    field,
  );
}

function toValueText(field: string, value: FilterValue): string {
  const text = valueText(field, value);
  // Spec: values sit in single quotes and no escape exists for a quote inside; inventing one would
  // match differently on every provider (digest "Filter grammar"). The value is not in the message:
  // it may be a name.
  if (text.includes("'")) {
    fail(
      'quote-in-value',
      `filter value for \`${field}\` contains a single quote, which OneRoster filters cannot escape`,
      field,
    );
  }
  return text;
}

function renderClause(clause: FilterClause): string {
  return `${clause.field}${clause.operator}'${clause.value}'`;
}

function makeFilter(clauses: readonly FilterClause[], logic?: 'AND' | 'OR'): Filter {
  const text = clauses.map(renderClause).join(logic === undefined ? '' : ` ${logic} `);
  return Object.freeze({ ...(logic === undefined ? {} : { logic }), clauses, toString: () => text });
}

/** A one-clause filter builder such as `filter.eq`; pass `T` to check the field name. */
export type FilterComparison = <T = Record<string, unknown>>(
  field: FilterField<T>,
  value: FilterValue,
) => Filter;

function compare(operator: FilterOperator): FilterComparison {
  return (field, value) => {
    if (typeof field !== 'string' || !FIELD_PATTERN.test(field)) {
      fail('invalid-field', 'filter field must be a field name such as `dateLastModified`');
    }
    return makeFilter(Object.freeze([Object.freeze({ field, operator, value: toValueText(field, value) })]));
  };
}

function join(logic: 'AND' | 'OR', filters: readonly Filter[]): Filter {
  const clauses: FilterClause[] = [];
  for (const part of filters) {
    // The grammar has no parentheses, so `a AND (b OR c)` cannot be written without changing its meaning.
    if (part.logic !== undefined && part.logic !== logic) {
      fail('mixed-operators', 'a filter cannot mix AND and OR: the OneRoster grammar has no parentheses');
    }
    clauses.push(...part.clauses);
  }
  return makeFilter(Object.freeze(clauses), logic);
}

/**
 * Builds filter expressions in the spec's grammar: `field<op>'value'`, joined by ` AND ` or ` OR `.
 * Values are always single-quoted; a `Date` becomes an ISO-8601 UTC string. Pass `T` to check field
 * names against a record type. A raw string is accepted by the client as it is, too.
 *
 * @throws InvalidFilterError for a value holding `'`, a non-finite number, an invalid Date, a field
 *   that is not a name, or AND mixed with OR
 * @example
 * filter.gt('dateLastModified', new Date('2026-01-01')) // dateLastModified>'2026-01-01T00:00:00.000Z'
 * filter.and(filter.eq<User>('role', 'student'), filter.eq('status', 'active'))
 */
export const filter = {
  /** `field='value'` */
  eq: compare('='),
  /** `field!='value'` */
  ne: compare('!='),
  /** `field>'value'` */
  gt: compare('>'),
  /** `field>='value'` */
  ge: compare('>='),
  /** `field<'value'` */
  lt: compare('<'),
  /** `field<='value'` */
  le: compare('<='),
  /** `field~'value'`: the field contains the value. */
  contains: compare('~'),
  /** Every filter must hold. On 1.1, more than two clauses need `allowExtendedFilters`; 1.2 allows any number. */
  and: (first: Filter, second: Filter, ...rest: Filter[]): Filter => join('AND', [first, second, ...rest]),
  /** Any filter may hold. On 1.1, more than two clauses need `allowExtendedFilters`; 1.2 allows any number. */
  or: (first: Filter, second: Filter, ...rest: Filter[]): Filter => join('OR', [first, second, ...rest]),
} as const;
