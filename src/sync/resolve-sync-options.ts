import { type AnyOneRosterClient, ONEROSTER_VERSIONS, type OneRosterVersion } from '../index.js';
import { clientSource } from './open-client-pull.js';
import {
  DEFAULT_MAX_RETIRED_FRACTION,
  DEFAULT_MAX_UPDATED_FRACTION,
  type ReportThresholds,
} from './report/report-options.js';
import type { ResolvedReportThresholds } from './report/report-types.js';
import type { RosterSource } from './roster-source.js';
import type { CommitOptions, RosterStore } from './roster-store.js';
import { resolveChangeLog } from './store/describe-change.js';
import type { SyncOptions } from './sync-options.js';
import { DEFAULT_SYNC_COLLECTIONS, SYNC_COLLECTIONS, type SyncCollectionName } from './sync-options.js';
import type { SyncProgressListener } from './sync-progress.js';
import {
  DEFAULT_LEGACY_ID_FIELDS,
  infiniteCampusLegacyId,
  type LegacyIdReader,
  type VersionSwitchOptions,
} from './version-switch-options.js';

/** Seven days: weekly full pulls, nightly deltas (Infinite Campus's load etiquette). */
export const DEFAULT_FULL_SYNC_EVERY_MS = 7 * 24 * 60 * 60 * 1_000;
/** One minute of overlap covers provider clock skew and commits that land after their timestamp. */
export const DEFAULT_OVERLAP_MS = 60_000;
/** Share of a collection's active records one run may retire before the guard refuses. */
export const DEFAULT_MAX_DELETE_FRACTION = 0.1;
/**
 * Thirty days: how long a deletion baseline holds before the next run that passes the guard replaces
 * it, so slow erosion is refused within a month and normal attrition is not held against a baseline
 * forever.
 */
export const DEFAULT_DELETION_WINDOW_MS = 30 * 24 * 60 * 60 * 1_000;
/** Restarts of a drifting collection before the run fails. */
export const DEFAULT_MAX_RESTARTS = 2;
/** A run awaiting review expires after a week: a held tenant syncs nothing, so a forgotten review must end. */
export const DEFAULT_REVIEW_EXPIRES_AFTER_MS = 7 * 24 * 60 * 60 * 1_000;

/** The deletion guard with its defaults applied; `undefined` when turned off. */
export interface ResolvedDeletionGuard {
  readonly maxDeleteFraction: number;
  readonly allowEmpty: boolean;
  readonly windowMs: number;
}

/**
 * Field lists as the engine holds them once the options are resolved: per collection, whatever the
 * caller passed, checked against the collection's entity in the client's version before it is used
 * (plain-JavaScript callers, and lists typed for the other version, can hold anything).
 */
export type UncheckedFields =
  | 'minimal'
  | ({ readonly [C in SyncCollectionName]?: unknown } & { readonly default?: 'minimal' })
  | undefined;

/** {@link SyncOptions} with every default applied and every value checked. */
export interface ResolvedSyncOptions {
  /** Where records come from: the client's pull, or the caller's source (a CSV package). */
  readonly source: RosterSource;
  /** The source's OneRoster version, which each run records. */
  readonly version: OneRosterVersion;
  readonly store: RosterStore;
  readonly tenant: string;
  readonly mode: 'full' | 'delta' | 'auto';
  /** In pull order. */
  readonly collections: readonly SyncCollectionName[];
  readonly fields: UncheckedFields;
  readonly versionSwitch: 'refuse' | 'allow';
  readonly legacyIdOf: LegacyIdReader;
  readonly legacyIdFields: readonly string[];
  readonly deletionGuard: ResolvedDeletionGuard | undefined;
  readonly dryRun: boolean;
  readonly review: 'always' | 'on-threshold' | 'never';
  readonly reviewThresholds: ResolvedReportThresholds;
  readonly reviewExpiresAfterMs: number;
  /** Aborts the run's work: the caller's `signal` or its `pause`, whichever comes first. */
  readonly signal: AbortSignal | undefined;
  /** The caller's `pause`: when it is what stopped the run, the run is released, not ended. */
  readonly pause: AbortSignal | undefined;
  /** The caller's own `signal`. */
  readonly abort: AbortSignal | undefined;
  readonly onProgress: SyncProgressListener | undefined;
  readonly fullSyncEveryMs: number;
  readonly overlapMs: number;
  readonly tombstones: 'keep' | 'delete';
  /** Passed to each commit as given, once checked. */
  readonly changeLog: CommitOptions['changeLog'];
  readonly maxRestarts: number;
  readonly resume: boolean;
  readonly now: () => number;
}

