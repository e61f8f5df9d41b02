import {
  type ConnectionRegistry,
  createGate,
  DEFAULT_HOST_CAP,
  type PlannedSlot,
  resumeReviewedConnections,
  runSlot,
} from '../registry/index.js';
import { MissingDependencyError } from '../sync/index.js';
import type { PgBossConstructor, PgBossInstance, PgBossJob } from './pg-boss-instance.js';
import type { PgBossWorkerOptions } from './pg-boss-worker-options.js';
import { slotJobOf, slotOfJob } from './slot-job.js';

/** The sync queue's name; its dead-letter and scheduler queues are named after it. */
export const DEFAULT_SYNC_QUEUE = 'oneroster-sync';
/** The schema of pg-boss's tables when the worker makes the instance. */
export const DEFAULT_PG_BOSS_SCHEMA = 'oneroster_jobs';
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_RETRY_LIMIT = 3;
const DEFAULT_RETRY_DELAY_SECONDS = 30;
const DEFAULT_RETRY_DELAY_MAX_SECONDS = 600;
const DEFAULT_HEARTBEAT_SECONDS = 30;
const DEFAULT_EXPIRE_IN_SECONDS = 21_600;
const DEFAULT_POLLING_INTERVAL_SECONDS = 2;
/** How often `drain` looks at the queue, in milliseconds. */
const DRAIN_POLL_MS = 500;
/** Jobs `drain` reads at once: far more than one pass sends. */
const DRAIN_PAGE = 100_000;

/** What one scheduler pass sent. */
export interface EnqueueResult {
  /** Every slot that was due, by key: the jobs `drain` waits for. */
  readonly keys: readonly string[];
  /** Jobs created; the others were already queued or running (a duplicate send is a no-op). */
  readonly sent: number;
}

/** A slot whose job failed for good, as the dead-letter queue keeps it. */
export interface DeadLetter {
  /** The slot the job was to run (`tenant`, `at`, `key`, `mode`, `source`). */
  readonly slot: PlannedSlot;
  /** The job's id in the dead-letter queue. */
  readonly jobId: string;
  /** ISO 8601: when it landed there, when pg-boss says. */
  readonly failedAt: string | undefined;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** The last attempt's error (`Name: message`, scrubbed of the connection's secret), when kept. */
  readonly error: string | undefined;
}

/** The message of pg-boss's kept failure (`serialize-error` of what the handler threw). */
function errorOfOutput(output: unknown): string | undefined {
  if (typeof output !== 'object' || output === null) return undefined;
  const message: unknown = Reflect.get(output, 'message');
  return typeof message === 'string' ? message : undefined;
}

/** The distributed worker; see {@link createPgBossWorker}. */
export interface PgBossWorker {
  /**
   * Creates the queues, registers the scheduler's cron (unless `scheduler: false`, as `--once` does)
   * and starts taking jobs.
   */
  start(options?: { scheduler?: boolean }): Promise<void>;
  /**
   * One scheduler pass: makes active again the connections whose held run was approved or rejected
   * (`resumeReviewed`), then sends a job per due slot, its key the slot's (`tenant@time`), so a slot sent by
   * two processes, or twice, is one job. pg-boss's cron calls it every `schedulerCron` tick.
   */
  enqueueDueSlots(at?: number): Promise<EnqueueResult>;
  /** Resolves once none of the jobs of `keys` is queued, waiting for a retry, or running anywhere. */
  drain(keys: readonly string[], signal?: AbortSignal): Promise<void>;
  /**
   * The slots whose jobs failed for good (their retries spent), oldest first, from the dead-letter
   * queue (`${queue}-dead`). The connection's `lastOutcome` says `failed` too; the slot is served.
   * To run one again, `requestSync` the tenant.
   */
  deadLetters(options?: { limit?: number }): Promise<DeadLetter[]>;
  /** Stops taking jobs, waits for the runs in progress (or stops them at a checkpoint after `timeoutMs`). */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** The pg-boss instance, once started. */
  readonly boss: PgBossInstance | undefined;
}

/** A variable, so the compiler does not read pg-boss's declarations (see pg-boss-instance.ts). */
const PG_BOSS_PACKAGE = 'pg-boss';

/**
 * True when the import failed because pg-boss itself is not installed; any other failure (a file or
 * dependency missing inside pg-boss, a syntax error) is pg-boss's own and keeps its error.
 */
