import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from '../../src/transport/retry-after.js';

const now = Date.parse('2026-11-23T08:00:00Z');
const parse = (headers: Record<string, string>) => parseRetryAfterMs(new Headers(headers), now);

describe('parseRetryAfterMs', () => {
  it('reads seconds, fractions and HTTP dates', () => {
    expect(parse({ 'retry-after': '120' })).toBe(120_000);
    expect(parse({ 'retry-after': '1.5' })).toBe(1_500);
    expect(parse({ 'retry-after': 'Mon, 23 Nov 2026 08:00:30 GMT' })).toBe(30_000);
    expect(parse({ 'retry-after': 'Mon, 23 Nov 2026 07:00:00 GMT' })).toBe(0);
  });

  it('reads X-RateLimit-Reset as a delay, epoch seconds or epoch milliseconds', () => {
    expect(parse({ 'x-ratelimit-reset': '30' })).toBe(30_000);
    expect(parse({ 'x-ratelimit-reset': String(now / 1000 + 45) })).toBe(45_000);
    expect(parse({ 'x-ratelimit-reset': String(now + 10_000) })).toBe(10_000);
  });

  it('ignores what it cannot read', () => {
    expect(parse({})).toBeUndefined();
    expect(parse({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parse({ 'retry-after': '-5' })).toBeUndefined();
  });
});
