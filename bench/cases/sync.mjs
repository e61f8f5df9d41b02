// 4. Sync: a full sync of the `large` preset into SQLite and into PostgreSQL, then a delta of the
// unchanged district. Each run is a fresh process (its own peak RSS); the provider counts requests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild, startServerProcess } from '../lib.mjs';
import { fmt } from './pull-throughput.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_POSTGRES = join(ROOT, '.ci/start-postgres.sh');
const POSTGRES_ENTRY = join(ROOT, 'dist/postgres.js');
/** Installing and initialising a cluster can take a while on a cold machine. */
const POSTGRES_START_TIMEOUT_MS = 300_000;
/** The synced collections by default (every one but demographics). */
const COLLECTIONS = 6;
/** Targets (issue 19): a full sync's throughput over the pull-only baseline's, and its peak RSS. */
const MIN_SYNC_OVER_PULL = { SQLite: 0.75, PostgreSQL: 0.5 };
const MAX_SYNC_PEAK_RSS_MB = 250;

/** A PostgreSQL URL, or the reason there is none. */
export function findPostgres() {
  if (!existsSync(POSTGRES_ENTRY))
    return { skipped: 'dist/postgres.js is not built (the PostgreSQL store has not landed)' };
  if (process.env.ONEROSTER_PG_URL) return { url: process.env.ONEROSTER_PG_URL };
  if (!existsSync(START_POSTGRES))
    return { skipped: '.ci/start-postgres.sh not found and ONEROSTER_PG_URL not set' };
  const started = spawnSync('bash', [START_POSTGRES], {
    encoding: 'utf8',
    timeout: POSTGRES_START_TIMEOUT_MS,
  });
  const url = started.stdout?.trim().split('\n').pop();
  if (started.status !== 0 || !url) {
    const reason = started.stderr?.trim().split('\n').pop() ?? `exit ${started.status}`;
    return { skipped: `PostgreSQL did not start: ${reason}` };
  }
  return { url };
}

async function syncInto(server, store, target, log) {
  const tenant = `bench-${process.pid}-${Date.now()}`;
  const base = {
    baseUrl: server.baseUrl,
    tokenUrl: server.tokenUrl,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    store,
    tenant,
    ...target,
  };
  await server.reset();
  const full = await runChild('sync-child.mjs', { ...base, mode: 'full' });
  if (full.error) throw new Error(`${store} full sync: ${full.error}`);
  full.providerCpuMs = (await server.stats()).cpuMs;
  log(
    `sync ${store} full: ${fmt(full.received)} records in ${Math.round(full.ms)} ms, peak ${full.peakRssMb.toFixed(0)} MB`,
  );
  await server.reset();
  const delta = await runChild('sync-child.mjs', { ...base, mode: 'auto' });
  if (delta.error) throw new Error(`${store} delta sync: ${delta.error}`);
  const stats = await server.stats();
  log(
    `sync ${store} delta (${delta.mode}): ${stats.requests} data + ${stats.tokenRequests} token requests, ${Math.round(delta.ms)} ms`,
  );
  return { full, delta, requests: stats.requests, tokenRequests: stats.tokenRequests };
}

/** The same client pulling the same collections and fields, records thrown away. */
async function pullOnly(server, log) {
  await server.reset();
  const pull = await runChild('sync-pull-child.mjs', {
    baseUrl: server.baseUrl,
    tokenUrl: server.tokenUrl,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
  });
  if (pull.error) throw new Error(`pull-only baseline: ${pull.error}`);
  pull.providerCpuMs = (await server.stats()).cpuMs;
  log(
    `pull only: ${fmt(pull.received)} records in ${Math.round(pull.ms)} ms, peak ${pull.peakRssMb.toFixed(0)} MB`,
  );
  return pull;
}

const seconds = (ms) => (ms / 1000).toFixed(1);

/**
 * Where a run's CPU went, in the run's own window: the client process, the provider process, and the
 * rest of the machine (PostgreSQL's server, other work). On 2 cores a run cannot take less wall time
 * than half of all of it, nor less than its busiest single thread.
 */
export function cpuRow(what, run) {
  const rest = Math.max(0, run.machineCpuMs - run.cpuMs - run.providerCpuMs);
  return {
    ratio: false,
    measure: `CPU of ${what} (CPU-s): client / provider / the rest of the machine (PostgreSQL's server, other work); wall (s), share of the cores busy`,
    value: `${seconds(run.cpuMs)} / ${seconds(run.providerCpuMs)} / ${seconds(rest)}; ${seconds(run.ms)}, ${Math.round((run.machineCpuMs / (run.ms * cpus().length)) * 100)}%`,
    target: '',
    status: 'info',
  };
}

/**
 * The best sync/pull ratio any store could reach on this machine, given the pull's CPU and the
 * store's floor (one write of every record, measured): a sync takes at least as long as the pull it
 * contains, as the floor's own wall time, and as all the CPU the pull, the provider and the floor need
 * together spread over the cores, even with the store's work on another thread.
 */
export function boundOf(pull, floor, cores) {
  const bestMs = Math.max(
    pull.ms,
    floor.writeMs,
    (pull.cpuMs + pull.providerCpuMs + floor.writeCpuMs) / cores,
  );
  return { bestMs, bestRatio: pull.ms / bestMs };
}

/** The floor of a store: every record written once into an empty keyed table. */
async function storeFloor(label, script, input, log) {
  const floor = await runChild(script, input);
  if (floor.error) throw new Error(`${label} floor: ${floor.error}`);
  log(
    `${label} floor: ${fmt(floor.written)} records written once in ${seconds(floor.writeMs)} s (${seconds(floor.writeCpuMs)} CPU-s)`,
  );
  return floor;
}

