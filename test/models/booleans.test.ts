import { describe, expect, it } from 'vitest';
import { toBoolean } from '../../src/models/normalize/booleans.js';

describe('toBoolean', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['false', false],
    ['True', true],
    ['FALSE', false],
  ])('reads %j in both modes', (input, expected) => {
    expect(toBoolean(input, false)).toBe(expected);
    expect(toBoolean(input, true)).toBe(expected);
  });

  it.each([
    ['t', true],
    ['F', false],
    ['1', true],
    ['0', false],
    [1, true],
    [0, false],
  ])('reads %j in lenient mode only', (input, expected) => {
    expect(toBoolean(input, true)).toBe(expected);
    expect(toBoolean(input, false)).toBeUndefined();
  });

  it.each(['yes', 'no', '', 'truthy', 2, null, undefined, {}])('does not guess %j', (input) => {
    expect(toBoolean(input, true)).toBeUndefined();
  });
});