function isPgBossMissing(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = Reflect.get(error, 'code');
  const message: unknown = Reflect.get(error, 'message');
  if (typeof message !== 'string') return false;
  // ESM: "Cannot find package 'pg-boss' imported from ..."; CommonJS: "Cannot find module 'pg-boss'".
  if (code === 'ERR_MODULE_NOT_FOUND') return message.startsWith(`Cannot find package '${PG_BOSS_PACKAGE}'`);
  return code === 'MODULE_NOT_FOUND' && message.startsWith(`Cannot find module '${PG_BOSS_PACKAGE}'`);
}

async function loadPgBoss(): Promise<PgBossConstructor> {
  try {
    const loaded: { PgBoss: PgBossConstructor } = await import(PG_BOSS_PACKAGE);
    return loaded.PgBoss;
  } catch (error) {
    if (!isPgBossMissing(error)) throw error;
    throw new MissingDependencyError(
      { packageName: 'pg-boss', entryPoint: 'oneroster/pg-boss' },
      { cause: error },
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The distributed worker on pg-boss, the job queue in PostgreSQL: run one in each process, on any
 * number of machines, over the same registry and the same pg-boss schema.
 *
 * pg-boss does the work a queue does: its cron runs the scheduler pass once per tick across all
 * processes; each due slot becomes a job whose singleton key is the slot's key (an `exclusive` queue:
 * a second send of a queued or running slot is a no-op); jobs of one provider host share a pg-boss
 * group whose concurrency is the host's `runs` cap, held across every process; a failed run is
 * retried with backoff and, once it has failed for good, copied to the dead-letter queue
 * (`${queue}-dead`); a running job sends heartbeats, and one whose worker died is retried by another
 * worker after `heartbeatSeconds`, where the sync resumes from the run's checkpoint. A tenant never
 * runs twice at once: the store's tenant lock refuses a second run, which is retried.
 *
 * Host caps are read when the worker starts: restart the workers after `setHostCap`.
 * @example
 * const worker = createPgBossWorker(registry, { boss: process.env.DATABASE_URL, onEvent: log });
 * await worker.start();
 * process.on('SIGTERM', () => worker.stop());
 */
export function createPgBossWorker(registry: ConnectionRegistry, options: PgBossWorkerOptions): PgBossWorker {
  const queue = options.queue ?? DEFAULT_SYNC_QUEUE;
  const deadLetter = `${queue}-dead`;
  const schedulerQueue = `${queue}-scheduler`;
  const now = options.now ?? Date.now;
  const ownsBoss = typeof options.boss === 'string';
  let boss: PgBossInstance | undefined;
  const stopping = new AbortController();

  const requestsPerRun = async (host: string): Promise<number> => {
    const cap = await registry.hostCap(host);
    // The host's runs are capped across every process, so each run's share of the request cap holds too.
    return Math.max(1, Math.floor(cap.requests / cap.runs));
  };

  const runJob = async (job: PgBossJob): Promise<void> => {
    const slot: PlannedSlot = slotOfJob(job.data);
    const finalAttempt = job.retryCount >= job.retryLimit;
    const host = job.groupId ?? undefined;
    const result = await runSlot(registry, slot, {
      ...(options.store === undefined ? {} : { store: options.store }),
      ...(options.sync === undefined ? {} : { sync: options.sync }),
      ...(options.client === undefined ? {} : { client: options.client }),
      ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
      ...(options.workerId === undefined ? {} : { workerId: options.workerId }),
      signal: AbortSignal.any([job.signal, stopping.signal]),
      now,
      attempt: job.retryCount + 1,
      finalAttempt,
      ...(host === undefined ? {} : { requests: createGate(await requestsPerRun(host)) }),
    });
    // Throwing hands the job back to pg-boss: a retry with backoff, or the dead-letter queue at the end.
    if (result.status === 'failed') throw new Error(`${result.error?.name}: ${result.error?.message}`);
    if (result.skipped === 'tenant-busy' && !finalAttempt) {
      throw new Error(`another run of ${slot.tenant} is in progress`);
    }
  };

  const worker: PgBossWorker = {
    get boss() {
      return boss;
    },
    async start(startOptions = {}) {
      if (boss === undefined) {
        if (typeof options.boss === 'string') {
          const PgBoss = await loadPgBoss();
          boss = new PgBoss({
            connectionString: options.boss,
            schema: options.schema ?? DEFAULT_PG_BOSS_SCHEMA,
            ...(options.monitorIntervalSeconds === undefined
              ? {}
              : {
                  monitorIntervalSeconds: options.monitorIntervalSeconds,
                  superviseIntervalSeconds: options.monitorIntervalSeconds,
                }),
          });
        } else boss = options.boss;
        // pg-boss reports its own failures as events; without a listener an 'error' event would throw.
        boss.on('error', () => undefined);
      }
      await boss.start();
      const retry = options.retry ?? {};
      await boss.createQueue(deadLetter).catch(ignoreExisting);
      await boss
        .createQueue(queue, {
          policy: 'exclusive',
          retryLimit: retry.limit ?? DEFAULT_RETRY_LIMIT,
          retryDelay: retry.delaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
          retryBackoff: true,
          retryDelayMax: retry.maxDelaySeconds ?? DEFAULT_RETRY_DELAY_MAX_SECONDS,
          heartbeatSeconds: options.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS,
          expireInSeconds: options.expireInSeconds ?? DEFAULT_EXPIRE_IN_SECONDS,
          deadLetter,
        })
        .catch(ignoreExisting);
      await boss.createQueue(schedulerQueue, { policy: 'exclusive', retryLimit: 0 }).catch(ignoreExisting);
      if (startOptions.scheduler !== false) {
        await boss.schedule(schedulerQueue, options.schedulerCron ?? '* * * * *');
        await boss.work(schedulerQueue, async () => {
          await worker.enqueueDueSlots();
        });
      }
      const tiers: Record<string, number> = {};
      for (const connection of await registry.listConnections()) {
        tiers[connection.host] ??= (await registry.hostCap(connection.host)).runs;
      }
      await boss.work(
        queue,
        {
          includeMetadata: true,
          batchSize: 1,
          localConcurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? DEFAULT_POLLING_INTERVAL_SECONDS,
          groupConcurrency: { default: DEFAULT_HOST_CAP.runs, tiers },
        },
        async ([job]) => {
          if (job !== undefined) await runJob(job);
        },
      );
    },
    async enqueueDueSlots(at) {
      if (boss === undefined) throw new Error('oneroster/pg-boss: start the worker first');
      // A run a person approved or rejected since the last pass frees its connection for this one.
      await resumeReviewedConnections(registry, {
        ...(options.store === undefined ? {} : { store: options.store }),
        ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
        ...(options.workerId === undefined ? {} : { workerId: options.workerId }),
        now,
      });
      const due = await registry.dueSlots(at ?? now());
      let sent = 0;
      for (const slot of due) {
        const id = await boss.send(queue, slotJobOf(slot), {
          singletonKey: slot.key,
          group: { id: slot.host, tier: slot.host },
        });
        if (id !== null) sent++;
      }
      return { keys: due.map((slot) => slot.key), sent };
    },
    async drain(keys, signal) {
      if (boss === undefined) throw new Error('oneroster/pg-boss: start the worker first');
      const waiting = new Set(keys);
      while (!signal?.aborted) {
        const jobs = await boss.findJobs(queue, { limit: DRAIN_PAGE });
        const open = jobs.some(
          (job) =>
            job.singletonKey !== null &&
            waiting.has(job.singletonKey) &&
            (job.state === 'created' || job.state === 'retry' || job.state === 'active'),
        );
        if (!open) return;
        await sleep(DRAIN_POLL_MS);
      }
    },
    async deadLetters(listOptions = {}) {
      if (boss === undefined) throw new Error('oneroster/pg-boss: start the worker first');
      const jobs = await boss.findJobs(deadLetter, { limit: listOptions.limit ?? DRAIN_PAGE });
      return jobs.map((job) => ({
        slot: slotOfJob(job.data),
        jobId: job.id,
        failedAt: job.createdOn === undefined ? undefined : new Date(job.createdOn).toISOString(),
        attempts: (job.sourceRetryCount ?? 0) + 1,
        error: errorOfOutput(job.sourceOutput),
      }));
    },
    async stop(stopOptions = {}) {
      if (boss === undefined) return;
      const timeout = stopOptions.timeoutMs ?? 30_000;
      // Runs still going when the grace time ends stop at their next checkpoint; their slots stay due.
      const timer = setTimeout(() => stopping.abort(), Math.max(0, timeout - 1_000));
      try {
        await boss.offWork(queue, { wait: true });
        await boss.stop({ graceful: true, close: ownsBoss, timeout });
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return worker;
}

/** `createQueue` of a queue that exists (another process made it) is fine. */
function ignoreExisting(error: unknown): void {
  if (error instanceof Error && /exists/i.test(error.message)) return;
  throw error;
}
