// 4. Sync: a full sync of the `large` preset into SQLite and into PostgreSQL, then a delta of the
// unchanged district. Each run is a fresh process (its own peak RSS); the provider counts requests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  log(
    `pull only: ${fmt(pull.received)} records in ${Math.round(pull.ms)} ms, peak ${pull.peakRssMb.toFixed(0)} MB`,
  );
  return pull;
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
    figures.sqlite = await syncInto(server, 'sqlite', { path: join(dir, 'roster.db') }, log);
    rows.push(...rowsOf('SQLite', figures.sqlite, preset, figures.pull));
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
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, figures, preset };
}