function boundRow(label, preset, pull, floor, target) {
  const { bestMs, bestRatio } = boundOf(pull, floor, cpus().length);
  const verdict =
    bestRatio < target
      ? `the target is out of reach for any ${label} store on this machine`
      : 'the target is within reach';
  return {
    ratio: false,
    measure: `Bound on the ${label} ratio for \`${preset}\`: every record written once into an empty keyed ${label} table (the floor of any ${label} store): wall (s), CPU-s of every process; the best sync time and ratio that leaves on ${cpus().length} cores`,
    value: `${seconds(floor.writeMs)} s, ${seconds(floor.writeCpuMs)} CPU-s; at best ${seconds(bestMs)} s, ${bestRatio.toFixed(2)} (${verdict})`,
    target: `≥ ${target}`,
    status: 'info',
  };
}

function rowsOf(label, result, preset, pull) {
  const { full, delta, requests, tokenRequests } = result;
  const onePerCollection = delta.mode === 'delta' && requests <= COLLECTIONS && tokenRequests <= 1;
  const ratio = full.received / full.ms / (pull.received / pull.ms);
  const phases = full.phases;
  return [
    {
      ratio: true,
      measure: `Full sync of \`${preset}\` into ${label} / pull only of the same collections (throughput)`,
      value: ratio.toFixed(2),
      target: `≥ ${MIN_SYNC_OVER_PULL[label]}`,
      status: ratio >= MIN_SYNC_OVER_PULL[label] ? 'met' : 'missed',
    },
    {
      ratio: false,
      measure: `Full sync of \`${preset}\` into ${label}: wall time in pull and stage / diff and commit (s)`,
      value: phases
        ? `${(phases.pullAndStageMs / 1000).toFixed(1)} / ${(phases.commitMs / 1000).toFixed(1)}`
        : '',
      target: '',
      status: 'info',
    },
    {
      ratio: false,
      measure: `Full sync of \`${preset}\` into ${label}: peak RSS (MB)`,
      value: full.peakRssMb.toFixed(0),
      target: `< ${MAX_SYNC_PEAK_RSS_MB}`,
      status: full.peakRssMb < MAX_SYNC_PEAK_RSS_MB ? 'met' : 'missed',
    },
    {
      ratio: false,
      measure: `Full sync of \`${preset}\` into ${label}: records/s, peak RSS`,
      value: `${fmt((full.received / full.ms) * 1000)}/s (${fmt(full.received)} in ${(full.ms / 1000).toFixed(1)} s), ${full.peakRssMb.toFixed(0)} MB`,
      target: '',
      status: 'info',
    },
    {
      ratio: false,
      measure: `Delta of the unchanged district, ${label}: requests (data + auth), wall time`,
      value: `${requests} + ${tokenRequests}, ${Math.round(delta.ms)} ms (mode ${delta.mode})`,
      target: `${COLLECTIONS} + 1`,
      status: onePerCollection ? 'met' : 'missed',
    },
  ];
}

export async function sync({ quick, log }) {
  const preset = quick ? 'small' : 'large';
  const server = await startServerProcess({ district: { preset, seed: 7 } });
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-bench-'));
  const rows = [];
  const figures = {};
  try {
    figures.pull = await pullOnly(server, log);
    rows.push({
      ratio: false,
      measure: `Pull only of \`${preset}\`, the sync's collections and fields: records/s, peak RSS`,
      value: `${fmt((figures.pull.received / figures.pull.ms) * 1000)}/s (${fmt(figures.pull.received)} in ${(figures.pull.ms / 1000).toFixed(1)} s), ${figures.pull.peakRssMb.toFixed(0)} MB`,
      target: '',
      status: 'info',
    });
    rows.push(cpuRow(`the pull only of \`${preset}\``, figures.pull));
    figures.sqlite = await syncInto(server, 'sqlite', { path: join(dir, 'roster.db') }, log);
    rows.push(...rowsOf('SQLite', figures.sqlite, preset, figures.pull));
    rows.push(cpuRow(`the full sync of \`${preset}\` into SQLite`, figures.sqlite.full));
    figures.sqliteFloor = await storeFloor('SQLite', 'store-floor-child.mjs', { preset, seed: 7 }, log);
    rows.push(boundRow('SQLite', preset, figures.pull, figures.sqliteFloor, MIN_SYNC_OVER_PULL.SQLite));
    const postgres = findPostgres();
    if (postgres.skipped) {
      log(`sync postgres skipped: ${postgres.skipped}`);
      figures.postgres = postgres;
      rows.push({
        ratio: false,
        measure: 'Full and delta sync into PostgreSQL',
        value: `skipped: ${postgres.skipped}`,
        target: '',
        status: 'skipped',
      });
    } else {
      figures.postgres = await syncInto(server, 'postgres', { postgresUrl: postgres.url }, log);
      rows.push(...rowsOf('PostgreSQL', figures.postgres, preset, figures.pull));
      rows.push(cpuRow(`the full sync of \`${preset}\` into PostgreSQL`, figures.postgres.full));
      figures.postgresFloor = await storeFloor(
        'PostgreSQL',
        'postgres-floor-child.mjs',
        { preset, seed: 7, postgresUrl: postgres.url },
        log,
      );
      rows.push(
        boundRow('PostgreSQL', preset, figures.pull, figures.postgresFloor, MIN_SYNC_OVER_PULL.PostgreSQL),
      );
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, figures, preset };
}
