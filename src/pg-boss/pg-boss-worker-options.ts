import type { ClientForOptions, WorkerEventListener, WorkerSyncOptions } from '../registry/index.js';
import type { RosterStore } from '../sync/index.js';
import type { PgBossInstance } from './pg-boss-instance.js';

/** Options of {@link createPgBossWorker}. */
export interface PgBossWorkerOptions {
  /**
   * A pg-boss instance of yours (not started, or started), or the PostgreSQL connection string the
   * worker opens one on. The worker starts it and, when it made it, stops it.
   */
  boss: PgBossInstance | string;
  /**
   * The schema of pg-boss's tables, when the worker makes the instance.
   * @default 'oneroster_jobs'
   */
  schema?: string;
  /** @default 'oneroster-sync' (with `-dead` and `-scheduler` queues beside it) */
  queue?: string;
  /**
   * Slots this process runs at once (pg-boss's `localConcurrency`); the per-host caps hold across
   * every process.
   * @default 4
   */
  concurrency?: number;
  /** pg-boss's retries of a failed run: `retryLimit`, `retryDelay` seconds, doubling up to `retryDelayMax`. */
  retry?: { limit?: number; delaySeconds?: number; maxDelaySeconds?: number };
  /**
   * How often a running job proves its worker alive; a job without a heartbeat for this long (a
   * killed worker) is retried by another worker, which resumes the run from its checkpoint. pg-boss
   * asks for 10 or more.
   * @default 30
   */
  heartbeatSeconds?: number;
  /**
   * The longest a run may take before pg-boss retries it elsewhere.
   * @default 21_600 (6 hours)
   */
  expireInSeconds?: number;
  /**
   * When the scheduler pass runs (pg-boss's own cron: one pass per tick across all processes).
   * @default '* * * * *' (every minute)
   */
  schedulerCron?: string;
  /**
   * How often pg-boss looks for jobs whose heartbeat stopped or whose time ran out, in seconds (its
   * `monitorIntervalSeconds` and `superviseIntervalSeconds`, when the worker makes the instance). A
   * killed worker's run is taken over within `heartbeatSeconds` plus this.
   * @default 60
   */
  monitorIntervalSeconds?: number;
  /** How often an idle worker polls for jobs, in seconds. @default 2 */
  pollingIntervalSeconds?: number;
  /** @default registry.store */
  store?: RosterStore;
  sync?: WorkerSyncOptions;
  client?: ClientForOptions;
  onEvent?: WorkerEventListener;
  /** Named in every event. */
  workerId?: string;
  /** The clock of slots and windows. @default Date.now */
  now?: () => number;
}
