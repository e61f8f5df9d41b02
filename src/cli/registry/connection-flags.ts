import type {
  ConnectionAuth,
  ConnectionLimits,
  LimitWindow,
  NewConnection,
  ScheduleSlot,
  TimeWindow,
  Weekday,
} from '../../registry/index.js';
import { UsageError } from '../usage-error.js';

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Flags whose value would be a secret: refused, so no secret reaches the shell history or `ps`. */
const SECRET_FLAGS = ['client-secret', 'consumer-secret', 'token', 'secret'];

/** The flags of `connections add`, as parseArgs reads them. */
export interface AddFlags {
  'base-url'?: string | undefined;
  'oneroster-version'?: string | undefined;
  auth?: string | undefined;
  'token-url'?: string | undefined;
  'client-id'?: string | undefined;
  scope?: string | undefined;
  'client-auth'?: string | undefined;
  'time-zone'?: string | undefined;
  schedule?: string[] | undefined;
  window?: string[] | undefined;
  'pause-at-window-end'?: boolean | undefined;
  blackout?: string[] | undefined;
  concurrency?: string | undefined;
  'requests-per-second'?: string | undefined;
  'limit-window'?: string[] | undefined;
}

/** Refuses a secret given on the command line, before anything is parsed; the message never repeats it. */
export function refuseSecretFlags(argv: readonly string[]): void {
  for (const argument of argv) {
    const flag = SECRET_FLAGS.find((name) => argument === `--${name}` || argument.startsWith(`--${name}=`));
    if (flag !== undefined) {
      throw new UsageError(
        `--${flag}: secrets are never read from the command line (the shell history and the process list keep it); ` +
          'set ONEROSTER_CLIENT_SECRET (ONEROSTER_TOKEN for bearer), or pipe it in with --secret-stdin',
      );
    }
  }
}

/** `mon-fri`, `sat,sun`, `daily`, or a mix (`mon,wed-fri`). */
function parseDays(text: string, flag: string): Weekday[] {
  if (text === 'daily') return [...WEEKDAYS];
  return text.split(',').flatMap((part) => {
    const [first, last] = part.split('-');
    const from = WEEKDAYS.find((day) => day === first);
    const to = last === undefined ? from : WEEKDAYS.find((day) => day === last);
    if (from === undefined || to === undefined) {
      throw new UsageError(`${flag}: ${part} is not a day or range of days (mon-fri, sat,sun, daily)`);
    }
    const start = WEEKDAYS.indexOf(from);
    const length = (WEEKDAYS.indexOf(to) - start + 7) % 7;
    return Array.from({ length: length + 1 }, (_, index) => WEEKDAYS[(start + index) % 7] ?? from);
  });
}

/** `mon-fri 18:00-06:00`; the time zone is the connection's. */
function parseWindow(text: string, flag: string): TimeWindow {
  const match = /^(\S+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text.trim());
  if (match === null) throw new UsageError(`${flag} must read DAYS HH:MM-HH:MM, e.g. mon-fri 18:00-06:00`);
  return { days: parseDays(match[1] ?? '', flag), from: match[2] ?? '', to: match[3] ?? '' };
}

/** `full: 0 2 * * 0`, or a bare cron expression (mode auto). */
function parseSlot(text: string): ScheduleSlot {
  const match = /^(auto|full|delta):\s*(.+)$/.exec(text.trim());
  if (match === null) return { cron: text.trim() };
  const mode = match[1] === 'full' ? 'full' : match[1] === 'delta' ? 'delta' : 'auto';
  return { cron: match[2] ?? '', mode };
}

function positive(text: string | undefined, flag: string, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0 && Number.isFinite(value)) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} must be a positive ${integer ? 'whole number' : 'number'}, not ${text}`);
  }
  return value;
}

/** `mon-fri 18:00-06:00 concurrency=5 requests-per-second=20`. */
function parseLimitWindow(text: string): LimitWindow {
  const [days = '', hours = '', ...limits] = text.trim().split(/\s+/);
  const window: LimitWindow = parseWindow(`${days} ${hours}`, '--limit-window');
  for (const limit of limits) {
    const [name, value] = limit.split('=');
    if (name === 'concurrency') window.concurrency = positive(value, '--limit-window concurrency', true) ?? 1;
    else if (name === 'requests-per-second') {
      window.requestsPerSecond = positive(value, '--limit-window requests-per-second', false) ?? 1;
    } else throw new UsageError(`--limit-window: ${limit} is not concurrency=N or requests-per-second=N`);
  }
  return window;
}

function authOf(flags: AddFlags, secret: string): ConnectionAuth {
  const kind = flags.auth ?? 'oauth2';
  const clientId = flags['client-id'];
  if (kind === 'bearer') return { type: 'bearer', token: secret };
  if (clientId === undefined) throw new UsageError('missing --client-id');
  if (kind === 'oauth1') return { type: 'oauth1', consumerKey: clientId, consumerSecret: secret };
  if (kind !== 'oauth2') throw new UsageError(`--auth must be oauth2, oauth1 or bearer, not ${kind}`);
  const tokenUrl = flags['token-url'];
  if (tokenUrl === undefined) throw new UsageError('missing --token-url');
  const clientAuth = flags['client-auth'];
  if (clientAuth !== undefined && clientAuth !== 'basic' && clientAuth !== 'body') {
    throw new UsageError('--client-auth must be basic or body');
  }
  return {
    type: 'oauth2-client-credentials',
    tokenUrl,
    clientId,
    clientSecret: secret,
    ...(flags.scope === undefined ? {} : { scope: flags.scope }),
    ...(clientAuth === undefined ? {} : { clientAuth }),
  };
}

/** The connection `connections add` describes; the secret comes from stdin or the environment. */
export function connectionOf(tenant: string, flags: AddFlags, secret: string): NewConnection {
  const baseUrl = flags['base-url'];
  if (baseUrl === undefined) throw new UsageError('missing --base-url');
  const version = flags['oneroster-version'];
  if (version !== undefined && version !== '1.1' && version !== '1.2') {
    throw new UsageError('--oneroster-version must be 1.1 or 1.2');
  }
  const concurrency = positive(flags.concurrency, '--concurrency', true);
  const requestsPerSecond = positive(flags['requests-per-second'], '--requests-per-second', false);
  const limitWindows = (flags['limit-window'] ?? []).map(parseLimitWindow);
  const limits: ConnectionLimits = {
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
    ...(limitWindows.length === 0 ? {} : { windows: limitWindows }),
  };
  return {
    tenant,
    baseUrl,
    ...(version === undefined ? {} : { version }),
    auth: authOf(flags, secret),
    ...(flags['time-zone'] === undefined ? {} : { timeZone: flags['time-zone'] }),
    ...(flags.schedule === undefined ? {} : { schedule: flags.schedule.map(parseSlot) }),
    windows: (flags.window ?? []).map((text) => parseWindow(text, '--window')),
    pauseAtWindowEnd: flags['pause-at-window-end'] === true,
    blackouts: (flags.blackout ?? []).map((text) => {
      const [from = '', to = from] = text.split('..');
      return { from, to };
    }),
    limits,
  };
}
