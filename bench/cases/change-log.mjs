// 5. Change log: a full sync of the `large` preset into SQLite and into PostgreSQL with the change log
// on (the default, `values: 'changed-fields'`), against the same sync with `changeLog: false`, in the
// same run. Every record is an insert, so every record writes a change record: the log's worst case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild, startServerProcess } from '../lib.mjs';
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

async function measure(server, label, store, targetOf, log) {
  const off = await fullSync(server, store, targetOf('off'), false);
  const on = await fullSync(server, store, targetOf('on'), true);
  const ratio = on.ms / off.ms;
  log(
    `changeLog ${store}: ${fmt(on.received)} records, on ${Math.round(on.ms)} ms, off ${Math.round(off.ms)} ms, ratio ${ratio.toFixed(2)}`,
  );
  return {
    figures: { onMs: on.ms, offMs: off.ms, received: on.received, ratio },
    row: {
      ratio: true,
      measure: `Full sync with the change log / without, ${label} (${fmt(on.received)} records, ${(on.ms / 1000).toFixed(1)} s / ${(off.ms / 1000).toFixed(1)} s)`,
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
