import type {
  Blackout,
  ConnectionAuthChange,
  ConnectionLimits,
  NewConnection,
  RequestLimits,
  ScheduleSlot,
  SecretField,
  TimeWindow,
} from './connection-types.js';
import { checkTimeZone, WEEKDAYS } from './local-time.js';
import { cronOf } from './schedule.js';
import type { StoredAuthSettings, StoredSettings } from './stored-connection.js';
import { clockMinutes } from './windows.js';

/** The default schedule: once a day, overnight (02:00 in the connection's time zone). */
export const DEFAULT_SCHEDULE: readonly ScheduleSlot[] = [{ cron: '0 2 * * *', mode: 'auto' }];
/** Slots, windows and blackout dates are read in UTC unless the connection names a time zone. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** A connection's secrets, in plaintext, on their way to being sealed. */
export type PlainSecrets = Partial<Record<SecretField, string>>;

/**
 * Messages name the option, never its value where it may be a secret. Every check fails with a
 * TypeError: a wrong connection is a programming or configuration error, found before it is stored.
 */
function fail(message: string): never {
  throw new TypeError(`oneroster/registry: ${message}`);
}

function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') fail(`${what} must be a non-empty string`);
  return value;
}

/** An http(s) URL without credentials in it: credentials belong in `auth`, where they are sealed. */
function httpUrl(value: unknown, what: string): string {
  const text = nonEmpty(value, what);
  if (!URL.canParse(text)) fail(`${what} is not a URL`);
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`${what} must be an http(s) URL`);
  if (url.username !== '' || url.password !== '') {
    fail(`${what} must not contain credentials; put them in auth, where they are encrypted`);
  }
  return text;
}

/** The auth settings to store: everything of `auth` but its secret. */
export function resolveAuthSettings(auth: ConnectionAuthChange): StoredAuthSettings {
  switch (auth.type) {
    case 'oauth2-client-credentials': {
      const scope = typeof auth.scope === 'string' ? auth.scope : auth.scope && [...auth.scope];
      return {
        type: auth.type,
        tokenUrl: httpUrl(auth.tokenUrl, 'auth.tokenUrl'),
        clientId: nonEmpty(auth.clientId, 'auth.clientId'),
        ...(scope === undefined ? {} : { scope }),
        ...(auth.clientAuth === undefined ? {} : { clientAuth: auth.clientAuth }),
      };
    }
    case 'oauth1':
      return {
        type: auth.type,
        consumerKey: nonEmpty(auth.consumerKey, 'auth.consumerKey'),
        ...(auth.signatureMethod === undefined ? {} : { signatureMethod: auth.signatureMethod }),
      };
    case 'bearer':
      return { type: auth.type };
    default:
      return fail('auth.type must be oauth2-client-credentials, oauth1 or bearer');
  }
}

/**
 * The secret `auth` carries, checked, under its field; none for a change that keeps the sealed one
 * (`addConnection` types make it required there).
 */
export function resolveAuthSecret(auth: ConnectionAuthChange): PlainSecrets {
  const field = secretFieldOf(auth.type);
  const value: unknown = Reflect.get(auth, field);
  return value === undefined ? {} : { [field]: nonEmpty(value, `auth.${field}`) };
}

/** The secret field each auth type seals. */
export function secretFieldOf(type: StoredAuthSettings['type']): SecretField {
  if (type === 'oauth2-client-credentials') return 'clientSecret';
  return type === 'oauth1' ? 'consumerSecret' : 'token';
}

function timeZoneOf(value: string | undefined, fallback: string, what: string): string {
  const timeZone = value ?? fallback;
  checkTimeZone(timeZone, what);
  return timeZone;
}

function resolveWindow(
  window: TimeWindow,
  timeZone: string,
  what: string,
): StoredSettings['windows'][number] {
  if (!Array.isArray(window.days) || window.days.length === 0)
    fail(`${what}.days must name at least one day`);
  const days = [...new Set(window.days)];
  for (const day of days) if (!WEEKDAYS.includes(day)) fail(`${what}.days: ${day} is not one of ${WEEKDAYS}`);
  const from = clockMinutes(window.from, false);
  const to = clockMinutes(window.to, true);
  if (from === undefined) fail(`${what}.from must be HH:MM (00:00 to 23:59)`);
  if (to === undefined) fail(`${what}.to must be HH:MM (00:00 to 24:00)`);
  if (from === to) fail(`${what} is empty (from equals to); 00:00 to 24:00 is a whole day`);
  return { days, from: window.from, to: window.to, tz: timeZoneOf(window.tz, timeZone, `${what}.tz`) };
}

