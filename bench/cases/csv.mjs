// 7. OneRoster CSV: importing a 1,000,000-row users.csv + enrollments package (generated from the
// synthetic district) into SQLite, against a bare csv-parse loop that only counts the same rows;
// reconciling two 500,000-user tenants; reading a zip entry by entry with yauzl against fflate's
// streaming Unzip. Each step is a fresh process (its own peak RSS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../lib.mjs';
import { fmt } from './pull-throughput.mjs';

const IMPORT_RSS_TARGET_MB = 250;

async function step(input, log) {
  const result = await runChild('csv-child.mjs', input);
  if (result.error) throw new Error(`csv ${input.step}: ${result.error}`);
  log(
    `csv ${input.step}: ${Math.round(result.ms)} ms${result.peakRssMb ? `, peak ${result.peakRssMb.toFixed(0)} MB` : ''}`,
  );
  return result;
}

/** A district of `schools` schools of 1,000 users each (one a teacher), one class each, one enrollment per user. */
function districtOf(schools) {
  return {
    seed: 11,
    schools,
    studentsPerSchool: 999,
    teachersPerSchool: 1,
    classesPerSchool: 1,
    coursesPerSchool: 1,
    enrollmentsPerStudent: 1,
  };
}

export async function csv({ quick, log }) {
  const scale = quick ? 10 : 1;
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-bench-csv-'));
  const rows = [];
  const figures = {};
  try {
    const big = join(dir, 'big');
    const generated = await step(
      {
        step: 'generate',
        dir: big,
        district: districtOf(1_000 / scale),
        collections: ['users', 'enrollments'],
      },
      log,
    );
    const counted = await step({ step: 'count', dir: big, files: ['users.csv', 'enrollments.csv'] }, log);
    const imported = await step({ step: 'import', dir: big, db: join(dir, 'big.db'), tenant: 'big' }, log);
    const importRate = (imported.received / imported.ms) * 1000;
    const countRate = (counted.rows / counted.ms) * 1000;
    figures.import = { generated: generated.rows, counted, imported };
    rows.push(
      {
        ratio: true,
        measure: 'CSV import into SQLite ÷ bare csv-parse row count (records/s)',
        value: (importRate / countRate).toFixed(3),
        target: '',
        status: 'info',
      },
      {
        ratio: false,
        measure: `CSV import of ${fmt(generated.rows.users)} users + ${fmt(generated.rows.enrollments)} enrollments into SQLite: records/s, peak RSS`,
        value: `${fmt(importRate)}/s (${(imported.ms / 1000).toFixed(1)} s), ${imported.peakRssMb.toFixed(0)} MB; bare csv-parse ${fmt(countRate)} rows/s`,
        target: `< ${IMPORT_RSS_TARGET_MB} MB`,
        status: imported.peakRssMb < IMPORT_RSS_TARGET_MB ? 'met' : 'missed',
      },
    );

    const half = join(dir, 'half');
    const db = join(dir, 'half.db');
    await step(
      { step: 'generate', dir: half, district: districtOf(500 / scale), collections: ['users'] },
      log,
    );
    await step({ step: 'import', dir: half, db, tenant: 'left' }, log);
    await step({ step: 'import', dir: half, db, tenant: 'right' }, log);
    const reconciled = await step({ step: 'reconcile', db, left: 'left', right: 'right' }, log);
    figures.reconcile = reconciled;
    rows.push({
      ratio: false,
      measure: `Reconcile two ${fmt(reconciled.matched)}-user SQLite tenants: time, peak RSS`,
      value: `${(reconciled.ms / 1000).toFixed(1)} s, ${reconciled.peakRssMb.toFixed(0)} MB (${reconciled.mismatches} mismatches)`,
      target: '',
      status: 'info',
    });

    const zip = join(dir, 'half.zip');
    const exported = await step({ step: 'export', db, tenant: 'left', to: zip, collections: ['users'] }, log);
    const viaYauzl = await step({ step: 'zip-yauzl', zip }, log);
    const viaFflate = await step({ step: 'zip-fflate', zip }, log);
    figures.zip = { exported, viaYauzl, viaFflate };
    rows.push(
      {
        ratio: true,
        measure: 'Zip read, fflate streaming Unzip ÷ yauzl entry stream (time)',
        value: (viaFflate.ms / viaYauzl.ms).toFixed(2),
        target: '',
        status: 'info',
      },
      {
        ratio: false,
        measure: `Zip of ${fmt(viaYauzl.rows - 1)} users: export (fflate Zip), read with yauzl, read with fflate`,
        value: `${(exported.ms / 1000).toFixed(1)} s ${exported.peakRssMb.toFixed(0)} MB; ${Math.round(viaYauzl.ms)} ms ${viaYauzl.peakRssMb.toFixed(0)} MB; ${Math.round(viaFflate.ms)} ms ${viaFflate.peakRssMb.toFixed(0)} MB`,
        target: '',
        status: 'info',
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, figures };
}
