// The floor of any PostgreSQL store, for the sync case's bound: every record of a default sync's
// collections copied once by `COPY … FROM STDIN` into an empty logged table keyed by (tenant,
// collection, sourcedId) like the store's, in one transaction, in a schema of its own that is dropped
// after. No staging, no hash, no diff, no change log. The rows are generated and serialised before
// the clock starts (a `large` district's JSON is about 380 MB), so only the COPY and the COMMIT are
// timed; PostgreSQL's server CPU is the machine's in that window less this client's.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { childMain, importDist, machineBusyMs, SYNC_COLLECTIONS } from './lib.mjs';

const LINES_PER_CHUNK = 1_000;
const SCHEMA = 'oneroster_bench_floor';

/** One row in COPY's text format: JSON.stringify leaves no raw tab or newline, only backslashes. */
const copyLine = (collection, record) =>
  `floor\t${collection}\t${record.sourcedId}\t${JSON.stringify(record).replaceAll('\\', '\\\\')}\n`;

await childMain(async ({ preset, seed, postgresUrl }) => {
  const { generateDistrict } = await importDist('testing');
  const require = createRequire(import.meta.url);
  const { Client } = require('pg');
  const { from: copyFrom } = require('pg-copy-streams');
  const district = generateDistrict({ preset, seed });
  const chunks = [];
  let written = 0;
  for (const collection of SYNC_COLLECTIONS) {
    let lines = [];
    for (const record of district.records(collection)) {
      lines.push(copyLine(collection, record));
      written++;
      if (lines.length === LINES_PER_CHUNK) {
        chunks.push(lines.join(''));
        lines = [];
      }
    }
    if (lines.length > 0) chunks.push(lines.join(''));
  }
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
    await client.query(`CREATE TABLE ${SCHEMA}.records (tenant text NOT NULL, collection text NOT NULL,
      sourced_id text NOT NULL, record jsonb NOT NULL);
      CREATE UNIQUE INDEX records_key ON ${SCHEMA}.records (tenant, collection, sourced_id)`);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const machineBefore = machineBusyMs();
    await client.query('BEGIN');
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${SCHEMA}.records FROM STDIN`)));
    await client.query('COMMIT');
    const writeMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    // The server's CPU is the machine's in the same window less this client's.
    const machineCpuMs = machineBusyMs() - machineBefore;
    return { written, writeMs, writeCpuMs: machineCpuMs, clientCpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  }
});
