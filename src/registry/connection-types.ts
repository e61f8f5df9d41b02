import type { OAuth1SignatureMethod } from '../index.js';

/** The OneRoster version a provider speaks. */
export type ConnectionVersion = '1.1' | '1.2';

/** Where a connection stands: only `active` connections have due slots. */
export type ConnectionStatus = 'active' | 'paused' | 'awaiting-review';

/** How a connection authenticates, secrets included: what `addConnection` takes. */
export type ConnectionAuth =
  | {
      type: 'oauth2-client-credentials';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      /** @default undefined (the provider's default scope) */
      scope?: string | readonly string[];
      /** @default 'basic' */
      clientAuth?: 'basic' | 'body';
    }
  | {
      type: 'oauth1';
      consumerKey: string;
      consumerSecret: string;
      /** @default 'HMAC-SHA256' */
      signatureMethod?: OAuth1SignatureMethod;
    }
  | { type: 'bearer'; token: string };

/** The name of a secret field of {@link ConnectionAuth}; the envelope of each is bound to it. */
export type SecretField = 'clientSecret' | 'consumerSecret' | 'token';

/**
 * {@link ConnectionAuth} without its secret: what the registry shows. `secrets` names the sealed
 * fields and the key id each is wrapped under, never a value.
 */
export type ConnectionAuthSettings = (
  | Omit<Extract<ConnectionAuth, { type: 'oauth2-client-credentials' }>, 'clientSecret'>
  | Omit<Extract<ConnectionAuth, { type: 'oauth1' }>, 'consumerSecret'>
  | Omit<Extract<ConnectionAuth, { type: 'bearer' }>, 'token'>
) & { readonly secrets: Readonly<Partial<Record<SecretField, { keyId: string }>>> };

/** A change of auth: the same type without its secret keeps the sealed one. */
export type ConnectionAuthChange =
  | ConnectionAuth
  | Omit<Extract<ConnectionAuth, { type: 'oauth2-client-credentials' }>, 'clientSecret'>
  | Omit<Extract<ConnectionAuth, { type: 'oauth1' }>, 'consumerSecret'>;

/** A day of the week, in the time zone of the window or schedule it belongs to. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** How a run of a slot pulls: `auto` lets the sync engine choose (full when one is due, delta otherwise). */
export type SlotMode = 'auto' | 'full' | 'delta';

/**
 * One line of a schedule: a cron expression (5 fields, or 6 with seconds; parsed by croner), read in
 * a time zone, and the mode of the runs it starts. Infinite Campus's rule, full weekly and delta
 * nightly, is two slots.
 * @example { cron: '0 2 * * 0', mode: 'full' }
 */
export interface ScheduleSlot {
  cron: string;
  /**
   * An IANA time zone, e.g. `America/Chicago`.
   * @default the connection's `timeZone`
   */
  tz?: string;
  /** @default 'auto' */
  mode?: SlotMode;
}

/**
 * A span of wall-clock time on some days: `from` on each of `days` to the next `to` (a `to` at or
 * before `from` ends the next day; `24:00` is midnight at the end of the day). DST is followed: a
 * window from 01:00 to 05:00 is four wall-clock hours, three or five on the nights the clocks move.
 * @example { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '18:00', to: '06:00', tz: 'America/Chicago' }
 */
export interface TimeWindow {
  days: readonly Weekday[];
  /** `HH:MM`, 24-hour. */
  from: string;
  /** `HH:MM`, 24-hour, or `24:00`. */
  to: string;
  /** @default the connection's `timeZone` */
  tz?: string;
}

/**
 * A range of dates (inclusive) on which no run starts, in the connection's time zone; a single
 * date is `{ from: d, to: d }` or just `d`.
 * @example { from: '2026-12-21', to: '2027-01-03' }
 */
export type Blackout = string | { from: string; to: string };

/** Request limits of the client a run uses; absent ones take the client's defaults. */
export interface RequestLimits {
  /** Requests in flight at once (the client's `concurrency`). */
  concurrency?: number;
  /** Requests started per second (the client's `requestsPerSecond`). */
  requestsPerSecond?: number;
}

/** Limits that apply during a window (off-peak, say). */
export interface LimitWindow extends TimeWindow, RequestLimits {}

/**
 * Limits by time: the first of `windows` in force wins, and the top-level values apply outside them.
 * Infinite Campus's rule, serial at peak and up to 5 concurrent off-peak, is
 * `{ concurrency: 1, windows: [{ days, from: '18:00', to: '06:00', concurrency: 5 }] }`.
 */
export interface ConnectionLimits extends RequestLimits {
  windows?: readonly LimitWindow[];
}

