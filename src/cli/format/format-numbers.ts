const MS_PER_SECOND = 1_000;
const SECONDS_PER_MINUTE = 60;
const MINUTES_PER_HOUR = 60;

/** `1234567` as `1,234,567`: counts people read at a glance. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A duration for people: `0.4s`, `12.3s`, `4m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  const seconds = ms / MS_PER_SECOND;
  if (seconds < SECONDS_PER_MINUTE) return `${seconds.toFixed(seconds < 10 ? 2 : 1)}s`;
  const wholeSeconds = Math.round(seconds);
  const minutes = Math.floor(wholeSeconds / SECONDS_PER_MINUTE);
  if (minutes < MINUTES_PER_HOUR) {
    return `${minutes}m ${String(wholeSeconds % SECONDS_PER_MINUTE).padStart(2, '0')}s`;
  }
  const hours = Math.floor(minutes / MINUTES_PER_HOUR);
  return `${hours}h ${String(minutes % MINUTES_PER_HOUR).padStart(2, '0')}m`;
}

/** Records per second over a duration; 0 before any time has passed. */
export function ratePerSecond(records: number, ms: number): number {
  return ms > 0 ? (records * MS_PER_SECOND) / ms : 0;
}
