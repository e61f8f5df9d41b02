import { describe, expect, it } from 'vitest';
import { percentEncode } from '../../src/base/percent-encode.js';
import type { User } from '../../src/models/v1p1/user.js';
import { filter } from '../../src/query/filter.js';
import { InvalidFilterError } from '../../src/query/invalid-filter-error.js';
import { isFilter, renderFilter } from '../../src/query/render-filter.js';

function thrown(action: () => unknown): InvalidFilterError {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidFilterError) return error;
    throw error;
  }
  throw new Error('expected an InvalidFilterError');
}

describe('filter', () => {
  it.each([
    [filter.eq('role', 'student'), "role='student'"],
    [filter.ne('status', 'tobedeleted'), "status!='tobedeleted'"],
    [filter.gt('dateLastModified', '2026-01-01'), "dateLastModified>'2026-01-01'"],
    [filter.ge('schoolYear', 2027), "schoolYear>='2027'"],
    [filter.lt('endDate', '2026-06-30'), "endDate<'2026-06-30'"],
    [filter.le('beginDate', '2026-06-30'), "beginDate<='2026-06-30'"],
    [filter.contains('email', '@example.org'), "email~'@example.org'"],
  ])('renders %s', (built, expected) => {
    expect(renderFilter(built)).toBe(expected);
    expect(String(built)).toBe(expected);
  });

  it('sends a Date as an ISO-8601 UTC datetime in quotes', () => {
    const since = new Date(Date.UTC(2026, 0, 1));
    expect(renderFilter(filter.gt('dateLastModified', since))).toBe(
      "dateLastModified>'2026-01-01T00:00:00.000Z'",
    );
  });

  it('quotes numbers and booleans too', () => {
    expect(renderFilter(filter.eq('enabledUser', true))).toBe("enabledUser='true'");
    expect(renderFilter(filter.eq('schoolYear', 2027))).toBe("schoolYear='2027'");
  });

  it('joins two clauses with AND or OR', () => {
    const active = filter.eq('status', 'active');
    expect(renderFilter(filter.and(filter.eq('role', 'student'), active))).toBe(
      "role='student' AND status='active'",
    );
    expect(renderFilter(filter.or(filter.eq('role', 'student'), filter.eq('role', 'teacher')))).toBe(
      "role='student' OR role='teacher'",
    );
  });

  it('exposes its clauses and logical operator', () => {
    const built = filter.and(filter.eq('role', 'student'), filter.gt('dateLastModified', '2026-01-01'));
    expect(built.logic).toBe('AND');
    expect(built.clauses).toEqual([
      { field: 'role', operator: '=', value: 'student' },
      { field: 'dateLastModified', operator: '>', value: '2026-01-01' },
    ]);
    expect(filter.eq('role', 'x').logic).toBeUndefined();
  });

  it('refuses more than two clauses unless extended filters are allowed', () => {
    const three = filter.and(
      filter.eq('role', 'student'),
      filter.eq('status', 'active'),
      filter.eq('grades', '09'),
    );
    const error = thrown(() => renderFilter(three));
    expect(error.reason).toBe('too-many-clauses');
    expect(error.name).toBe('InvalidFilterError');
    expect(() => renderFilter(three, { allowExtendedFilters: false })).toThrow(InvalidFilterError);
    expect(renderFilter(three, { allowExtendedFilters: true })).toBe(
      "role='student' AND status='active' AND grades='09'",
    );
  });

  it('allows any number of clauses in 1.2, with OR and contains, and still one operator', () => {
    const roles = filter.or(
      filter.eq('roles.role', 'teacher'),
      filter.eq('roles.role', 'aide'),
      filter.eq('roles.role', 'proctor'),
      filter.contains('roles.org.sourcedId', 'school-'),
    );
    expect(renderFilter(roles, { version: '1.2' })).toBe(
      "roles.role='teacher' OR roles.role='aide' OR roles.role='proctor' OR roles.org.sourcedId~'school-'",
    );
    expect(thrown(() => renderFilter(roles, { version: '1.1' })).reason).toBe('too-many-clauses');
    expect(thrown(() => renderFilter(roles)).message).toMatch(/version: '1\.2' for a 1\.2 server/);
  });

  it('counts nested clauses of the same operator', () => {
    const nested = filter.or(
      filter.or(filter.eq('role', 'aide'), filter.eq('role', 'proctor')),
      filter.eq('role', 'teacher'),
    );
    expect(nested.clauses).toHaveLength(3);
    expect(thrown(() => renderFilter(nested)).reason).toBe('too-many-clauses');
  });

  it('refuses to mix AND and OR, which the grammar cannot group', () => {
    const either = filter.or(filter.eq('role', 'student'), filter.eq('role', 'teacher'));
    expect(thrown(() => filter.and(either, filter.eq('status', 'active'))).reason).toBe('mixed-operators');
  });

  it("refuses a value containing ' without echoing the value", () => {
    const error = thrown(() => filter.eq('familyName', "O'Connor"));
    expect(error.reason).toBe('quote-in-value');
    expect(error.field).toBe('familyName');
    expect(error.message).not.toContain('Connor');
  });

  it('refuses values it cannot write', () => {
    expect(thrown(() => filter.gt('dateLastModified', new Date(Number.NaN))).reason).toBe('invalid-value');
    expect(thrown(() => filter.eq('schoolYear', Number.POSITIVE_INFINITY)).reason).toBe('invalid-value');
    expect(thrown(() => filter.eq('role', {} as unknown as string)).reason).toBe('invalid-value');
  });

  it('refuses a field that is not a name', () => {
    expect(thrown(() => filter.eq("role='x' OR role", 'y')).reason).toBe('invalid-field');
    expect(thrown(() => filter.eq('', 'y')).reason).toBe('invalid-field');
  });

  it('checks field names against a record type when one is given', () => {
    expect(renderFilter(filter.eq<User>('role', 'student'))).toBe("role='student'");
    // @ts-expect-error `rol` is not a field of User
    filter.eq<User>('rol', 'student');
  });

  it('passes a raw string through unchanged', () => {
    const raw = "role='student' AND status='active' OR grades='09'";
    expect(renderFilter(raw)).toBe(raw);
  });

  it('refuses something that is neither a string nor a built filter', () => {
    expect(thrown(() => renderFilter({ field: 'role' } as never)).reason).toBe('invalid-value');
    expect(isFilter(filter.eq('role', 'x'))).toBe(true);
    expect(isFilter("role='x'")).toBe(false);
  });

  it('percent-encodes to %20 for spaces and %27 for quotes', () => {
    const rendered = renderFilter(
      filter.and(filter.eq('role', 'student'), filter.gt('dateLastModified', '2026-01-01')),
    );
    expect(percentEncode(rendered)).toBe('role%3D%27student%27%20AND%20dateLastModified%3E%272026-01-01%27');
  });
});
