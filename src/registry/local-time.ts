import type { Weekday } from './connection-types.js';

/** Sunday first, as cron numbers the days (0 = Sunday). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Minutes in a day: the `to` of a window may be `24:00`. */
export const MINUTES_PER_DAY = 1_440;

/** An instant as a wall clock in some time zone reads it. */
export interface LocalTime {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly weekday: Weekday;
  /** Minutes since the local midnight. */
  readonly minutes: number;
}

/** One formatter per time zone: building one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  const known = formatters.get(timeZone);
  if (known !== undefined) return known;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  formatters.set(timeZone, formatter);
  return formatter;
}

/** @throws TypeError naming `what` when `timeZone` is not an IANA time zone the runtime knows */
export function checkTimeZone(timeZone: string, what: string): void {
  try {
    formatterOf(timeZone);
  } catch {
    throw new TypeError(
      `${what}: ${JSON.stringify(timeZone)} is not an IANA time zone (e.g. America/Chicago)`,
    );
  }
}

/** The wall-clock date, weekday and time of `epochMs` in `timeZone` (a checked one). */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
  const weekday = WEEKDAYS.find((day) => day === parts['weekday']?.toLowerCase()) ?? 'sun';
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    weekday,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

/** The day before `day`. */
export function dayBefore(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] ?? day;
}
