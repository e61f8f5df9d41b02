import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { createMemoryStore } from '../../../src/sync/index.js';
import { buildRosterReport, reportToHtml } from '../../../src/sync/report/index.js';
import { formatId } from '../../../src/testing/district/ids.js';
import { guidRef } from '../../../src/testing/district/records.js';
import { itWithChromium } from '../../helpers/chromium.js';
import { loadDistrict, makeDistrict, NOW, TENANT } from './report-fixtures.js';

const SCHOOLS = 50;
const STUDENTS_PER_SCHOOL = 40;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const dir = mkdtempSync(join(tmpdir(), 'oneroster-report-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 50-school district, one of whose teachers is named `<script>`, rendered to a file once. */
let rendered: Promise<{ file: string; html: string; students: number; enrollments: number }> | undefined;
function renderReport() {
  rendered ??= (async () => {
    const district = makeDistrict({
      seed: 50,
      schools: SCHOOLS,
      studentsPerSchool: STUDENTS_PER_SCHOOL,
      teachersPerSchool: 3,
      classesPerSchool: 6,
      coursesPerSchool: 3,
      enrollmentsPerStudent: 2,
    });
    district.mutate.insert('users', {
      role: 'teacher',
      givenName: '<script>alert(1)</script>',
      familyName: 'Injected',
      orgs: [guidRef('org', formatId('orgs', 1))],
      grades: [],
    });
    const store = createMemoryStore();
    await loadDistrict(store, district);
    const report = await buildRosterReport(store, TENANT, { now: NOW });
    const html = reportToHtml(report);
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    return {
      file,
      html,
      students: district.shape.students,
      enrollments: district.count('enrollments'),
    };
  })();
  return rendered;
}

/** The text of a serialised DOM: tags dropped, the five entities decoded. */
function textOf(dom: string): string {
  return dom
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('the HTML roster report in a real headless Chromium', () => {
  itWithChromium('renders a 50-school report with its counts, as text, with no script', async (chromium) => {
    const { file, html, students, enrollments } = await renderReport();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:/i);

    const dom = await chromium.dumpDom(file);
    // Had the name been injected, the browser's DOM would hold a script element.
    expect(dom).not.toMatch(/<script/i);
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const text = textOf(dom);
    expect(text).toContain('Roster report');
    expect(text).toContain(`${SCHOOLS} Schools`);
    expect(text).toContain(`${students.toLocaleString('en-US')} Students`);
    expect(text).toContain(`${enrollments.toLocaleString('en-US')} Enrollments`);
    expect(text).toContain('Injected, <script>alert(1)</script>');
    // Every school row holds its own count of students.
    const perSchool = dom.match(new RegExp(`data-label="Students">${STUDENTS_PER_SCHOOL}</td>`, 'g')) ?? [];
    expect(perSchool).toHaveLength(SCHOOLS);
  });

  itWithChromium('loads nothing from the network while rendering', async (chromium) => {
    const { file } = await renderReport();
    // The detector itself: a page with an image from elsewhere is caught.
    const control = join(dir, 'control.html');
    writeFileSync(control, '<!doctype html><title>control</title><img src="http://report.invalid/x.png">');
    expect(await chromium.pageRequests(control)).toEqual(['http://report.invalid/x.png']);
    expect(await chromium.pageRequests(file)).toEqual([]);
  });

  itWithChromium('is readable on a phone and on a desktop screen, and prints', async (chromium) => {
    const { file } = await renderReport();
    for (const [name, width, height] of [
      ['phone', 390, 1800],
      ['desktop', 1280, 1600],
    ] as const) {
      const png = join(dir, `report-${name}.png`);
      await chromium.screenshot(file, png, { width, height });
      const bytes = readFileSync(png);
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      // PNG's IHDR: the screenshot has the viewport's width.
      expect(bytes.readUInt32BE(16)).toBe(width);
      expect(bytes.length).toBeGreaterThan(20_000);
    }
    const pdf = join(dir, 'report.pdf');
    await chromium.printToPdf(file, pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(pdf).size).toBeGreaterThan(20_000);
  });
});
