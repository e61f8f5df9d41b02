// Helpers shared by the benchmark's parent and child processes: the provider process, child runs,
// machine facts and statistics. No benchmark logic lives here.
import { fork } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const BYTES_PER_MB = 1024 * 1024;
const KIB_PER_MB = 1024;
/**
 * The built package under test: `dist/`, or another build named by `--dist` (through
 * ONEROSTER_BENCH_DIST, which child processes inherit), to measure a change before and after.
 */
export function importDist(entry) {
  const dir = process.env.ONEROSTER_BENCH_DIST;
  const base = dir ? pathToFileURL(`${resolve(dir)}/`) : new URL('../dist/', import.meta.url);
  return import(new URL(`${entry}.js`, base).href);
}

/** A default sync's collections (every one but demographics), in its order: what the sync cases pull. */
export const SYNC_COLLECTIONS = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'];

/** A provider that has not said ready by then is broken, not slow. */
const SERVER_START_TIMEOUT_MS = 120_000;

/**
 * Starts `startMockServer` in a child process (loopback, keep-alive is node:http's default) and
 * returns its address plus `stats()`, `reset()` and `close()` over IPC.
 */
export async function startServerProcess(options) {
  const child = fork(`${BENCH_DIR}server.mjs`, [JSON.stringify(options)], {
    // Node options for the provider only, e.g. `--cpu-prof` to profile it (see run.mjs).
    execArgv: process.env.ONEROSTER_BENCH_PROVIDER_ARGS?.split(' ').filter(Boolean) ?? [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map();
  let nextId = 0;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('bench: the mock server did not start')),
      SERVER_START_TIMEOUT_MS,
    );
    child.on('message', (message) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
        return;
      }
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
    child.once('exit', (code) => reject(new Error(`bench: the mock server exited with ${code}`)));
  });
  const info = await ready;
  const ask = (type) =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      child.send({ type, id });
    });
  return {
    ...info,
    async stats() {
      return (await ask('stats')).stats;
    },
    async reset() {
      await ask('reset');
    },
    async close() {
      if (!child.connected) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask('close');
      await exited;
    },
  };
}

/**
 * Runs `bench/<script>` in a fresh process (so its peak RSS is its own) with `input` as JSON, and
 * resolves to the JSON it sends back over IPC. `onMessage` sees the child's intermediate messages.
 */
export function runChild(script, input, { execArgv = [], onMessage } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(`${BENCH_DIR}${script}`, [JSON.stringify(input)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv,
    });
    let result;
    child.on('message', (message) => {
      if (message.type === 'result') result = message.result;
      else if (message.type === 'error') result = { error: message.error };
      else onMessage?.(message, child);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`bench: ${script} exited with ${code} and no result`));
    });
  });
}

/** Sends a child's result to its parent and exits; a crash is reported, not swallowed. */
export async function childMain(work) {
  try {
    const result = await work(JSON.parse(process.argv[2] ?? '{}'));
    process.send({ type: 'result', result });
  } catch (error) {
    process.send({
      type: 'error',
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
  process.disconnect();
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb() {
  // resourceUsage().maxRSS is in KiB on every platform Node supports.
  return process.resourceUsage().maxRSS / KIB_PER_MB;
}

export function machineInfo() {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model?.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGb: Math.round(totalmem() / BYTES_PER_MB / 1024),
    freeMemoryGb: Math.round(freemem() / BYTES_PER_MB / 1024),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    // Other work on the machine skews every figure; the ratios, measured side by side, less so.
    loadAverage: loadavg()[0].toFixed(2),
  };
}

/**
 * CPU time every process of the machine has used since boot, in ms (all cores, user + nice + system +
 * irq): the difference across a run is what the client, the provider, PostgreSQL's server and any
 * other work cost together, the figure a 2-core bound needs.
 */
export function machineBusyMs() {
  let busy = 0;
  for (const { times } of cpus()) busy += times.user + times.nice + times.sys + times.irq;
  return busy;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
