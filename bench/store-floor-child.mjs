// The floor of any SQLite store, for the sync case's bound: every record of a default sync's
// collections written once, into an empty table keyed by (tenant, collection, sourcedId) like the
// store's, in sourcedId order, in one transaction, with the store's pragmas. No staging, no hash, no
// diff, no change log: a store that keeps a district atomically does at least this. Generating and
// serialising the records is not timed; only the statements and the COMMIT are.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childMain, importDist, SYNC_COLLECTIONS } from './lib.mjs';

/** Rows per INSERT statement, as the store stages them. */
const ROWS_PER_STATEMENT = 100;

await childMain(async ({ preset, seed }) => {
  const { generateDistrict } = await importDist('testing');
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-floor-'));
  const db = new Database(join(dir, 'floor.db'));
  try {
    // The store's pragmas (src/sqlite/sqlite-store.ts).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -16384');
    db.pragma('wal_autocheckpoint = 16384');
    db.exec(`CREATE TABLE records (tenant TEXT NOT NULL, collection TEXT NOT NULL,
      sourced_id TEXT NOT NULL, record TEXT NOT NULL);
      CREATE UNIQUE INDEX records_key ON records (tenant, collection, sourced_id);`);
    const placeholders = (rows) => Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ');
    const insertMany = db.prepare(`INSERT INTO records VALUES ${placeholders(ROWS_PER_STATEMENT)}`);
    const insertOne = db.prepare(`INSERT INTO records VALUES ${placeholders(1)}`);
    const district = generateDistrict({ preset, seed });
    let writeMs = 0;
    let writeCpuUs = 0;
    /** Runs `write`, adding its wall and CPU time (user + system: the WAL's writes are system). */
    const timed = (write) => {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      write();
      const cpu = process.cpuUsage(cpuBefore);
      writeCpuUs += cpu.user + cpu.system;
      writeMs += performance.now() - started;
    };
    let written = 0;
    let bytes = 0;
    timed(() => db.exec('BEGIN'));
    for (const collection of SYNC_COLLECTIONS) {
      let values = [];
      for (const record of district.records(collection)) {
        const json = JSON.stringify(record);
        bytes += json.length;
        values.push('floor', collection, record.sourcedId, json);
        written++;
        if (values.length === ROWS_PER_STATEMENT * 4) {
          const batch = values;
          timed(() => insertMany.run(batch));
          values = [];
        }
      }
      for (let index = 0; index < values.length; index += 4) {
        const row = values.slice(index, index + 4);
        timed(() => insertOne.run(row));
      }
    }
    timed(() => db.exec('COMMIT'));
    return { written, writeMs, writeCpuMs: writeCpuUs / 1000, meanJsonBytes: bytes / written };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
