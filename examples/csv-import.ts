/**
 * A nightly file drop: a district's SIS exports a OneRoster 1.1 CSV package (a zip over SFTP, or a
 * directory). Check it, sync it into SQLite (a bulk package is a full run with the deletion guard, a
 * delta package a delta), then confirm the store holds exactly what the package says.
 *
 * Run: ROSTER_CSV=./roster.zip ROSTER_DB=./roster.db TENANT=district-7 npx tsx examples/csv-import.ts
 *
 * Relative imports keep the example type-checked in this repository; in your project import from
 * 'oneroster/csv', 'oneroster/sync' and 'oneroster/sqlite'.
 */
import { pathToFileURL } from 'node:url';
import { openCsvPackage, reconcile, validateCsvPackage } from '../src/csv/index.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { syncRoster } from '../src/sync/index.js';

/** What the import did, one line per collection, plus the check against the package. */
export async function importCsvPackage(env: NodeJS.ProcessEnv): Promise<string[]> {
  const path = env['ROSTER_CSV'];
  if (!path) throw new Error('Set ROSTER_CSV to the package (a directory or a .zip)');
  const tenant = env['TENANT'] ?? 'district-7';
  const lines: string[] = [];
  // Every problem at once, with file, line and column: what the district's SIS team needs to fix.
  const validation = await validateCsvPackage(path);
  for (const problem of validation.problems) {
    lines.push(`problem ${problem.file}:${problem.line ?? ''} ${problem.column ?? ''} ${problem.reason}`);
  }
  const store = createSqliteStore({ path: env['ROSTER_DB'] ?? './roster.db' });
  // A mistyped header or a missing file throws CsvPackageError here, before anything is staged.
  const source = await openCsvPackage(path);
  try {
    const result = await syncRoster({ source, store, tenant, fields: 'minimal' });
    for (const [collection, report] of Object.entries(result.collections)) {
      lines.push(
        `${result.mode} ${collection}: +${report.inserted} ~${report.updated} -${report.tombstoned}`,
      );
    }
    // The store against the package it came from: every org the same (`minimal` keeps their fields).
    const check = await reconcile({ left: { store, tenant }, right: source, collections: ['orgs'] });
    const orgs = check.collections.orgs;
    lines.push(`orgs check: ${orgs?.matched ?? 0} matched, ${orgs?.mismatchCount ?? 0} differ`);
    return lines;
  } finally {
    await source.close();
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await importCsvPackage(process.env)) console.log(line);
}
