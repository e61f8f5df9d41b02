/**
 * Counts the records the synthetic district computes, through its one source of per-record randomness
 * (`recordRandom`, one per record), so a test can tell lazy generation from a scan without a stopwatch.
 * A test file installs it before its imports run (vi.mock is hoisted, hence vi.hoisted):
 *
 *   const { countingPrng } = await vi.hoisted(() => import('../helpers/count-generated.js'));
 *   vi.mock('../../src/testing/district/prng.js', (original) => countingPrng(original));
 */
import type * as Prng from '../../src/testing/district/prng.js';

/** Records computed so far in this test file. */
export const generated = { records: 0 };

export async function countingPrng(original: () => Promise<unknown>): Promise<typeof Prng> {
  const actual = (await original()) as typeof Prng;
  return {
    ...actual,
    recordRandom: (...args: Parameters<typeof actual.recordRandom>) => {
      generated.records++;
      return actual.recordRandom(...args);
    },
  };
}

/** What `work` returned, and how many records the district computed while it ran. */
export async function countGenerated<T>(
  work: () => T | Promise<T>,
): Promise<{ result: T; generated: number }> {
  const before = generated.records;
  const result = await work();
  return { result, generated: generated.records - before };
}
