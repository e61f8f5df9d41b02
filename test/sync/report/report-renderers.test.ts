import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type RosterStore } from '../../../src/sync/index.js';
import {
  buildRosterReport,
  type ReportCsvFile,
  type RosterReport,
  reportToCsv,
  reportToHtml,
  reportToJson,
} from '../../../src/sync/report/index.js';
import { formatId } from '../../../src/testing/district/ids.js';
import { guidRef } from '../../../src/testing/district/records.js';
import { rejection } from '../sync-helpers.js';
import { loadDistrict, makeDistrict, NOW, recordsOf, stageAll, TENANT } from './report-fixtures.js';

const HOSTILE = {
  script: '<script>alert(1)</script>',
  quoted: 'O"Brien, & Sons',
  formula: '=HYPERLINK("x")',
  multiline: 'Line\nBreak',
};

/** A generated district with four teachers whose names would break an unescaped renderer. */
async function hostileReport(options: { teacherList?: boolean } = {}): Promise<{
  store: RosterStore;
  report: RosterReport;
}> {
  const district = makeDistrict();
  const school = guidRef('org', formatId('orgs', 1));
  for (const [key, name] of Object.entries(HOSTILE)) {
    district.mutate.insert('users', {
      role: 'teacher',
      givenName: name,
      familyName: key,
      email: `${key}.teacher@example.org`,
      orgs: [school],
      grades: [],
    });
  }
  const store = createMemoryStore();
  await loadDistrict(store, district);
  return { store, report: await buildRosterReport(store, TENANT, { now: NOW, ...options }) };
}

