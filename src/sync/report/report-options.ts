import type { SyncResult } from '../sync-result.js';
import type { ResolvedReportThresholds } from './report-types.js';

/** More than three quarters of a collection updated in one run: a provider re-keying or re-stamping it. */
export const DEFAULT_MAX_UPDATED_FRACTION = 0.75;
/** More than a tenth retired in one run: the deletion guard's own default (`maxDeleteFraction`). */
export const DEFAULT_MAX_RETIRED_FRACTION = 0.1;

/** When a collection's change raises a {@link ThresholdFlag}. */
export interface ReportThresholds {
  /**
   * Largest share of a collection's active records a run may update without a flag (0 to 1).
   * @default 0.75
   */
  maxUpdatedFraction?: number;
  /**
   * Largest share of a collection's active records a run may retire without a flag (0 to 1).
   * @default 0.1
   */
  maxRetiredFraction?: number;
}

/** Options of {@link buildRosterReport}. */
export interface RosterReportOptions {
  /**
   * The run the report is about; it heads the report (`report.run`). For a run **awaiting review**
   * (`review` option of `syncRoster`), from any store handle, the tables show the roster as approving
   * it would leave it (`source: 'held-run'`: its staged records in place of the stored ones, unseen
   * ones retired) and the change is the one it was held with (`changes.source: 'held-run'`). For any
   * other run the tables show the **committed state as of now**; when this store handle holds the
   * run (a run in progress, such as a dry run you drive with the store's methods), the store's
   * `diff()` of each collection it staged and has not committed is the report's change
   * (`changes.source: 'staged-run'`).
   * @throws TypeError when the tenant has no such run
   */
  runId?: string;
  /**
   * The result of the run the report follows (`await syncRoster(...)`): its per-collection counts are
   * the report's change (`changes.source: 'sync-result'`), and its run heads the report. Stores keep no
   * counts per run, so without it (or a held `runId`) the report cannot say what the last run changed.
   * Pass the latest run's result: the fractions' base is derived from the store's active counts now.
   */
  syncResult?: SyncResult;
  /** When a change raises a flag; the defaults are review's defaults in issue #16. */
  thresholds?: ReportThresholds;
  /**
   * List the teachers (names, emails, schools, classes). Its memory and size grow with the teachers;
   * `false` keeps their counts only.
   * @default true
   */
  teacherList?: boolean;
  /**
   * Clock for `generatedAt`, in milliseconds since the epoch; tests inject one.
   * @default Date.now
   */
  now?: () => number;
}

/** {@link RosterReportOptions} with defaults applied and values checked. */
export interface ResolvedReportOptions {
  readonly runId: string | undefined;
  readonly syncResult: SyncResult | undefined;
  readonly thresholds: ResolvedReportThresholds;
  readonly teacherList: boolean;
  readonly now: () => number;
}

function fraction(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new TypeError(`buildRosterReport: \`thresholds.${name}\` must be between 0 and 1`);
  }
  return value;
}

/** The one place report defaults live; a wrong option fails before any store read. */
export function resolveReportOptions(tenant: string, options: RosterReportOptions): ResolvedReportOptions {
  if (typeof tenant !== 'string' || tenant.length === 0) {
    throw new TypeError('buildRosterReport: `tenant` must be a non-empty string');
  }
  const runId = options.runId ?? options.syncResult?.runId;
  if (options.syncResult !== undefined && runId !== options.syncResult.runId) {
    throw new TypeError('buildRosterReport: `runId` and `syncResult.runId` name different runs');
  }
  return {
    runId,
    syncResult: options.syncResult,
    thresholds: {
      maxUpdatedFraction: fraction(
        'maxUpdatedFraction',
        options.thresholds?.maxUpdatedFraction,
        DEFAULT_MAX_UPDATED_FRACTION,
      ),
      maxRetiredFraction: fraction(
        'maxRetiredFraction',
        options.thresholds?.maxRetiredFraction,
        DEFAULT_MAX_RETIRED_FRACTION,
      ),
    },
    teacherList: options.teacherList ?? true,
    now: options.now ?? Date.now,
  };
}
