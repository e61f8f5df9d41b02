import { type MessagePort, Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** What the checkpointing thread is given at its start. */
interface CheckpointerData {
  /** The database file, as the store opened it. */
  path: string;
  /** The absolute path of better-sqlite3, so the thread loads the driver the store loaded. */
  driverPath: string;
  /** Milliseconds between checkpoints. */
  intervalMs: number;
  /** WAL pages (one frame each) above which the thread makes the next writer start the WAL over. */
  restartPages: number;
  /** How long a restart waits for the writer and the readers, in milliseconds. */
  restartWaitMs: number;
}

/** A row of `PRAGMA wal_checkpoint`: `log` is the frames in the WAL, `checkpointed` those copied. */
interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * The body of the checkpointing thread. It runs from its source text (see {@link startWalCheckpointer}),
 * so it reaches nothing outside its parameters.
 */
function checkpointInThread(port: MessagePort, Driver: typeof Database, data: CheckpointerData): void {
  const db = new Driver(data.path, { timeout: data.restartWaitMs });
  const passive = db.prepare<[], CheckpointResult>('PRAGMA wal_checkpoint(PASSIVE)');
  const restart = db.prepare<[], CheckpointResult>('PRAGMA wal_checkpoint(RESTART)');
  // A checkpoint of a WAL with nothing new returns at once, without a write or an fsync.
  const timer = setInterval(() => {
    if ((passive.get()?.log ?? 0) >= data.restartPages) restart.get();
  }, data.intervalMs);
  port.once('message', () => {
    clearInterval(timer);
    db.close();
    port.close();
  });
}

/**
 * What the thread runs: its own `require` loads what the body is given, the driver from the path the
 * store loaded it from.
 */
function threadSource(): string {
  return `const threads = require('node:worker_threads');
(${checkpointInThread.toString()})(threads.parentPort, require(threads.workerData.driverPath), threads.workerData);`;
}

/** Options of {@link startWalCheckpointer}. */
export interface WalCheckpointerOptions {
  path: string;
  driverPath: string;
  /** WAL pages above which the thread makes the next writer start the WAL over. */
  restartPages: number;
  /** Called when the thread fails; the store then checkpoints on its own connection again. */
  onFailure: (error: unknown) => void;
}

/** A running checkpointing thread. */
export interface WalCheckpointer {
  /** Stops the thread and closes its connection; resolves when both are done. */
  stop(): Promise<void>;
}

/**
 * Milliseconds between checkpoints: a sync writes the WAL at tens of MB a second, so each checkpoint
 * copies tens of MB, and a page that batches in random sourcedId order dirty again and again is
 * copied about once a checkpoint, not once a batch.
 */
const CHECKPOINT_INTERVAL_MS = 250;
/**
 * How long a restart waits, at most, for the store's transaction to end and for other processes'
 * readers to leave the WAL. The store's next transaction waits behind a restart that holds the
 * writer's lock, so the wait is short; a restart that times out is tried again at the next tick.
 */
const RESTART_WAIT_MS = 50;

/**
 * Starts a thread that copies the WAL into the database file with its own connection, so the store's
 * writes never wait for a checkpoint. SQLite's automatic checkpoint runs inside the COMMIT of the
 * transaction that crosses the threshold, on the thread that writes: 4.6 of the 25 CPU-seconds of a
 * full sync of the `large` preset were COMMITs, half of a floor write was checkpointing, and a 2-core
 * machine has a core mostly idle during a sync. A PASSIVE checkpoint takes no lock a writer waits
 * for, and copies only frames of committed transactions no reader still needs.
 *
 * A writer starts the WAL over only when its transaction begins on a WAL checkpointed to its end,
 * which a checkpoint racing the store's writes never leaves: past `restartPages`, the thread takes
 * the writer's lock for a RESTART checkpoint, which copies what the last PASSIVE one left (a tick's
 * writes) and lets the next transaction start the WAL over, so the WAL stays bounded.
 *
 * The thread is unreferenced: a store left open does not keep the process alive.
 */
export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const data: CheckpointerData = {
    path: options.path,
    driverPath: options.driverPath,
    intervalMs: CHECKPOINT_INTERVAL_MS,
    restartPages: options.restartPages,
    restartWaitMs: RESTART_WAIT_MS,
  };
  // The body runs from its source text: a file of its own would need a path that differs between the
  // ESM and CJS builds and the TypeScript sources the tests run.
  const worker = new Worker(threadSource(), {
    eval: true,
    workerData: data,
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', options.onFailure);
  return {
    async stop() {
      // Referenced again, or a process with nothing else to do would exit before the thread does.
      // The thread closes its connection and its port; with nothing left to run, it exits.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