describe('the roster report renderers', () => {
  it('reportToJson holds every table of the report', async () => {
    const { report } = await hostileReport();
    const json = reportToJson(report);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(json).toContain('\n  "tenant"');
    expect(reportToJson(report, { space: 0 }).trimEnd()).not.toContain('\n');
  });

  it('reportToCsv writes one file per table, which a CSV parser reads back value for value', async () => {
    const { report } = await hostileReport();
    const files = reportToCsv(report);
    expect([...files.keys()].sort()).toEqual([
      'checks.csv',
      'collections.csv',
      'flags.csv',
      'missing-references.csv',
      'report.csv',
      'schools.csv',
      'students-by-grade.csv',
      'teachers.csv',
    ]);
    const read = (name: ReportCsvFile): string[][] => parse(files.get(name) ?? '', { relaxQuotes: false });
    expect(read('schools.csv')).toEqual([
      ['sourcedId', 'name', 'identifier', 'students', 'teachers', 'classes', 'enrollments'],
      ...report.schools.map((school) =>
        [
          school.sourcedId,
          school.name,
          school.identifier,
          school.students,
          school.teachers,
          school.classes,
          school.enrollments,
        ].map(String),
      ),
    ]);
    const grades = read('students-by-grade.csv');
    expect(grades[0]).toEqual(['sourcedId', 'name', ...report.grades, 'students']);
    for (const [index, school] of report.schools.entries()) {
      const row = grades[index + 1]!;
      expect(row.slice(2, -1).map(Number)).toEqual(
        report.grades.map((grade) => school.studentsByGrade[grade] ?? 0),
      );
      expect(Number(row.at(-1))).toBe(school.students);
    }
    const teachers = read('teachers.csv');
    const given = new Map(teachers.slice(1).map((row) => [row[1], row[2]]));
    expect(given.get('script')).toBe(HOSTILE.script);
    expect(given.get('quoted')).toBe(HOSTILE.quoted);
    expect(given.get('multiline')).toBe(HOSTILE.multiline);
    // A spreadsheet would run it: csv-stringify's escape_formulas prefixes a quote.
    expect(given.get('formula')).toBe(`'${HOSTILE.formula}`);
    expect(read('checks.csv').slice(1)).toContainEqual([
      'classesWithoutStudents',
      'Classes without students',
      String(report.sanity.classesWithoutStudents),
    ]);
    expect(read('collections.csv')[1]).toEqual([
      'orgs',
      String(report.totals.orgs.active),
      '0',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(read('report.csv')).toContainEqual(['changesSource', 'none']);
  });

  it('leaves the teachers file out when the report has no teacher list', async () => {
    const { report } = await hostileReport({ teacherList: false });
    expect(reportToCsv(report).has('teachers.csv')).toBe(false);
    expect(reportToHtml(report)).not.toContain('<h2>Teachers</h2>');
  });

  it('reportToHtml escapes every value: a teacher named <script> is text', async () => {
    const { report } = await hostileReport();
    const html = reportToHtml(report);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('O&quot;Brien, &amp; Sons');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
    for (const school of report.schools) expect(html).toContain(`>${school.name}<`);
  });

  it('reportToHtml loads nothing: no script, no link, no URL', async () => {
    const { report } = await hostileReport();
    const html = reportToHtml(report);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|video|audio|source|base|form)\b/i);
    expect(html).not.toMatch(/\s(src|href|srcset|action|formaction|poster|background)\s*=/i);
    expect(html).not.toMatch(/https?:|url\(|@import|\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('masks names for sharing: initials, and emails reduced to their domain', async () => {
    const { report } = await hostileReport();
    const teachers = report.teachers ?? [];
    const emails = teachers.map((teacher) => teacher.email ?? '').filter((email) => email !== '');
    expect(emails.length).toBeGreaterThan(4);
    const html = reportToHtml(report, { maskNames: true });
    const json = reportToJson(report, { maskNames: true });
    const csv = reportToCsv(report, { maskNames: true }).get('teachers.csv') ?? '';
    for (const email of emails) {
      for (const text of [html, json, csv]) expect(text).not.toContain(email);
    }
    for (const text of [html, json, csv]) {
      expect(text).not.toContain('alert(1)');
      expect(text).not.toContain('Brien');
    }
    const masked = JSON.parse(json) as RosterReport;
    const script = masked.teachers?.find((teacher) => teacher.familyName === 'S.');
    expect(script).toMatchObject({ givenName: '<.', email: 's***@example.org' });
    expect(html).toContain('S., &lt;.');
    // The report itself is not changed by rendering it masked.
    expect(report.teachers?.map((teacher) => teacher.email)).toContain('script.teacher@example.org');
  });

  it('puts the flags of a run past the thresholds first', async () => {
    const district = makeDistrict();
    const store = createMemoryStore();
    await loadDistrict(store, district);
    const users = recordsOf(district, 'users');
    const run = await store.beginRun(TENANT, { mode: 'full' });
    await stageAll(
      store,
      run,
      'users',
      users.map((user) => ({ ...user, familyName: 'Renamed' })),
    );
    const report = await buildRosterReport(store, TENANT, { runId: run.id, now: NOW });
    const html = reportToHtml(report);
    expect(html).toContain('<h2>Needs review</h2>');
    expect(html).toContain(`Users: 100.0% updated (${users.length} of ${users.length}; threshold 75.0%)`);
    expect(html.indexOf('Needs review')).toBeLessThan(html.indexOf('<h2>Collections</h2>'));
    expect(reportToCsv(report).get('flags.csv')).toBe(
      `collection,kind,count,activeBefore,fraction,threshold\nusers,updated,${users.length},${users.length},1,0.75\n`,
    );
  });

  it('refuses thresholds outside 0 to 1 and an empty tenant, before reading the store', async () => {
    const store = createMemoryStore();
    for (const thresholds of [
      { maxUpdatedFraction: 1.5 },
      { maxRetiredFraction: -0.1 },
      { maxRetiredFraction: Number.NaN },
    ]) {
      expect(await rejection(buildRosterReport(store, TENANT, { thresholds }))).toBeInstanceOf(TypeError);
    }
    expect(await rejection(buildRosterReport(store, ''))).toBeInstanceOf(TypeError);
  });
});
