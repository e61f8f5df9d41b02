// 4b. Sync at district scale: a full sync of the `largest` preset (about 8 million records in the six
// collections a default sync pulls) into SQLite and into PostgreSQL, end to end (pull, stage, diff,
// commit), measured, with the pull alone of the same collections and fields beside it; and the peak
// RSS of the SQLite sync of `largest` against that of `large`, in the same run (memory stays flat).
// About 10 minutes on 2 cores: part of the full suite, not of `--only=sync`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild, startServerProcess } from '../lib.mjs';
import { fmt } from './pull-throughput.mjs';
import { boundOf, cpuRow, findPostgres } from './sync.mjs';

/** Targets (issue 19): the whole district's first sync, in seconds, on this 2-core machine. */
const MAX_SECONDS = { SQLite: 240, PostgreSQL: 360 };
/** "Flat from `large` to `largest`": ten times the records may cost at most this much more memory. */
const MAX_PEAK_GROWTH = 1.1;

function credentialsOf(server) {
  return {
    baseUrl: server.baseUrl,
    tokenUrl: server.tokenUrl,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
  };
}

async function fullSync(server, store, target, label, log) {
  await server.reset();
  const result = await runChild('sync-child.mjs', {
    ...credentialsOf(server),
    store,
    tenant: `bench-largest-${process.pid}-${Date.now()}`,
    mode: 'full',
    ...target,
  });
  if (result.error) throw new Error(`${label} full sync: ${result.error}`);
  result.providerCpuMs = (await server.stats()).cpuMs;
  log(
    `syncLargest ${label}: ${fmt(result.received)} records in ${(result.ms / 1000).toFixed(1)} s, peak ${result.peakRssMb.toFixed(0)} MB`,
  );
  return result;
}

function timeRow(label, preset, sync, pull) {
  const seconds = sync.ms / 1000;
  return {
    ratio: false,
    measure: `Full sync of \`${preset}\` into ${label}, end to end (${fmt(sync.received)} records): time (s), pull alone of the same collections (s), peak RSS (MB)`,
    value: `${seconds.toFixed(0)} / ${(pull.ms / 1000).toFixed(0)}, ${sync.peakRssMb.toFixed(0)} MB`,
    target: `< ${MAX_SECONDS[label]} s`,
    status: seconds < MAX_SECONDS[label] ? 'met' : 'missed',
  };
}

/** The floor of any SQLite store at this size, and the best end-to-end time it leaves (see `boundOf`). */
function floorRow(preset, pull, floor, log) {
  const { bestMs } = boundOf(pull, floor, cpus().length);
  log(
    `syncLargest SQLite floor: ${fmt(floor.written)} records written once in ${(floor.writeMs / 1000).toFixed(1)} s`,
  );
  return {
    ratio: false,
    measure: `Bound on the SQLite time for \`${preset}\`: every record written once into an empty keyed SQLite table (the floor of any SQLite store): wall (s), CPU-s; the best end-to-end time that leaves on ${cpus().length} cores (s)`,
    value: `${(floor.writeMs / 1000).toFixed(0)} s, ${(floor.writeCpuMs / 1000).toFixed(0)} CPU-s; at best ${(bestMs / 1000).toFixed(0)} s`,
    target: `< ${MAX_SECONDS.SQLite} s`,
    status: 'info',
  };
}

export async function syncLargest({ quick, log }) {
  // A quick run checks the case works; its figures say nothing of scale.
  const preset = quick ? 'large' : 'largest';
  const baselinePreset = quick ? 'small' : 'large';
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-bench-largest-'));
  const rows = [];
  const figures = { preset };
  try {
    const baseline = await startServerProcess({ district: { preset: baselinePreset, seed: 7 } });
    try {
      figures.baselineSqlite = await fullSync(
        baseline,
        'sqlite',
        { path: join(dir, 'baseline.db') },
        `SQLite ${baselinePreset}`,
        log,
      );
    } finally {
      await baseline.close();
    }
    const server = await startServerProcess({ district: { preset, seed: 7 } });
    try {
      await server.reset();
      const pull = await runChild('sync-pull-child.mjs', credentialsOf(server));
      if (pull.error) throw new Error(`pull-only baseline: ${pull.error}`);
      pull.providerCpuMs = (await server.stats()).cpuMs;
      log(`syncLargest pull only: ${fmt(pull.received)} records in ${(pull.ms / 1000).toFixed(1)} s`);
      figures.pull = pull;
      rows.push(cpuRow(`the pull only of \`${preset}\``, pull));
      figures.sqlite = await fullSync(server, 'sqlite', { path: join(dir, 'largest.db') }, 'SQLite', log);
      rows.push(timeRow('SQLite', preset, figures.sqlite, pull));
      rows.push(cpuRow(`the full sync of \`${preset}\` into SQLite`, figures.sqlite));
      const growth = figures.sqlite.peakRssMb / figures.baselineSqlite.peakRssMb;
      rows.push({
        ratio: true,
        measure: `Peak RSS, full sync into SQLite, \`${preset}\` / \`${baselinePreset}\` (${figures.sqlite.peakRssMb.toFixed(0)} / ${figures.baselineSqlite.peakRssMb.toFixed(0)} MB)`,
        value: growth.toFixed(2),
        target: `≤ ${MAX_PEAK_GROWTH}`,
        status: growth <= MAX_PEAK_GROWTH ? 'met' : 'missed',
      });
      rmSync(join(dir, 'largest.db'), { force: true });
      figures.sqliteFloor = await runChild('store-floor-child.mjs', { preset, seed: 7 });
      if (figures.sqliteFloor.error) throw new Error(`SQLite floor: ${figures.sqliteFloor.error}`);
      rows.push(floorRow(preset, pull, figures.sqliteFloor, log));
      const postgres = findPostgres();
      if (postgres.skipped) {
        figures.postgres = postgres;
        rows.push({
          ratio: false,
          measure: `Full sync of \`${preset}\` into PostgreSQL, end to end`,
          value: `skipped: ${postgres.skipped}`,
          target: '',
          status: 'skipped',
        });
      } else {
        figures.postgres = await fullSync(
          server,
          'postgres',
          { postgresUrl: postgres.url },
          'PostgreSQL',
          log,
        );
        rows.push(timeRow('PostgreSQL', preset, figures.postgres, pull));
        rows.push(cpuRow(`the full sync of \`${preset}\` into PostgreSQL`, figures.postgres));
        // Millions of rows of one run's tenant: the disk is given back (the store recreates the schema).
        spawnSync('psql', [postgres.url, '-qc', 'DROP SCHEMA IF EXISTS oneroster_bench CASCADE'], {
          stdio: 'ignore',
        });
      }
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, figures };
}
