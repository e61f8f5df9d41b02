import { writeFile } from 'node:fs/promises';
import { reportToHtml } from '../../sync/report/report-to-html.js';
import { reportToJson } from '../../sync/report/report-to-json.js';
import { type HeldRun, heldRun } from '../../sync/review/approve-run.js';
import type { CommandContext } from '../command-context.js';
import { formatCount } from '../format/format-numbers.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';
import { REVIEW_STORE_HELP, REVIEW_STORE_OPTIONS, withReviewStore } from './review-store.js';

export const REVIEW_HELP = `Usage: oneroster review [options]

Shows the tenant's run awaiting review (a sync held for review): what approving it would change per
collection, the flags it raised, and the roster it would leave; or says that none is held.

${REVIEW_STORE_HELP}
  --format text|json|html  text: a summary (default); json or html: the whole roster report
  --out FILE             write the report to FILE instead of stdout
  --mask-names           teachers' names as initials and emails masked, to share the report`;

const REVIEW_OPTIONS = {
  ...REVIEW_STORE_OPTIONS,
  format: { type: 'string' },
  out: { type: 'string' },
  'mask-names': { type: 'boolean', default: false },
} as const;

/** The summary a person reads before approving. */
function summary(held: HeldRun): string {
  const lines = [
    `Run ${held.runId} of tenant "${held.tenant}" awaits review (${held.mode} run)`,
    `Held at ${held.heldAt}; expires at ${held.expiresAt}`,
    '',
    'collection        new  updated  unchanged  retired',
  ];
  for (const [collection, report] of Object.entries(held.collections)) {
    const retired = report.tombstoned + report.deleted;
    const cells = [report.inserted, report.updated, report.unchanged, retired].map((count) =>
      formatCount(count).padStart(9),
    );
    lines.push(`${collection.padEnd(14)}${cells.join('')}`);
  }
  const { report } = held;
  lines.push(
    '',
    `Schools ${report.schools.length}, students ${report.roles['student'] ?? 0}, teachers ${report.roles['teacher'] ?? 0}`,
  );
  for (const flag of report.flags) {
    const share = `${(flag.fraction * 100).toFixed(1)}%`;
    lines.push(
      `Flag: ${flag.collection} ${flag.kind} ${flag.count} of ${flag.activeBefore} (${share}, over ${flag.threshold * 100}%)`,
    );
  }
  lines.push(
    '',
    `Approve: oneroster approve --tenant ${held.tenant} --run ${held.runId}`,
    `Reject:  oneroster reject --tenant ${held.tenant} --run ${held.runId}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `oneroster review`: the tenant's run awaiting review, as a summary or the whole report. */
export async function runReview(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, REVIEW_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`review takes no arguments: ${positionals.join(' ')}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'html') {
    throw new UsageError('--format must be text, json or html');
  }
  return withReviewStore(values, context, async (store, tenant) => {
    const held = await heldRun(store, tenant);
    if (held === undefined) {
      context.stderr.write(`No run of tenant "${tenant}" awaits review\n`);
      return 0;
    }
    const maskNames = values['mask-names'];
    const text =
      format === 'json'
        ? reportToJson(held.report, { maskNames })
        : format === 'html'
          ? reportToHtml(held.report, { maskNames })
          : summary(held);
    if (values.out === undefined) context.stdout.write(text);
    else await writeFile(values.out, text);
    return 0;
  });
}
