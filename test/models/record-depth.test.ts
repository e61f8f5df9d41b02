import { describe, expect, it } from 'vitest';
import { MAX_RECORD_DEPTH, TOO_DEEP_ISSUE_CODE } from '../../src/models/record-depth.js';
import { parseRecord } from '../../src/query/parse-record.js';
import { rawUser } from './fixtures.js';

/** `{a: {a: ... 1}}` with `levels` objects. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
}

describe('parseRecord on records nested too deep', () => {
  it('quarantines a record whose metadata is nested 10,000 levels deep, naming the field and the depth', () => {
    expect(parseRecord('user', rawUser({ metadata: nested(10_000) }), { validation: 'lenient' })).toEqual({
      ok: false,
      sourcedId: 'user-1',
      issues: [{ path: 'metadata', code: TOO_DEEP_ISSUE_CODE }],
    });
    expect(TOO_DEEP_ISSUE_CODE).toBe('nested_deeper_than_64_levels');
  });

  it('finds the nesting in lists and in fields the schema does not know', () => {
    const inList = rawUser({ userIds: [{ type: 'x', identifier: '1', extra: [nested(MAX_RECORD_DEPTH)] }] });
    const inExtension = rawUser({ 'x-vendor': nested(MAX_RECORD_DEPTH) });
    expect(parseRecord('user', inList, { validation: 'strict' })).toMatchObject({
      ok: false,
      issues: [{ path: 'userIds', code: TOO_DEEP_ISSUE_CODE }],
    });
    expect(
      parseRecord('user', inExtension, { validation: 'lenient', fields: ['sourcedId', 'givenName'] }),
    ).toMatchObject({
      ok: false,
      issues: [{ path: 'x-vendor', code: TOO_DEEP_ISSUE_CODE }],
    });
  });

  it(`keeps a record exactly ${MAX_RECORD_DEPTH} levels deep, metadata and all`, () => {
    // The record is level 1, so its metadata may hold MAX_RECORD_DEPTH - 1 levels of objects.
    const parsed = parseRecord('user', rawUser({ metadata: nested(MAX_RECORD_DEPTH - 1) }), {
      validation: 'lenient',
    });
    expect(parsed.ok).toBe(true);
    expect(
      parseRecord('user', rawUser({ metadata: nested(MAX_RECORD_DEPTH) }), { validation: 'lenient' }).ok,
    ).toBe(false);
  });
});
