import type { ConnectionRegistry, WorkerEvent } from '../../registry/index.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { parseCommandLine } from '../parse-command-line.js';
import { keysOf, openRegistry, storeFailureOf } from '../registry/open-registry.js';
import { DEFAULT_STORE, parseStoreSpec, type StoreSpec } from '../stores/store-spec.js';
import { UsageError } from '../usage-error.js';

export const WORKER_HELP = `Usage: oneroster worker [options]

Runs the district connections of --store when their slots are due, inside their sync windows, within
each provider host's cap; a failed run is retried with backoff, a tripped deletion guard or a run
held for review holds the connection for review. A connection's runs are reviewed before go-live
(review always until its first approved run, on-threshold after) unless --review says otherwise.
One line per event on stdout (--json: NDJSON).

sqlite: stores run the embedded worker, in this one process: run one worker per database.
postgres:// stores run the distributed worker on pg-boss (the pg-boss package, Node >= 22.12): any
number of workers on any number of machines, each slot once, a killed worker's run resumed by another.

  --store SPEC           ONEROSTER_STORE   sqlite:PATH or postgres://user@host/db[?schema=NAME] (default ${DEFAULT_STORE})
  --keys-file PATH       the keys as a JSON file, instead of ONEROSTER_KEYS
  --once                 run every due or requested slot (and its retries), then exit
  --review MODE          always, on-threshold or never, for every run (default: always until a
                         connection's first approved run, on-threshold after)
  --concurrency N        postgres:// only: slots this process runs at once (default 4)
  --worker-id NAME       named in every event (default the host name and process id)
  --json                 events as NDJSON`;

const WORKER_OPTIONS = {
  store: { type: 'string' },
  'keys-file': { type: 'string' },
  once: { type: 'boolean', default: false },
  review: { type: 'string' },
  concurrency: { type: 'string' },
  'worker-id': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** One event as a line a person reads. */
function describeEvent(event: WorkerEvent): string {
  const head = `${event.at} ${event.type} ${event.key}`;
  switch (event.type) {
    case 'run-started':
      return `${head} (${event.mode}, ${event.source}, attempt ${event.attempt})`;
    case 'run-finished':
      return `${head} (${event.mode}${event.resumed ? ', resumed from its checkpoint' : ''})`;
    case 'run-failed':
      return `${head}: ${event.error.name}: ${event.error.message}${event.willRetry ? ' (will retry)' : ''}`;
    case 'run-held':
      return event.reason === 'review'
        ? `${head}: the run awaits review (oneroster review --tenant ${event.tenant}, then approve or reject it: the next worker pass resumes the connection)`
        : `${head}: ${event.reason}; the connection awaits review (oneroster connections resume ${event.tenant})`;
    case 'run-interrupted':
      return `${head}: ${event.reason}; the slot stays due`;
    case 'run-skipped':
      return `${head}: ${event.reason}${event.startsAt === undefined ? '' : `, starts ${event.startsAt}`}`;
    case 'run-reviewed':
      return `${head}: run ${event.runId} ${event.review}; the connection is active again`;
  }
}

function positiveInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive whole number`);
  return value;
}

interface Tally {
  failed: number;
  /** Runs held for a person: by review (exit code 8) or by the deletion guard (5). */
  heldForReview: number;
  heldByGuard: number;
}

const REVIEW_MODES = ['always', 'on-threshold', 'never'] as const;

function reviewMode(text: string | undefined): (typeof REVIEW_MODES)[number] | undefined {
  if (text === undefined) return undefined;
  const mode = REVIEW_MODES.find((known) => known === text);
  if (mode === undefined) throw new UsageError(`--review must be always, on-threshold or never, not ${text}`);
  return mode;
}

async function runDistributed(
  registry: ConnectionRegistry,
  spec: Extract<StoreSpec, { kind: 'postgres' }>,
  options: {
    once: boolean;
    concurrency: number | undefined;
    workerId: string;
    onEvent: (event: WorkerEvent) => void;
    review: (typeof REVIEW_MODES)[number] | undefined;
  },
  signal: AbortSignal | undefined,
): Promise<void> {
  const { createPgBossWorker } = await import('../../pg-boss/index.js');
  const worker = createPgBossWorker(registry, {
    boss: spec.connectionString,
    // pg-boss's tables sit beside the store's schema, in a schema of their own.
    schema: `${spec.schema ?? 'oneroster'}_jobs`,
    workerId: options.workerId,
    onEvent: options.onEvent,
    ...(options.review === undefined ? {} : { sync: { review: options.review } }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  });
  await worker.start({ scheduler: !options.once });
  try {
    if (options.once) {
      const { keys } = await worker.enqueueDueSlots();
      await worker.drain(keys, signal);
    } else {
      await worker.enqueueDueSlots();
      await new Promise<void>((resolve) => {
        if (signal === undefined || signal.aborted) return resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  } finally {
    await worker.stop();
  }
}

/** `oneroster worker`: the embedded worker on SQLite, the pg-boss worker on PostgreSQL. */
export async function runWorker(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, WORKER_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals.join(' ')}`);
  const spec = parseStoreSpec(values.store ?? (context.env['ONEROSTER_STORE'] || DEFAULT_STORE), context.cwd);
  const concurrency = positiveInteger(values.concurrency, '--concurrency');
  if (concurrency !== undefined && spec.kind !== 'postgres') {
    throw new UsageError(
      '--concurrency applies to postgres:// stores; the embedded worker follows the host caps',
    );
  }
  const keys = keysOf(values['keys-file'], context.env, true);
  const workerId = values['worker-id'] ?? `${(await import('node:os')).hostname()}:${process.pid}`;
  const review = reviewMode(values.review);
  const tally: Tally = { failed: 0, heldForReview: 0, heldByGuard: 0 };
  const onEvent = (event: WorkerEvent) => {
    if (event.type === 'run-failed' && !event.willRetry) tally.failed++;
    if (event.type === 'run-held' && event.reason === 'review') tally.heldForReview++;
    else if (event.type === 'run-held') tally.heldByGuard++;
    context.stdout.write(`${values.json ? JSON.stringify(event) : describeEvent(event)}\n`);
  };
  const { registry, close } = await openRegistry(spec, keys);
  try {
    if (spec.kind === 'postgres') {
      await runDistributed(
        registry,
        spec,
        { once: values.once, concurrency, workerId, onEvent, review },
        context.signal,
      );
    } else {
      const { runDueSyncs } = await import('../../registry/index.js');
      await runDueSyncs(registry, {
        once: values.once,
        workerId,
        onEvent,
        ...(review === undefined ? {} : { sync: { review } }),
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      });
    }
  } catch (error) {
    throw storeFailureOf(spec)(error);
  } finally {
    await close();
  }
  if (tally.heldByGuard > 0) return EXIT.massDeletion;
  if (tally.heldForReview > 0) return EXIT.awaitingReview;
  return tally.failed > 0 ? EXIT.failure : 0;
}
