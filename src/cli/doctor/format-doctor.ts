import { formatTable } from '../format/format-table.js';
import type { CheckStatus, Detail, DoctorReport } from './doctor-report.js';

/** Words for the status column: what a person should make of each finding. */
const STATUS_WORDS: Record<CheckStatus, string> = {
  ok: 'ok',
  deviation: 'DEVIATES',
  unsupported: 'NO',
  unknown: '?',
  info: 'info',
  failed: 'FAILED',
};

function formatOption(value: Detail): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** The doctor's report for people: a table of checks, then advice and the options that fit. */
export function formatDoctorReport(report: DoctorReport): string {
  const table = formatTable(
    ['Check', 'Result', 'Details'],
    report.checks.map((entry) => [entry.title, STATUS_WORDS[entry.status], entry.summary]),
  );
  const lines = [`oneroster doctor: ${report.baseUrl}`, '', table, ''];
  if (report.advice.length === 0) lines.push('Advice: none; this provider behaves as the spec says.');
  else lines.push('Advice:', ...report.advice.map((line) => `  - ${line}`));
  const options = Object.entries(report.clientOptions);
  if (options.length > 0) {
    lines.push(
      '',
      'Client options for this provider:',
      `  createOneRosterClient({ baseUrl, auth, ${options.map(([name, value]) => `${name}: ${formatOption(value)}`).join(', ')} })`,
    );
  }
  if (report.cliFlags.length > 0) lines.push('', `Command-line flags: ${report.cliFlags.join(' ')}`);
  lines.push('', `${report.requests} requests in ${(report.elapsedMs / 1_000).toFixed(1)}s.`);
  return `${lines.join('\n')}\n`;
}