/** What `addConnection` takes: only `tenant`, `baseUrl` and `auth` are required. */
export interface NewConnection {
  /** Your id of the district connection: the tenant of its records in the roster store. */
  tenant: string;
  /** The whole base URL, e.g. `https://sis.example.org/ims/oneroster/v1p1`. */
  baseUrl: string;
  /** @default '1.1' */
  version?: ConnectionVersion;
  auth: ConnectionAuth;
  /**
   * The IANA time zone that slots, windows and blackout dates are read in unless they name their own.
   * @default 'UTC'
   */
  timeZone?: string;
  /**
   * When runs are due.
   * @default [{ cron: '0 2 * * *', mode: 'auto' }] (once a day, at 02:00 in `timeZone`)
   */
  schedule?: readonly ScheduleSlot[];
  /**
   * When runs may start: a due slot outside every window waits for the next one to open. No windows:
   * any time.
   * @default []
   */
  windows?: readonly TimeWindow[];
  /**
   * Whether a run still going when its window closes stops at a checkpoint and resumes in the next
   * window (the workers do this; the registry says when the window ends).
   * @default false
   */
  pauseAtWindowEnd?: boolean;
  /** @default [] */
  blackouts?: readonly Blackout[];
  /** @default {} (the client's defaults at all times) */
  limits?: ConnectionLimits;
}

/** What `updateConnection` takes: any field of {@link NewConnection} but the tenant. */
export type ConnectionChanges = Partial<Omit<NewConnection, 'tenant' | 'auth'>> & {
  auth?: ConnectionAuthChange;
};

/** How a run of a slot ended, as the workers report it to `recordOutcome`. */
export type RunOutcomeStatus =
  /** The run finished. */
  | 'succeeded'
  /** The run failed for good (after the worker's retries). */
  | 'failed'
  /** The run stopped for a person to review (a tripped deletion guard): the connection awaits review. */
  | 'held'
  /** The run stopped at a checkpoint (its window closed, the worker shut down): the slot stays due. */
  | 'interrupted';

/** What `recordOutcome` takes. */
export interface RunOutcomeInput {
  /** The slot the run served: the `at` of its {@link DueSlot}. */
  slot: string;
  status: RunOutcomeStatus;
  /** The mode the run had (the sync result's `mode`). */
  mode?: 'full' | 'delta';
  /** The roster store's run id. */
  runId?: string;
  /** ISO 8601. */
  startedAt?: string;
  /**
   * ISO 8601.
   * @default the registry's clock
   */
  finishedAt?: string;
  /** Why it failed: its `name` and `message` are kept, scrubbed of the connection's secrets. */
  error?: unknown;
}

/**
 * How a run held for review was settled: `approved` (committed by `approveRun`), `rejected`
 * (`rejectRun`), `expired` (past `reviewExpiresAfterMs`), or `failed` (its approval failed, nothing
 * committed).
 */
export type ReviewSettlement = 'approved' | 'rejected' | 'expired' | 'failed';

/** The last outcome, as the registry keeps and shows it. */
export interface RunOutcome {
  readonly slot: string;
  readonly status: RunOutcomeStatus;
  readonly mode?: 'full' | 'delta';
  readonly runId?: string;
  readonly startedAt?: string;
  readonly finishedAt: string;
  readonly error?: { readonly name: string; readonly message: string };
  /** A `held` run's settlement, once `resumeReviewed` has seen it and made the connection active again. */
  readonly review?: ReviewSettlement;
}

/** A run asked for outside the schedule (`requestRun`), waiting to be served. */
export interface RunRequest {
  /** When it was first asked for, ISO 8601: its slot time. */
  readonly at: string;
  readonly mode: SlotMode;
  readonly reason: string;
}

/** A connection as the registry shows it: everything but the secrets. */
export interface Connection {
  /** Your id of the district connection: the tenant of its records in the store. */
  readonly tenant: string;
  /** The provider's whole base URL. */
  readonly baseUrl: string;
  /** The provider's host (with its port, if any): the key of the per-host cap. */
  readonly host: string;
  readonly version: ConnectionVersion;
  /** The auth settings, and which secret is sealed under which key; never the secret. */
  readonly auth: ConnectionAuthSettings;
  /** The time zone slots, windows and blackout dates are read in unless they name their own. */
  readonly timeZone: string;
  /** The slots, each with its time zone and mode resolved. */
  readonly schedule: readonly Required<ScheduleSlot>[];
  /** The sync windows, each with its time zone resolved; none: any time. */
  readonly windows: readonly Required<TimeWindow>[];
  /** Whether a run stops at a checkpoint when its window ends, to resume in the next. */
  readonly pauseAtWindowEnd: boolean;
  /** Inclusive date ranges without runs, in `timeZone`. */
  readonly blackouts: readonly { from: string; to: string }[];
  /** The request limits, top-level and by window. */
  readonly limits: ConnectionLimits;
  readonly status: ConnectionStatus;
  /** The latest slot a run served (ISO 8601), or undefined before the first. */
  readonly lastSlot: string | undefined;
  /** How the latest run that reported ended. */
  readonly lastOutcome: RunOutcome | undefined;
  /** A run asked for with `requestRun` and not served yet. */
  readonly requested: RunRequest | undefined;
  /** ISO 8601: when the connection was added. */
  readonly createdAt: string;
  /** ISO 8601: its latest change (an outcome recorded counts). */
  readonly updatedAt: string;
}
