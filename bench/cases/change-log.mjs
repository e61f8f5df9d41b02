// 5. Change log: a full sync of the `large` preset into SQLite and into PostgreSQL with the change log
// on (the default, `values: 'changed-fields'`), against the same sync with `changeLog: false`, in the
// same run, as the median of interleaved pairs. Every record is an insert, so every record writes a
// change record: the log's worst case.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, runChild, startServerProcess } from '../lib.mjs';
import { fmt } from './pull-throughput.mjs';
import { findPostgres } from './sync.mjs';

/** The change log may cost at most this share of a full sync's time. */
const MAX_COST = 0.15;

async function fullSync(server, store, target, changeLog) {
  await server.reset();
  const result = await runChild('sync-child.mjs', {
    baseUrl: server.baseUrl,
    tokenUrl: server.tokenUrl,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    store,
    // A fresh tenant each time: every record is new, as in a district's first sync.
    tenant: `bench-changes-${process.pid}-${Date.now()}`,
    mode: 'full',
    ...(changeLog ? {} : { changeLog: false }),
    ...target,
  });
  if (result.error)
    throw new Error(`${store} full sync, change log ${changeLog ? 'on' : 'off'}: ${result.error}`);
  return result;
}

/** Pairs of runs per store: the ratio of one pair moves by several percent with the machine. */
const PAIRS = 3;

async function measure(server, label, store, targetOf, log, { pairs, fresh }) {
  const runs = { on: [], off: [] };
  // Interleaved, each pair in the other order from the last, so a drift of the machine's speed
  // through the case weighs on both sides alike.
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? [false, true] : [true, false];
    for (const changeLog of order) {
      const name = `${changeLog ? 'on' : 'off'}-${pair}`;
      fresh();
      runs[changeLog ? 'on' : 'off'].push(await fullSync(server, store, targetOf(name), changeLog));
    }
  }
  const on = median(runs.on.map((run) => run.ms));
  const off = median(runs.off.map((run) => run.ms));
  const cpuOn = median(runs.on.map((run) => run.cpuMs));
  const cpuOff = median(runs.off.map((run) => run.cpuMs));
  const ratio = on / off;
  const received = runs.on[0].received;
  log(
    `changeLog ${store}: ${fmt(received)} records, median of ${pairs}: on ${Math.round(on)} ms, off ${Math.round(off)} ms, ratio ${ratio.toFixed(2)} (CPU ${(cpuOn / cpuOff).toFixed(2)})`,
  );
  return {
    figures: {
      onMs: on,
      offMs: off,
      cpuOnMs: cpuOn,
      cpuOffMs: cpuOff,
      received,
      ratio,
      runs: { on: runs.on.map((run) => run.ms), off: runs.off.map((run) => run.ms) },
    },
    row: {
      ratio: true,
      measure: `Full sync with the change log / without, ${label}, wall time, median of ${pairs} interleaved pairs (${fmt(received)} records, ${(on / 1000).toFixed(1)} s / ${(off / 1000).toFixed(1)} s; CPU ${(cpuOn / cpuOff).toFixed(2)})`,
      value: ratio.toFixed(2),
      target: `≤ ${(1 + MAX_COST).toFixed(2)}`,
      status: ratio <= 1 + MAX_COST ? 'met' : 'missed',
    },
  };
}

export async function changeLog({ quick, log }) {
  const preset = quick ? 'small' : 'large';
  const server = await startServerProcess({ district: { preset, seed: 7 } });
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-bench-changes-'));
  const rows = [];
  const figures = {};
  try {
    const sqlite = await measure(
      server,
      'SQLite',
      'sqlite',
      (name) => ({ path: join(dir, `${name}.db`) }),
      log,
      // A new file per run, the last one's removed: each sync starts from an empty database.
      {
        pairs: quick ? 1 : PAIRS,
        fresh: () => {
          for (const file of readdirSync(dir)) rmSync(join(dir, file), { force: true });
        },
      },
    );
    figures.sqlite = sqlite.figures;
    rows.push(sqlite.row);
    const postgres = findPostgres();
    if (postgres.skipped) {
      figures.postgres = postgres;
      rows.push({
        ratio: true,
        measure: 'Full sync with the change log / without, PostgreSQL',
        value: `skipped: ${postgres.skipped}`,
        target: '',
        status: 'skipped',
      });
    } else {
      const measured = await measure(
        server,
        'PostgreSQL',
        'postgres',
        () => ({ postgresUrl: postgres.url }),
        log,
        {
          pairs: quick ? 1 : PAIRS,
          // Each sync starts from empty tables, as the SQLite runs do (the store recreates the schema).
          fresh: () =>
            spawnSync('psql', [postgres.url, '-qc', 'DROP SCHEMA IF EXISTS oneroster_bench CASCADE'], {
              stdio: 'ignore',
            }),
        },
      );
      figures.postgres = measured.figures;
      rows.push(measured.row);
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, figures, preset };
}
