import type { RequestLimits, SlotMode } from './connection-types.js';
import type { HostCap } from './host-caps.js';
import type { ParsedRow } from './parsed-row.js';
import { nextScheduledSlot, pendingSlot, strongerMode } from './schedule.js';
import { blockAt, earliestStart, type StartBlock } from './start-time.js';
import type { StoredSettings } from './stored-connection.js';
import { windowAt, windowEnd } from './windows.js';

/**
 * A run the schedule (or a request) calls for. Its identity is the tenant and the slot time: `key`
 * spells both, for a job queue to use as the job's key, so sending the same slot twice is a no-op.
 */
export interface PlannedSlot {
  readonly tenant: string;
  /** The slot's time, ISO 8601 UTC: a cron slot's time, or when the run was first requested. */
  readonly at: string;
  /** `${tenant}@${at}`: the job identity (the tenant is everything before the last `@`). */
  readonly key: string;
  /** The strongest mode of the slots it stands for (missed slots collapse into the latest). */
  readonly mode: SlotMode;
  /** `request` when a requested run is the latest thing it serves. */
  readonly source: 'schedule' | 'request';
  /** The request's reason, for a requested run. */
  readonly reason?: string;
  /** The first instant the run may start (ISO 8601): inside a window, off every blackout date. Undefined: never. */
  readonly startsAt: string | undefined;
}

/** A slot that may start now, with what the worker needs to run it. */
export interface DueSlot extends PlannedSlot {
  readonly startsAt: string;
  /** The provider's host: runs of one host share its cap. */
  readonly host: string;
  readonly hostCap: HostCap;
  /** The request limits in force now (by the connection's limit windows), which `clientFor` applies. */
  readonly limits: RequestLimits;
  /** When the sync window in force ends (ISO 8601), or undefined for a connection without windows. */
  readonly windowEndsAt: string | undefined;
  /** Whether the run stops at a checkpoint when its window ends, to resume in the next one. */
  readonly pauseAtWindowEnd: boolean;
}

/** A slot that is due by its schedule but may not start yet. */
export interface WaitingSlot extends PlannedSlot {
  /** `window`: outside every sync window; `blackout`: on a blackout date. */
  readonly waitingFor: StartBlock;
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

export function slotKey(tenant: string, at: string): string {
  return `${tenant}@${at}`;
}

/** The limits in force at `epochMs`: the first limit window's values, the top-level ones elsewhere. */
export function limitsAt(limits: StoredSettings['limits'], epochMs: number): RequestLimits {
  const window = windowAt(limits.windows ?? [], epochMs);
  const concurrency = window?.concurrency ?? limits.concurrency;
  const requestsPerSecond = window?.requestsPerSecond ?? limits.requestsPerSecond;
  return {
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
  };
}

interface Pending {
  at: number;
  mode: SlotMode;
  source: 'schedule' | 'request';
  reason?: string;
}

/** What the connection owes at `epochMs`: the latest unserved slot and an unserved request, merged. */
function pendingAt(parsed: ParsedRow, epochMs: number): Pending | undefined {
  const { state, settings, row } = parsed;
  const servedUntil = Math.max(Date.parse(state.lastSlot ?? row.createdAt), Date.parse(row.createdAt));
  const scheduled = pendingSlot(settings.schedule, servedUntil, epochMs);
  const request = state.requested;
  const requestedAt = request === undefined ? undefined : Date.parse(request.at);
  const served = state.lastSlot === undefined ? Number.NEGATIVE_INFINITY : Date.parse(state.lastSlot);
  if (request === undefined || requestedAt === undefined || requestedAt > epochMs || requestedAt <= served) {
    return scheduled === undefined ? undefined : { ...scheduled, source: 'schedule' };
  }
  if (scheduled === undefined || requestedAt >= scheduled.at) {
    const mode = scheduled === undefined ? request.mode : strongerMode(request.mode, scheduled.mode);
    return { at: requestedAt, mode, source: 'request', reason: request.reason };
  }
  return { ...scheduled, mode: strongerMode(scheduled.mode, request.mode), source: 'schedule' };
}

function planned(parsed: ParsedRow, pending: Pending, startsAt: number | undefined): PlannedSlot {
  const at = iso(pending.at);
  return {
    tenant: parsed.row.tenant,
    at,
    key: slotKey(parsed.row.tenant, at),
    mode: pending.mode,
    source: pending.source,
    ...(pending.reason === undefined ? {} : { reason: pending.reason }),
    startsAt: startsAt === undefined ? undefined : iso(startsAt),
  };
}

/** The connection's slot at `epochMs`: due now, waiting, or undefined when nothing is owed. */
export function slotAt(
  parsed: ParsedRow,
  epochMs: number,
  host: { host: string; cap: HostCap },
): { due: DueSlot } | { waiting: WaitingSlot } | undefined {
  if (parsed.status !== 'active') return undefined;
  const pending = pendingAt(parsed, epochMs);
  if (pending === undefined) return undefined;
  const { settings } = parsed;
  const block = blockAt(settings, epochMs);
  if (block !== undefined) {
    return { waiting: { ...planned(parsed, pending, earliestStart(settings, epochMs)), waitingFor: block } };
  }
  const ends = settings.windows.length === 0 ? undefined : windowEnd(settings.windows, epochMs);
  return {
    due: {
      ...planned(parsed, pending, epochMs),
      startsAt: iso(epochMs),
      host: host.host,
      hostCap: host.cap,
      limits: limitsAt(settings.limits, epochMs),
      windowEndsAt: ends === undefined ? undefined : iso(ends),
      pauseAtWindowEnd: settings.pauseAtWindowEnd,
    },
  };
}

/**
 * The slot the connection's next run serves, seen from `epochMs`: the one owed now if any, else the
 * next one of its schedule, with when it may start. Undefined for a connection that is not active or
 * has no slot to come.
 */
export function nextSlotOf(parsed: ParsedRow, epochMs: number): PlannedSlot | undefined {
  if (parsed.status !== 'active') return undefined;
  const owed = pendingAt(parsed, epochMs);
  if (owed !== undefined) return planned(parsed, owed, earliestStart(parsed.settings, epochMs));
  const next = nextScheduledSlot(parsed.settings.schedule, epochMs);
  if (next === undefined) return undefined;
  const pending = { ...next, source: 'schedule' as const };
  return planned(parsed, pending, earliestStart(parsed.settings, next.at));
}
