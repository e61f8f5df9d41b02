/**
 * The part of pg-boss's `PgBoss` the worker uses, written out here: pg-boss 12's published
 * declarations do not type-check on their own (they name types their own index does not export), so
 * the entry point never imports them. A `PgBoss` of pg-boss 12 is one.
 */
export interface PgBossJob {
  readonly id: string;
  readonly data: unknown;
  readonly retryCount: number;
  readonly retryLimit: number;
  readonly signal: AbortSignal;
  readonly groupId?: string | null;
  readonly singletonKey: string | null;
  readonly state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
}

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

export interface PgBossWorkOptions {
  includeMetadata: true;
  batchSize?: number;
  localConcurrency?: number;
  pollingIntervalSeconds?: number;
  groupConcurrency?: number | { default: number; tiers?: Record<string, number> };
}

export interface PgBossInstance {
  start(): Promise<unknown>;
  stop(options?: { graceful?: boolean; close?: boolean; timeout?: number }): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  createQueue(name: string, options?: PgBossQueueOptions): Promise<void>;
  schedule(name: string, cron: string, data?: object | null, options?: { tz?: string }): Promise<void>;
  send(
    name: string,
    data: object,
    options: { singletonKey?: string; group?: { id: string; tier?: string } },
  ): Promise<string | null>;
  work(name: string, handler: (jobs: PgBossJob[]) => Promise<unknown>): Promise<string>;
  work(
    name: string,
    options: PgBossWorkOptions,
    handler: (jobs: PgBossJob[]) => Promise<unknown>,
  ): Promise<string>;
  offWork(name: string, options?: { wait?: boolean }): Promise<void>;
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
