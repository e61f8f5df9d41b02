import type { Connection, PlannedSlot } from '../../registry/index.js';

/** An ISO instant to the minute, in UTC: `2026-03-03T08:00Z`. */
export function minute(iso: string | undefined): string {
  return iso === undefined ? '-' : `${iso.slice(0, 16)}Z`;
}

/** The next slot as `connections list` shows it: when it starts, its mode, and why it waits. */
export function describeNextSlot(connection: Connection, slot: PlannedSlot | undefined, now: number): string {
  if (connection.status !== 'active') return `- (${connection.status})`;
  if (slot === undefined) return '- (no slot: on request only)';
  const mode = slot.source === 'request' ? `${slot.mode}, requested` : slot.mode;
  if (slot.startsAt === undefined) return `${minute(slot.at)} ${mode}, never inside a window`;
  if (Date.parse(slot.startsAt) <= now) return `due now (${minute(slot.at)} ${mode})`;
  const waits = slot.startsAt !== slot.at ? ` (slot ${minute(slot.at)})` : '';
  return `${minute(slot.startsAt)} ${mode}${waits}`;
}

export function describeOutcome(connection: Connection): string {
  const outcome = connection.lastOutcome;
  if (outcome === undefined) return '-';
  const error = outcome.error === undefined ? '' : `: ${outcome.error.name}`;
  return `${outcome.status} ${minute(outcome.finishedAt)}${error}`;
}

/** Columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

/** `connections show`: every setting, each secret named with its key id and never shown. */
export function describeConnection(connection: Connection, next: string): string {
  const { auth } = connection;
  const secrets = Object.entries(auth.secrets).map(([field, { keyId }]) => `${field} (sealed, key ${keyId})`);
  const authLine = [
    auth.type,
    ...('tokenUrl' in auth ? [`token URL ${auth.tokenUrl}`, `client id ${auth.clientId}`] : []),
    ...('consumerKey' in auth ? [`consumer key ${auth.consumerKey}`] : []),
    ...secrets,
  ].join(', ');
  const windows = connection.windows.map((w) => `${w.days.join(',')} ${w.from}-${w.to} ${w.tz}`);
  const limitWindows = (connection.limits.windows ?? []).map(
    (w) => `${w.days.join(',')} ${w.from}-${w.to} ${w.tz}: ${limitsOf(w)}`,
  );
  const lines: [string, string][] = [
    ['tenant', connection.tenant],
    ['status', connection.status],
    ['base URL', connection.baseUrl],
    ['version', connection.version],
    ['auth', authLine],
    ['time zone', connection.timeZone],
    [
      'schedule',
      connection.schedule.map((slot) => `${slot.mode}: ${slot.cron} (${slot.tz})`).join('; ') ||
        'on request only',
    ],
    ['windows', windows.join('; ') || 'any time'],
    ['pause at window end', connection.pauseAtWindowEnd ? 'yes' : 'no'],
    [
      'blackouts',
      connection.blackouts.map((b) => (b.from === b.to ? b.from : `${b.from}..${b.to}`)).join(', ') || 'none',
    ],
    ['limits', [limitsOf(connection.limits), ...limitWindows].join('; ')],
    ['next slot', next],
    ['last slot', minute(connection.lastSlot)],
    ['last outcome', describeOutcome(connection)],
  ];
  const width = Math.max(...lines.map(([name]) => name.length));
  return lines.map(([name, value]) => `${`${name}:`.padEnd(width + 2)}${value}`).join('\n');
}

function limitsOf(limits: {
  concurrency?: number | undefined;
  requestsPerSecond?: number | undefined;
}): string {
  const parts = [
    ...(limits.concurrency === undefined ? [] : [`concurrency ${limits.concurrency}`]),
    ...(limits.requestsPerSecond === undefined ? [] : [`${limits.requestsPerSecond} requests/s`]),
  ];
  return parts.join(', ') || "the client's defaults";
}
