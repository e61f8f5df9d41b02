/**
 * The part of pg-boss's `PgBoss` the worker uses, written out here: pg-boss 12's published
 * declarations do not type-check on their own (they name types their own index does not export), so
 * the entry point never imports them. A `PgBoss` of pg-boss 12 is one.
 */
/** A job as pg-boss hands it to the worker's handler (`includeMetadata: true`). */
export interface PgBossJob {
  readonly id: string;
  readonly data: unknown;
  readonly retryCount: number;
  readonly retryLimit: number;
  readonly signal: AbortSignal;
  readonly groupId?: string | null;
  readonly singletonKey: string | null;
  readonly state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  /**
   * In a dead-letter queue (`findJobs`): the failed job's output, what pg-boss kept of the error its
   * handler threw (`{ name, message, stack }`), and its retries.
   */
  readonly sourceOutput?: unknown;
  readonly sourceRetryCount?: number | null;
  /** When the job was created (in a dead-letter queue: when it landed there). */
  readonly createdOn?: Date | string;
}

/** The queue settings the worker gives `createQueue`. */
export interface PgBossQueueOptions {
  policy?: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  retryDelayMax?: number;
  heartbeatSeconds?: number;
  expireInSeconds?: number;
  deadLetter?: string;
}

/** The options the worker gives `work`. */
export interface PgBossWorkOptions {
  includeMetadata: true;
  batchSize?: number;
  localConcurrency?: number;
  pollingIntervalSeconds?: number;
  groupConcurrency?: number | { default: number; tiers?: Record<string, number> };
}

/** A pg-boss instance, as far as the worker uses one: pass your own `new PgBoss(...)`. */
export interface PgBossInstance {
  /** Installs or migrates pg-boss's schema and starts its maintenance. */
  start(): Promise<unknown>;
  /** Stops taking jobs and, with `close`, closes its pool. */
  stop(options?: { graceful?: boolean; close?: boolean; timeout?: number }): Promise<void>;
  /** pg-boss's own failures (a lost connection), which it recovers from. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Creates a queue with its policy, retries, heartbeat, expiry and dead-letter queue. */
  createQueue(name: string, options?: PgBossQueueOptions): Promise<void>;
  /** pg-boss's cron: one job per tick across every instance. */
  schedule(name: string, cron: string, data?: object | null, options?: { tz?: string }): Promise<void>;
  /** Sends a job; null when the singleton key holds one already. */
  send(
    name: string,
    data: object,
    options: { singletonKey?: string; group?: { id: string; tier?: string } },
  ): Promise<string | null>;
  /** Runs `handler` for the queue's jobs. */
  work(name: string, handler: (jobs: PgBossJob[]) => Promise<unknown>): Promise<string>;
  /** Runs `handler` for the queue's jobs, with options. */
  work(
    name: string,
    options: PgBossWorkOptions,
    handler: (jobs: PgBossJob[]) => Promise<unknown>,
  ): Promise<string>;
  /** Stops the queue's handlers, waiting for the jobs they hold. */
  offWork(name: string, options?: { wait?: boolean }): Promise<void>;
  /** The queue's jobs, oldest first. */
  findJobs(name: string, options?: { limit?: number; key?: string }): Promise<PgBossJob[]>;
}

/** What the worker passes to `new PgBoss(...)` when it makes the instance. */
export interface PgBossConstructorOptions {
  connectionString: string;
  schema: string;
  monitorIntervalSeconds?: number;
  superviseIntervalSeconds?: number;
}

export type PgBossConstructor = new (options: PgBossConstructorOptions) => PgBossInstance;
