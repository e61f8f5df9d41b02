import { describe, expect, it } from 'vitest';
import { toCanonicalDateTime, toIsoDate } from '../../src/models/normalize/dates.js';

describe('toCanonicalDateTime', () => {
  it.each([
    ['2026-01-02T03:04:05.123Z', '2026-01-02T03:04:05.123Z'],
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05.9999Z', '2026-01-02T03:04:05.999Z'],
    ['2026-01-02T03:04:05.12Z', '2026-01-02T03:04:05.120Z'],
    ['2026-01-02T00:30:00+01:00', '2026-01-01T23:30:00.000Z'],
    ['2026-12-31T20:00:00.5-05:00', '2027-01-01T01:00:00.500Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-01-02T03:04:05+0100', '2026-01-02T02:04:05.000Z'],
  ])('reads %s in both modes', (input, expected) => {
    expect(toCanonicalDateTime(input, false)).toBe(expected);
    expect(toCanonicalDateTime(input, true)).toBe(expected);
  });

  it.each([
    ['2026-01-02', '2026-01-02T00:00:00.000Z'],
    ['2026-01-02T03:04', '2026-01-02T03:04:00.000Z'],
    ['2026-01-02 03:04:05', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02t03:04:05z', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05+01', '2026-01-02T02:04:05.000Z'],
    [' 2026-01-02T03:04:05Z ', '2026-01-02T03:04:05.000Z'],
    ['0050-01-02T00:00:00', '0050-01-02T00:00:00.000Z'],
  ])('reads %s in lenient mode only', (input, expected) => {
    expect(toCanonicalDateTime(input, true)).toBe(expected);
    expect(toCanonicalDateTime(input, false)).toBeUndefined();
  });

  it.each([
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-01-02T24:00:00Z',
    '2026-01-02T23:60:00Z',
    '2026-01-02T23:59:60Z',
    '2026-01-02T03:04:05.Z',
    '2026-01-02T03:04:05+01:75',
    '02/01/2026',
    '',
  ])('refuses %s', (input) => {
    expect(toCanonicalDateTime(input, true)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(toCanonicalDateTime(1767225600000, true)).toBeUndefined();
    expect(toCanonicalDateTime(new Date(), true)).toBeUndefined();
  });
});

describe('toIsoDate', () => {
  it('keeps a YYYY-MM-DD date in both modes', () => {
    expect(toIsoDate('2026-08-15', false)).toBe('2026-08-15');
  });

  it('takes the date part of a datetime in lenient mode only', () => {
    expect(toIsoDate('2026-08-15T23:00:00-07:00', true)).toBe('2026-08-15');
    expect(toIsoDate('2026-08-15 00:00', true)).toBe('2026-08-15');
    expect(toIsoDate('2026-08-15T23:00:00-07:00', false)).toBeUndefined();
  });

  it('refuses other shapes', () => {
    expect(toIsoDate('08/15/2026', true)).toBeUndefined();
    expect(toIsoDate(20260815, true)).toBeUndefined();
  });
});
