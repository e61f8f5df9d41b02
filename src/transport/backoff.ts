/**
 * Exponential backoff with full jitter (a wait drawn between 0 and a ceiling that doubles per retry,
 * capped): spreads retries of many clients so a recovering provider is not hit in waves.
 * `retryNumber` starts at 1.
 */
export function computeBackoffMs(
  retryNumber: number,
  policy: { minDelayMs: number; maxDelayMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(random() * ceiling);
}
