import { Cron } from 'croner';
import type { SlotMode } from './connection-types.js';

/** A schedule line as stored: its time zone resolved. */
export interface ResolvedSlot {
  readonly cron: string;
  readonly tz: string;
  readonly mode: SlotMode;
}

/** A slot of one connection: when, and in which mode its run pulls. */
export interface SlotTime {
  readonly at: number;
  readonly mode: SlotMode;
}

/** When two slots meet (a full slot missed while a delta slot came), the run does the most. */
const MODE_STRENGTH: Record<SlotMode, number> = { delta: 0, auto: 1, full: 2 };

export function strongerMode(a: SlotMode, b: SlotMode): SlotMode {
  return MODE_STRENGTH[a] >= MODE_STRENGTH[b] ? a : b;
}

/**
 * croner reads the expression (5 fields, or 6 with seconds, and nicknames such as `@weekly`) in the
 * slot's time zone; without a callback it schedules nothing.
 * @throws TypeError from croner for an expression it cannot read
 */
export function cronOf(slot: { readonly cron: string; readonly tz: string }): Cron {
  return new Cron(slot.cron, { timezone: slot.tz, paused: true });
}

/**
 * The slot due at `epochMs` that no run has served yet: the latest slot time after `servedUntil`
 * and at or before `epochMs`. Missed slots are not queued one by one: they collapse into this one,
 * whose mode is the strongest of them (a missed weekly full is not lost to the nightly delta after it).
 */
export function pendingSlot(
  slots: readonly ResolvedSlot[],
  servedUntil: number,
  epochMs: number,
): SlotTime | undefined {
  let pending: SlotTime | undefined;
  for (const slot of slots) {
    // previousRuns is exclusive of its reference: one millisecond on makes a slot at `epochMs` count.
    const latest = cronOf(slot)
      .previousRuns(1, new Date(epochMs + 1))[0]
      ?.getTime();
    if (latest === undefined || latest <= servedUntil) continue;
    pending =
      pending === undefined
        ? { at: latest, mode: slot.mode }
        : { at: Math.max(pending.at, latest), mode: strongerMode(pending.mode, slot.mode) };
  }
  return pending;
}

/** The first slot strictly after `epochMs`; slots that fall together run once, in the strongest mode. */
export function nextScheduledSlot(slots: readonly ResolvedSlot[], epochMs: number): SlotTime | undefined {
  let next: SlotTime | undefined;
  for (const slot of slots) {
    const at = cronOf(slot).nextRun(new Date(epochMs))?.getTime();
    if (at === undefined) continue;
    if (next === undefined || at < next.at) next = { at, mode: slot.mode };
    else if (at === next.at) next = { at, mode: strongerMode(next.mode, slot.mode) };
  }
  return next;
}
