import type { EventListener, OneRosterEvent } from '../../base/events.js';
import { formatCount, formatDuration } from '../format/format-numbers.js';

/** Retry and throttle notes in progress output: at most one of each kind per second, however many requests fail. */
const NOTE_INTERVAL_MS = 1_000;

/** What the client did over a command: requests sent, retried and throttled (from its events). */
export interface RequestCounts {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  /** 429 answers: each paused the client and lowered its rate. */
  throttled: number;
  /** Retries by reason: an HTTP status (`503`) or an error name (`NetworkError`). */
  retryReasons: Record<string, number>;
}

function reasonText(reason: string): string {
  return /^\d{3}$/.test(reason) ? `HTTP ${reason}` : reason;
}

/** `2.5`, `10`: a rate as the client holds it, without float noise. */
function formatRate(requestsPerSecond: number): string {
  return String(Math.round(requestsPerSecond * 10) / 10);
}

/** The line a retry or a throttle gets in progress output; undefined for every other event. */
export function describeRetry(event: OneRosterEvent): string | undefined {
  if (event.type === 'rate-limited') {
    const pause = event.retryAfterMs === undefined ? '' : `, pausing ${formatDuration(event.retryAfterMs)}`;
    // Without a --requests-per-second ceiling the client pauses but keeps no rate (it is Infinity).
    const rate = Number.isFinite(event.requestsPerSecond)
      ? `; now at most ${formatRate(event.requestsPerSecond)} requests/s`
      : '';
    return `throttled by the provider (HTTP 429)${pause}${rate}`;
  }
  // A 429's retry was announced by its rate-limited event.
  if (event.type === 'retry' && event.reason !== '429') {
    return `${reasonText(event.reason)}: retry ${formatCount(event.attempt)} in ${formatDuration(event.delayMs)}`;
  }
  return undefined;
}

/** Counts the client's requests, retries and throttles, and passes each retry's line to `onNote`. */
export function createRequestActivity(options: { onNote: (line: string) => void; now: () => number }): {
  counts: RequestCounts;
  onEvent: EventListener;
} {
  const counts: RequestCounts = { requests: 0, retries: 0, throttled: 0, retryReasons: {} };
  const lastNote: Record<string, number> = {};
  const onEvent: EventListener = (event) => {
    if (event.type === 'request') counts.requests++;
    if (event.type === 'rate-limited') counts.throttled++;
    if (event.type === 'retry') {
      counts.retries++;
      counts.retryReasons[event.reason] = (counts.retryReasons[event.reason] ?? 0) + 1;
    }
    const note = describeRetry(event);
    if (note === undefined) return;
    if (options.now() - (lastNote[event.type] ?? Number.NEGATIVE_INFINITY) < NOTE_INTERVAL_MS) return;
    lastNote[event.type] = options.now();
    options.onNote(note);
  };
  return { counts, onEvent };
}

/** `3 retries (HTTP 503 ×2, NetworkError ×1), throttled 1 time (HTTP 429)`; undefined when there were none. */
export function formatRequestActivity(counts: RequestCounts): string | undefined {
  const parts: string[] = [];
  if (counts.retries > 0) {
    const reasons = Object.entries(counts.retryReasons)
      .sort(([, a], [, b]) => b - a)
      .map(([reason, count]) => `${reasonText(reason)} ×${formatCount(count)}`)
      .join(', ');
    parts.push(`${formatCount(counts.retries)} ${counts.retries === 1 ? 'retry' : 'retries'} (${reasons})`);
  }
  if (counts.throttled > 0) {
    parts.push(
      `throttled ${formatCount(counts.throttled)} ${counts.throttled === 1 ? 'time' : 'times'} (HTTP 429)`,
    );
  }
  return parts.length === 0 ? undefined : parts.join(', ');
}
