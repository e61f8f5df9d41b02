/**
 * Watermarks are the provider's own `dateLastModified` values, never the local clock: a delta asks
 * "what changed after the newest change I have", which holds whatever the two clocks say.
 */

/** The later of two ISO datetimes; either may be missing. */
export function laterWatermark(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Keeps the largest `dateLastModified` seen in a pull, in memory of one string. */
export interface WatermarkTracker {
  observe(dateLastModified: unknown): void;
  /** The largest value seen, as an ISO datetime, or undefined when none was readable. */
  readonly value: string | undefined;
}

/** A tracker for one pull. Unreadable dates are skipped: one bad record must not stall deltas. */
export function createWatermarkTracker(): WatermarkTracker {
  let maxMs = Number.NEGATIVE_INFINITY;
  let value: string | undefined;
  return {
    observe(dateLastModified) {
      if (typeof dateLastModified !== 'string') return;
      const ms = Date.parse(dateLastModified);
      if (Number.isNaN(ms) || ms <= maxMs) return;
      maxMs = ms;
      value = new Date(ms).toISOString();
    },
    get value() {
      return value;
    },
  };
}

/**
 * Where a delta starts: the watermark minus the overlap window, so records a lagging provider stamped
 * just before the watermark but committed after the last pull are still caught.
 * @throws TypeError for a stored watermark that is not a datetime (a corrupted store)
 */
export function deltaSince(watermark: string, overlapMs: number): Date {
  const ms = Date.parse(watermark);
  if (Number.isNaN(ms))
    throw new TypeError(`syncRoster: the stored watermark ${watermark} is not a datetime`);
  return new Date(ms - overlapMs);
}