function requireNonNegative(name: string, value: number | undefined, integer = false): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new TypeError(`syncRoster: \`${name}\` must be a non-negative ${integer ? 'integer' : 'number'}`);
  }
}

function resolveCollections(wanted: readonly SyncCollectionName[] | undefined): SyncCollectionName[] {
  if (wanted === undefined) return [...DEFAULT_SYNC_COLLECTIONS];
  // Checked as unknown: plain-JavaScript callers can pass anything.
  const names: readonly unknown[] = wanted;
  for (const name of names) {
    if (!SYNC_COLLECTIONS.some((known) => known === name)) {
      throw new TypeError(`syncRoster: unknown collection \`${name}\`; use ${SYNC_COLLECTIONS.join(', ')}`);
    }
  }
  if (wanted.length === 0) throw new TypeError('syncRoster: `collections` must name at least one collection');
  // Dependency order whatever the caller's order: classes point at courses, enrollments at users.
  return SYNC_COLLECTIONS.filter((name) => wanted.includes(name));
}

function resolveGuard(guard: SyncOptions['deletionGuard']): ResolvedDeletionGuard | undefined {
  if (guard === false) return undefined;
  const fraction = guard?.maxDeleteFraction ?? DEFAULT_MAX_DELETE_FRACTION;
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new TypeError('syncRoster: `deletionGuard.maxDeleteFraction` must be between 0 and 1');
  }
  requireNonNegative('deletionGuard.windowMs', guard?.windowMs);
  return {
    maxDeleteFraction: fraction,
    allowEmpty: guard?.allowEmpty ?? false,
    windowMs: guard?.windowMs ?? DEFAULT_DELETION_WINDOW_MS,
  };
}

/** The caller's field lists, to be checked per collection against the client's version. */
function uncheckedFields<V extends OneRosterVersion>(fields: SyncOptions<V>['fields']): UncheckedFields {
  return fields;
}

/** True for a client of either version from `createOneRosterClient`, as far as the engine uses it. */
function isSyncClient(value: unknown): value is AnyOneRosterClient {
  if (typeof value !== 'object' || value === null) return false;
  const orgs: unknown = Reflect.get(value, 'orgs');
  const list: unknown = typeof orgs === 'object' && orgs !== null ? Reflect.get(orgs, 'list') : undefined;
  const version: unknown = Reflect.get(value, 'version');
  return typeof list === 'function' && ONEROSTER_VERSIONS.some((known) => known === version);
}

function resolveVersionSwitch(options: VersionSwitchOptions) {
  const versionSwitch = options.versionSwitch ?? 'refuse';
  if (versionSwitch !== 'refuse' && versionSwitch !== 'allow') {
    throw new TypeError("syncRoster: `versionSwitch` must be 'refuse' or 'allow'");
  }
  const legacyIdOf = options.legacyIdOf ?? infiniteCampusLegacyId;
  if (typeof legacyIdOf !== 'function') throw new TypeError('syncRoster: `legacyIdOf` must be a function');
  const legacyIdFields = options.legacyIdFields ?? DEFAULT_LEGACY_ID_FIELDS;
  // Checked as unknown: plain-JavaScript callers can pass anything.
  const fields: unknown = legacyIdFields;
  if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string')) {
    throw new TypeError('syncRoster: `legacyIdFields` must be a list of field names');
  }
  return { versionSwitch, legacyIdOf, legacyIdFields };
}

/** True for a {@link RosterSource}, as far as the engine uses it. */
function isRosterSource(value: unknown): value is RosterSource {
  if (typeof value !== 'object' || value === null) return false;
  const version: unknown = Reflect.get(value, 'version');
  return (
    typeof Reflect.get(value, 'pull') === 'function' && ONEROSTER_VERSIONS.some((known) => known === version)
  );
}

/** The source of the run: `client` or `source`, exactly one. */
function resolveSource(client: unknown, source: unknown): RosterSource {
  if (client !== undefined && source !== undefined) {
    throw new TypeError('syncRoster: pass `client` or `source`, not both');
  }
  if (source !== undefined) {
    if (!isRosterSource(source)) throw new TypeError('syncRoster: `source` must be a RosterSource');
    return source;
  }
  if (!isSyncClient(client)) {
    throw new TypeError('syncRoster: `client` must come from createOneRosterClient');
  }
  return clientSource(client);
}

