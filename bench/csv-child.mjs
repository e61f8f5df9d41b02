// One step of the CSV cases in a fresh process, so its peak RSS is its own: generate a package from
// the synthetic district, import it, count its rows with a bare csv-parse loop, reconcile, zip reads.

import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { Unzip, UnzipInflate } from 'fflate';
import yauzl from 'yauzl';
import { childMain, importDist, peakRssMb } from './lib.mjs';

function cellOf(column, value) {
  if (value === undefined || value === null) return '';
  const id = (ref) => (ref && typeof ref === 'object' ? ref.sourcedId : '');
  switch (column.kind) {
    case 'list':
      return Array.isArray(value) ? value.join(',') : String(value);
    case 'ref':
      return id(value);
    case 'refs':
      return value.map(id).join(',');
    case 'userIds':
      return value.map((item) => `{${item.type}:${item.identifier}}`).join(',');
    default:
      return String(value);
  }
}

/** Writes the district's `collections` as a bulk package into `dir`, a batch of rows at a time. */
async function generate({ dir, district, collections }) {
  const { generateDistrict } = await importDist('testing');
  const { CSV_TABLES } = await importDist('csv');
  const generated = generateDistrict(district);
  mkdirSync(dir, { recursive: true });
  const modes = Object.fromEntries(collections.map((name) => [name, 'bulk']));
  const manifest = [
    ['propertyName', 'value'],
    ['manifest.version', '1.0'],
    ['oneroster.version', '1.1'],
    ...CSV_TABLES.map((table) => [table.manifestKey, modes[table.collection] ?? 'absent']),
  ];
  const out = createWriteStream(join(dir, 'manifest.csv'));
  out.end(stringify(manifest));
  await once(out, 'close');
  const rows = {};
  for (const table of CSV_TABLES.filter((candidate) => collections.includes(candidate.collection))) {
    const file = createWriteStream(join(dir, table.file));
    file.write(stringify([table.columns.map((column) => column.name)]));
    let batch = [];
    let count = 0;
    for (const record of generated.records(table.collection)) {
      // A bulk file leaves status and dateLastModified blank.
      batch.push(
        table.columns.map((column, index) =>
          index === 1 || index === 2 ? '' : cellOf(column, record[column.field]),
        ),
      );
      if (batch.length === 2_000) {
        if (!file.write(stringify(batch))) await once(file, 'drain');
        count += batch.length;
        batch = [];
      }
    }
    file.end(stringify(batch));
    count += batch.length;
    await once(file, 'close');
    rows[table.collection] = count;
  }
  return { rows, peakRssMb: peakRssMb() };
}

async function countRows(stream) {
  let rows = 0;
  for await (const _ of stream.pipe(parse({ bom: true, relax_column_count: true }))) rows++;
  return rows;
}

async function openSqlite(path) {
  const { createSqliteStore } = await importDist('sqlite');
  return createSqliteStore({ path });
}

await childMain(async (input) => {
  const started = performance.now();
  const done = (extra) => ({ ...extra, ms: performance.now() - started, peakRssMb: peakRssMb() });
  if (input.step === 'generate') return { ...(await generate(input)), ms: performance.now() - started };
  if (input.step === 'count') {
    let rows = 0;
    for (const file of input.files) rows += await countRows(createReadStream(join(input.dir, file)));
    return done({ rows });
  }
  if (input.step === 'import') {
    const { openCsvPackage } = await importDist('csv');
    const { syncRoster } = await importDist('sync');
    const store = await openSqlite(input.db);
    const source = await openCsvPackage(input.dir);
    try {
      const result = await syncRoster({ source, store, tenant: input.tenant });
      const received = Object.values(result.collections).reduce((sum, report) => sum + report.received, 0);
      return done({ received });
    } finally {
      await source.close();
      await store.close();
    }
  }
  if (input.step === 'export') {
    const { writeCsvPackage } = await importDist('csv');
    const store = await openSqlite(input.db);
    try {
      const result = await writeCsvPackage(store, input.tenant, {
        to: input.to,
        mode: 'bulk',
        collections: input.collections,
      });
      return done({ rows: result.rows });
    } finally {
      await store.close();
    }
  }
  if (input.step === 'reconcile') {
    const { reconcile } = await importDist('csv');
    const store = await openSqlite(input.db);
    try {
      const report = await reconcile({
        left: { store, tenant: input.left },
        right: { store, tenant: input.right },
        collections: ['users'],
      });
      return done({
        matched: report.collections.users.matched,
        mismatches: report.collections.users.mismatchCount,
      });
    } finally {
      await store.close();
    }
  }
  if (input.step === 'zip-yauzl') {
    // Entry by entry: the central directory, then one inflating stream per file.
    const zip = await yauzl.openPromise(input.zip, { lazyEntries: true, autoClose: false });
    let rows = 0;
    await new Promise((resolve, reject) => {
      zip.on('entry', async (entry) => {
        try {
          if (entry.fileName === 'users.csv') rows = await countRows(await zip.openReadStreamPromise(entry));
          zip.readEntry();
        } catch (error) {
          reject(error);
        }
      });
      zip.once('end', resolve);
      zip.readEntry();
    });
    zip.close();
    return done({ rows });
  }
  if (input.step === 'zip-fflate') {
    // fflate's streaming Unzip over the file's bytes, the users entry handed to csv-parse as it inflates.
    const unzip = new Unzip();
    unzip.register(UnzipInflate);
    const users = new Readable({ read() {} });
    unzip.onfile = (file) => {
      if (file.name !== 'users.csv') return;
      file.ondata = (error, chunk, final) => {
        if (error) users.destroy(error);
        else {
          users.push(Buffer.from(chunk));
          if (final) users.push(null);
        }
      };
      file.start();
    };
    const counting = countRows(users);
    for await (const chunk of createReadStream(input.zip)) unzip.push(chunk);
    unzip.push(new Uint8Array(0), true);
    return done({ rows: await counting });
  }
  throw new Error(`csv-child: unknown step ${input.step}`);
});
