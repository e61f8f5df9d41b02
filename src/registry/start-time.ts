import { Cron } from 'croner';
import { localTime } from './local-time.js';
import { nextOpening, type ResolvedWindow, windowAt } from './windows.js';

/** A blackout as stored: inclusive `YYYY-MM-DD` dates in the connection's time zone. */
export interface ResolvedBlackout {
  readonly from: string;
  readonly to: string;
}

/** What decides when a run may start. */
export interface StartRules {
  readonly timeZone: string;
  readonly windows: readonly ResolvedWindow[];
  readonly blackouts: readonly ResolvedBlackout[];
}

/** Why a due slot cannot start yet. */
export type StartBlock = 'window' | 'blackout';

/** Skips this many windows and blackouts at most before calling a slot unstartable. */
const MAX_START_STEPS = 1_000;
/** A blackout of ten years is taken for a mistake rather than walked day by day. */
const MAX_BLACKOUT_DAYS = 3_660;

function blackoutOf(rules: StartRules, epochMs: number): ResolvedBlackout | undefined {
  const { date } = localTime(epochMs, rules.timeZone);
  return rules.blackouts.find((blackout) => blackout.from <= date && date <= blackout.to);
}

/** The first local midnight after `epochMs` whose date is outside every blackout. */
function afterBlackouts(rules: StartRules, epochMs: number): number | undefined {
  const midnight = new Cron('0 0 * * *', { timezone: rules.timeZone, paused: true });
  let at = epochMs;
  for (let day = 0; day < MAX_BLACKOUT_DAYS; day++) {
    const next = midnight.nextRun(new Date(at))?.getTime();
    if (next === undefined) return undefined;
    if (blackoutOf(rules, next) === undefined) return next;
    at = next;
  }
  return undefined;
}

/** What stops a run from starting at `epochMs`, if anything. */
export function blockAt(rules: StartRules, epochMs: number): StartBlock | undefined {
  if (blackoutOf(rules, epochMs) !== undefined) return 'blackout';
  if (rules.windows.length > 0 && windowAt(rules.windows, epochMs) === undefined) return 'window';
  return undefined;
}

/**
 * The first instant at or after `epochMs` at which a run may start: inside a window (when there are
 * any) and on no blackout date. Undefined when there is none (windows that never open).
 */
export function earliestStart(rules: StartRules, epochMs: number): number | undefined {
  let at = epochMs;
  for (let step = 0; step < MAX_START_STEPS; step++) {
    const block = blockAt(rules, at);
    if (block === undefined) return at;
    const next = block === 'blackout' ? afterBlackouts(rules, at) : nextOpening(rules.windows, at);
    if (next === undefined) return undefined;
    at = next;
  }
  return undefined;
}
