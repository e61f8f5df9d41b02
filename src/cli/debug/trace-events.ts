import type { EventListener, OneRosterEvent } from '../../base/events.js';
import { redactText, type SentValues } from '../../errors/redact.js';

/** `1,234 ms`, `3.6 s`: durations in a trace, precise enough to compare requests. */
function ms(value: number): string {
  return value < 10_000 ? `${Math.round(value)} ms` : `${(value / 1_000).toFixed(1)} s`;
}

function outcome(event: Extract<OneRosterEvent, { type: 'response' }>): string {
  if (event.status !== undefined) return String(event.status);
  // A prefetch the pull no longer needs (a `break`, `--max`, the end of the pull) is aborted: not a
  // failure of the provider. The client marks it `cancelled` and sets no `error`.
  if (event.cancelled === true) return 'cancelled';
  return `failed (${event.error ?? 'no response'})`;
}

/**
 * One trace line per client event. Events carry redacted URLs and never a secret or a record's
 * content (src/base/events.ts); the line is redacted once more with what the command line sent.
 */
export function formatTraceLine(event: OneRosterEvent): string {
  switch (event.type) {
    case 'request':
      return `-> ${event.method} ${event.url} (request ${event.requestId}, attempt ${event.attempt})`;
    case 'response':
      return `<- ${outcome(event)} ${event.method} ${event.url} in ${ms(event.durationMs)} (request ${event.requestId}, attempt ${event.attempt})`;
    case 'retry':
      return `retry of request ${event.requestId} in ${ms(event.delayMs)} after ${event.reason} (attempt ${event.attempt} failed)`;
    case 'rate-limited': {
      const wait =
        event.retryAfterMs === undefined ? 'no Retry-After' : `Retry-After ${ms(event.retryAfterMs)}`;
      const rate = Number.isFinite(event.requestsPerSecond)
        ? `rate now ${event.requestsPerSecond} requests/s`
        : 'no rate ceiling';
      return `throttled (HTTP 429) on request ${event.requestId}: ${wait}; ${rate}`;
    }
    case 'token-refreshed': {
      const lifetime = event.expiresInMs === undefined ? '' : `, valid for ${ms(event.expiresInMs)}`;
      return `token obtained (${event.reason}) in ${ms(event.durationMs)}${lifetime}`;
    }
    case 'record-quarantined':
      return `quarantined a ${event.collection} record (${event.sourcedId ?? 'no sourcedId'}): ${event.issues.map((issue) => `${issue.path || '(record)'}: ${issue.code}`).join(', ')}`;
    case 'unknown-enum-value':
      return `${event.collection} record ${event.sourcedId ?? '(no sourcedId)'} has a value the spec does not list at ${event.path}`;
    case 'drift': {
      const total =
        event.totalBefore === event.totalAfter ? '' : ` (total ${event.totalBefore} -> ${event.totalAfter})`;
      const permRev = event.permRevBefore === event.permRevAfter ? '' : ' (x-perm-rev changed)';
      return `${event.collection} changed during the pull${total}${permRev}`;
    }
    case 'provider-order':
      return event.ascending
        ? `${event.collection} arrives in sourcedId order without sort=sourcedId: the client stops asking for it`
        : `${event.collection} arrived out of sourcedId order at offset ${event.offset}: re-reading sorted, and sorting from now on`;
    default: {
      // An event this CLI does not know yet: its type alone, never its fields.
      const unknown: { type: string } = event;
      return unknown.type;
    }
  }
}

/**
 * The `--debug` trace: each client event as a line on stderr, with the time since the command
 * started. Nothing a user passed as a secret (`--client-secret`, `--token`, filter values) survives.
 */
export function createEventTrace(
  write: (line: string) => void,
  sent: SentValues,
  now: () => number = Date.now,
): EventListener {
  const started = now();
  return (event) => {
    write(`debug +${ms(now() - started)} ${redactText(formatTraceLine(event), sent)}\n`);
  };
}
