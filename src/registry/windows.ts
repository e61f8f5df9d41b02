import { Cron } from 'croner';
import type { Weekday } from './connection-types.js';
import { dayBefore, localTime, MINUTES_PER_DAY, WEEKDAYS } from './local-time.js';

/** A window with its time zone resolved, as the registry stores it. */
export interface ResolvedWindow {
  readonly days: readonly Weekday[];
  readonly from: string;
  readonly to: string;
  readonly tz: string;
}

/** Consecutive windows (Monday to 24:00, Tuesday from 00:00) are followed this many times for an end. */
const MAX_CHAINED_WINDOWS = 16;

/** `HH:MM` as minutes since midnight; `24:00` only where `allowEndOfDay`. */
export function clockMinutes(text: string, allowEndOfDay: boolean): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (match === null) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > MINUTES_PER_DAY || (minutes === MINUTES_PER_DAY && !allowEndOfDay)) return undefined;
  return minutes;
}

function bounds(window: ResolvedWindow): { from: number; to: number } {
  return { from: clockMinutes(window.from, false) ?? 0, to: clockMinutes(window.to, true) ?? 0 };
}

/**
 * Whether `epochMs` falls inside the window, by the wall clock of its time zone. A window whose `to`
 * is at or before its `from` runs past midnight: its tail belongs to the day before.
 */
export function isInsideWindow(window: ResolvedWindow, epochMs: number): boolean {
  const { from, to } = bounds(window);
  const local = localTime(epochMs, window.tz);
  if (from < to) return window.days.includes(local.weekday) && local.minutes >= from && local.minutes < to;
  return (
    (window.days.includes(local.weekday) && local.minutes >= from) ||
    (window.days.includes(dayBefore(local.weekday)) && local.minutes < to)
  );
}

/** The first window in force at `epochMs`, if any. */
export function windowAt<W extends ResolvedWindow>(windows: readonly W[], epochMs: number): W | undefined {
  return windows.find((window) => isInsideWindow(window, epochMs));
}

/** A cron pattern that fires at `minutes` past midnight on `days` (or every day). */
function patternAt(minutes: number, days: readonly Weekday[] | undefined): string {
  const dayField = days === undefined ? '*' : days.map((day) => WEEKDAYS.indexOf(day)).join(',');
  return `${minutes % 60} ${Math.floor(minutes / 60) % 24} * * ${dayField}`;
}

/**
 * When the next of `windows` opens strictly after `epochMs`. croner turns the wall-clock opening
 * into an instant, DST included (an opening in the hour that is skipped moves to the first minute
 * after it).
 */
export function nextOpening(windows: readonly ResolvedWindow[], epochMs: number): number | undefined {
  let earliest: number | undefined;
  for (const window of windows) {
    const next = new Cron(patternAt(bounds(window).from, window.days), { timezone: window.tz, paused: true })
      .nextRun(new Date(epochMs))
      ?.getTime();
    if (next !== undefined && (earliest === undefined || next < earliest)) earliest = next;
  }
  return earliest;
}

/**
 * When the windows in force at `epochMs` stop being in force: the end of the window, followed into
 * any window that opens as it closes. Undefined when none is in force.
 */
export function windowEnd(windows: readonly ResolvedWindow[], epochMs: number): number | undefined {
  let current = windowAt(windows, epochMs);
  if (current === undefined) return undefined;
  let end = epochMs;
  for (let step = 0; step < MAX_CHAINED_WINDOWS && current !== undefined; step++) {
    // Inside the window, its end is the next time its `to` reads on the wall clock (at most a day on).
    const next = new Cron(patternAt(bounds(current).to, undefined), { timezone: current.tz, paused: true })
      .nextRun(new Date(end))
      ?.getTime();
    if (next === undefined) return undefined;
    end = next;
    current = windowAt(windows, end);
  }
  return end;
}
