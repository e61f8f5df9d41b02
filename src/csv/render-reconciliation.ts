import { stringify } from 'csv-stringify/sync';
import type { Reconciliation } from './reconcile-types.js';

/** The reconciliation as JSON text (what `oneroster reconcile --format json` prints). */
export function reconciliationToJson(report: Reconciliation): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One row per finding: `collection, finding, leftSourcedId, rightSourcedId, detail`. */
export function reconciliationToCsv(report: Reconciliation): string {
  const rows: string[][] = [['collection', 'finding', 'leftSourcedId', 'rightSourcedId', 'detail']];
  for (const finding of report.schoolCodes) {
    rows.push([
      'orgs',
      `school-code-${finding.kind}`,
      finding.leftSourcedId,
      finding.rightSourcedId,
      `${finding.leftCode ?? ''} / ${finding.rightCode ?? ''}`,
    ]);
  }
  for (const [collection, result] of Object.entries(report.collections)) {
    for (const mismatch of result.mismatches) {
      rows.push([
        collection,
        'mismatch',
        mismatch.leftSourcedId,
        mismatch.rightSourcedId,
        mismatch.fields.join(' '),
      ]);
    }
    for (const id of result.onlyLeft) rows.push([collection, 'only-left', id, '', '']);
    for (const id of result.onlyRight) rows.push([collection, 'only-right', '', id, '']);
  }
  return stringify(rows);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A self-contained HTML page (inline style, nothing loaded): the counts per collection, the
 * school-code findings, then each collection's findings. Its own small stylesheet: the roster
 * report's lives inside the sync engine and is not part of its public API.
 */
export function reconciliationToHtml(report: Reconciliation): string {
  const cell = (text: string | number) => `<td>${escapeHtml(String(text))}</td>`;
  const summary = Object.entries(report.collections)
    .map(
      ([collection, result]) =>
        `<tr>${cell(collection)}${cell(result.matched)}${cell(result.mismatchCount)}${cell(result.onlyLeftCount)}${cell(result.onlyRightCount)}</tr>`,
    )
    .join('');
  const codes = report.schoolCodes
    .map(
      (finding) =>
        `<tr>${cell(finding.name ?? finding.leftSourcedId)}${cell(finding.leftCode ?? '')}${cell(finding.rightCode ?? '')}${cell(finding.kind)}</tr>`,
    )
    .join('');
  const details = Object.entries(report.collections)
    .map(([collection, result]) => {
      const rows = [
        ...result.mismatches.map(
          (m) =>
            `<tr>${cell('mismatch')}${cell(m.leftSourcedId)}${cell(m.rightSourcedId)}${cell(m.fields.join(', '))}</tr>`,
        ),
        ...result.onlyLeft.map((id) => `<tr>${cell('only left')}${cell(id)}${cell('')}${cell('')}</tr>`),
        ...result.onlyRight.map((id) => `<tr>${cell('only right')}${cell('')}${cell(id)}${cell('')}</tr>`),
      ];
      if (rows.length === 0) return '';
      return `<h2>${escapeHtml(collection)}</h2><table><thead><tr><th>finding</th><th>left</th><th>right</th><th>fields</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reconciliation: ${escapeHtml(report.left)} / ${escapeHtml(report.right)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1b1f24}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}th{background:#f6f8fa}</style></head>
<body><main><h1>Reconciliation</h1><p>Left: ${escapeHtml(report.left)}<br>Right: ${escapeHtml(report.right)}</p>
<table><thead><tr><th>collection</th><th>matched</th><th>mismatched</th><th>only left</th><th>only right</th></tr></thead><tbody>${summary}</tbody></table>
<h2>School codes</h2>${codes === '' ? '<p>Every school has the same code on both sides.</p>' : `<table><thead><tr><th>school</th><th>left code</th><th>right code</th><th>kind</th></tr></thead><tbody>${codes}</tbody></table>`}
${details}</main></body></html>
`;
}
