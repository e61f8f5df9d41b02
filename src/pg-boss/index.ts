/**
 * `oneroster/pg-boss`: the distributed worker. Any number of processes on any number of machines run
 * the registry's due slots from a pg-boss queue in PostgreSQL: each slot once (its key is the job's
 * singleton key), a tenant never twice at once, the per-host caps across all of them, and a run
 * whose worker died resumed by another from its checkpoint. Needs Node 22.12 or newer (pg-boss's
 * floor) and the optional peer `pg-boss`. See the [many districts](../../docs/many-districts.md) guide.
 * @categoryDescription Workers
 * `createPgBossWorker` and its options.
 * @packageDocumentation
 * @module oneroster/pg-boss
 */

export {
  createPgBossWorker,
  DEFAULT_PG_BOSS_SCHEMA,
  DEFAULT_SYNC_QUEUE,
  type DeadLetter,
  type EnqueueResult,
  type PgBossWorker,
} from './create-pg-boss-worker.js';
export type { PgBossInstance, PgBossJob, PgBossQueueOptions, PgBossWorkOptions } from './pg-boss-instance.js';
export type { PgBossWorkerOptions } from './pg-boss-worker-options.js';