/** The caller's mode, or the source's own (a bulk package is a full run, a delta package a delta). */
function resolveMode(wanted: unknown, source: RosterSource): 'full' | 'delta' | 'auto' {
  const mode = wanted ?? source.mode ?? 'auto';
  if (mode !== 'full' && mode !== 'delta' && mode !== 'auto') {
    throw new TypeError(`syncRoster: \`mode\` must be 'full', 'delta' or 'auto', got ${String(mode)}`);
  }
  if (source.mode === undefined) return mode;
  if (mode !== 'auto' && mode !== source.mode) {
    throw new TypeError(
      `syncRoster: the source holds a ${source.mode} roster; \`mode: '${mode}'\` cannot run on it`,
    );
  }
  return source.mode;
}

function resolveReview(options: Pick<SyncOptions, 'review' | 'reviewThresholds' | 'reviewExpiresAfterMs'>) {
  const review = options.review ?? 'never';
  if (review !== 'always' && review !== 'on-threshold' && review !== 'never') {
    throw new TypeError("syncRoster: `review` must be 'always', 'on-threshold' or 'never'");
  }
  requireNonNegative('reviewExpiresAfterMs', options.reviewExpiresAfterMs);
  const fraction = (name: keyof ReportThresholds, fallback: number): number => {
    const value = options.reviewThresholds?.[name] ?? fallback;
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new TypeError(`syncRoster: \`reviewThresholds.${name}\` must be between 0 and 1`);
    }
    return value;
  };
  return {
    review,
    reviewThresholds: {
      maxUpdatedFraction: fraction('maxUpdatedFraction', DEFAULT_MAX_UPDATED_FRACTION),
      maxRetiredFraction: fraction('maxRetiredFraction', DEFAULT_MAX_RETIRED_FRACTION),
    },
    reviewExpiresAfterMs: options.reviewExpiresAfterMs ?? DEFAULT_REVIEW_EXPIRES_AFTER_MS,
  };
}

/** The one place sync defaults live; a wrong option fails before any request or store write. */
export function resolveSyncOptions<V extends OneRosterVersion>(options: SyncOptions<V>): ResolvedSyncOptions {
  if (typeof options?.tenant !== 'string' || options.tenant.length === 0) {
    throw new TypeError('syncRoster: `tenant` must be a non-empty string');
  }
  const source = resolveSource(options.client, options.source);
  if (!options.store || typeof options.store.beginRun !== 'function') {
    throw new TypeError('syncRoster: `store` must be a RosterStore');
  }
  const mode = resolveMode(options.mode, source);
  requireNonNegative('fullSyncEveryMs', options.fullSyncEveryMs);
  requireNonNegative('overlapMs', options.overlapMs);
  requireNonNegative('maxRestarts', options.maxRestarts, true);
  const tombstones = options.tombstones ?? 'keep';
  if (tombstones !== 'keep' && tombstones !== 'delete') {
    throw new TypeError(`syncRoster: \`tombstones\` must be 'keep' or 'delete'`);
  }
  const held = source.collections;
  resolveChangeLog(options.changeLog);
  return {
    source,
    version: source.version,
    ...resolveVersionSwitch(options),
    store: options.store,
    tenant: options.tenant,
    mode,
    // A source that does not hold a collection says nothing about it: skipped, never retired.
    collections: resolveCollections(options.collections).filter(
      (name) => held === undefined || held.includes(name),
    ),
    fields: uncheckedFields(options.fields),
    deletionGuard: resolveGuard(options.deletionGuard),
    dryRun: options.dryRun ?? false,
    ...resolveReview(options),
    ...resolveStopSignals(options.signal, options.pause),
    onProgress: options.onProgress,
    fullSyncEveryMs: options.fullSyncEveryMs ?? DEFAULT_FULL_SYNC_EVERY_MS,
    overlapMs: options.overlapMs ?? DEFAULT_OVERLAP_MS,
    tombstones,
    changeLog: options.changeLog,
    maxRestarts: options.maxRestarts ?? DEFAULT_MAX_RESTARTS,
    resume: options.resume ?? true,
    now: options.now ?? Date.now,
  };
}

/**
 * One signal the run's work watches for both ways of stopping it. The resolved options hold it for the
 * whole call, so `AbortSignal.any`'s weak hold on its sources never lets it go early.
 */
function resolveStopSignals(abort: AbortSignal | undefined, pause: AbortSignal | undefined) {
  for (const [name, signal] of [
    ['signal', abort],
    ['pause', pause],
  ] as const) {
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError(`syncRoster: \`${name}\` must be an AbortSignal`);
    }
  }
  const signal = abort === undefined ? pause : pause === undefined ? abort : AbortSignal.any([abort, pause]);
  return { signal, abort, pause };
}