function resolveRequestLimits(limits: RequestLimits, what: string): RequestLimits {
  const { concurrency, requestsPerSecond } = limits;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
    fail(`${what}.concurrency must be a positive whole number`);
  }
  if (requestsPerSecond !== undefined && !(Number.isFinite(requestsPerSecond) && requestsPerSecond > 0)) {
    fail(`${what}.requestsPerSecond must be a positive number`);
  }
  return {
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
  };
}

function resolveLimits(limits: ConnectionLimits, timeZone: string): StoredSettings['limits'] {
  const windows = (limits.windows ?? []).map((window, index) => ({
    ...resolveWindow(window, timeZone, `limits.windows[${index}]`),
    ...resolveRequestLimits(window, `limits.windows[${index}]`),
  }));
  return { ...resolveRequestLimits(limits, 'limits'), ...(windows.length === 0 ? {} : { windows }) };
}

function resolveSlot(
  slot: ScheduleSlot,
  timeZone: string,
  index: number,
): StoredSettings['schedule'][number] {
  const what = `schedule[${index}]`;
  const resolved = {
    cron: nonEmpty(slot.cron, `${what}.cron`),
    tz: timeZoneOf(slot.tz, timeZone, `${what}.tz`),
    mode: slot.mode ?? 'auto',
  };
  if (!['auto', 'full', 'delta'].includes(resolved.mode)) fail(`${what}.mode must be auto, full or delta`);
  try {
    cronOf(resolved).nextRun();
  } catch (error) {
    fail(`${what}.cron: ${error instanceof Error ? error.message : String(error)}`);
  }
  return resolved;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function resolveBlackout(blackout: Blackout, index: number): { from: string; to: string } {
  const range = typeof blackout === 'string' ? { from: blackout, to: blackout } : blackout;
  for (const date of [range.from, range.to]) {
    const valid = typeof date === 'string' && ISO_DATE.test(date) && !Number.isNaN(Date.parse(date));
    if (!valid) fail(`blackouts[${index}] must be YYYY-MM-DD dates`);
  }
  if (range.from > range.to) fail(`blackouts[${index}] ends before it starts`);
  return { from: range.from, to: range.to };
}

/** The settings of a connection with every default applied and every value checked. */
export function resolveSettings(
  input: Omit<NewConnection, 'tenant' | 'auth'>,
  auth: StoredAuthSettings,
): StoredSettings {
  const version = input.version ?? '1.1';
  if (version !== '1.1' && version !== '1.2') fail('version must be 1.1 or 1.2');
  const timeZone = timeZoneOf(input.timeZone, DEFAULT_TIME_ZONE, 'timeZone');
  return {
    baseUrl: httpUrl(input.baseUrl, 'baseUrl'),
    version,
    auth,
    timeZone,
    schedule: (input.schedule ?? DEFAULT_SCHEDULE).map((slot, index) => resolveSlot(slot, timeZone, index)),
    windows: (input.windows ?? []).map((window, index) =>
      resolveWindow(window, timeZone, `windows[${index}]`),
    ),
    pauseAtWindowEnd: input.pauseAtWindowEnd ?? false,
    blackouts: (input.blackouts ?? []).map(resolveBlackout),
    limits: resolveLimits(input.limits ?? {}, timeZone),
  };
}

/**
 * The settings given back as input, for a change that keeps what it does not name. When the change
 * moves the connection to another time zone, the slots and windows that were in the old one move
 * with it (they inherited it); those that named another zone keep theirs.
 */
export function settingsAsInput(
  settings: StoredSettings,
  timeZone: string = settings.timeZone,
): Omit<NewConnection, 'tenant' | 'auth'> {
  const move = <T extends { tz: string }>(item: T): T =>
    item.tz === settings.timeZone ? { ...item, tz: timeZone } : item;
  const { windows: limitWindows, ...limits } = settings.limits;
  return {
    baseUrl: settings.baseUrl,
    version: settings.version,
    timeZone,
    schedule: settings.schedule.map(move),
    windows: settings.windows.map(move),
    pauseAtWindowEnd: settings.pauseAtWindowEnd,
    blackouts: settings.blackouts,
    limits: { ...limits, ...(limitWindows === undefined ? {} : { windows: limitWindows.map(move) }) },
  };
}
