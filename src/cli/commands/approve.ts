import { approveRun } from '../../sync/review/approve-run.js';
import type { CommandContext } from '../command-context.js';
import { formatSyncResult } from '../format/format-sync-result.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';
import { REVIEW_STORE_HELP, REVIEW_STORE_OPTIONS, requireRun, withReviewStore } from './review-store.js';

export const APPROVE_HELP = `Usage: oneroster approve --run ID [options]

Commits the run awaiting review exactly as it was staged and reviewed (no second pull); the tenant
then syncs as usual.

${REVIEW_STORE_HELP}
  --run ID               the run awaiting review (oneroster review prints it)
  --json                 print the result as JSON on stdout`;

const APPROVE_OPTIONS = {
  ...REVIEW_STORE_OPTIONS,
  run: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** `oneroster approve`: commits a run awaiting review. */
export async function runApprove(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, APPROVE_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`approve takes no arguments: ${positionals.join(' ')}`);
  const runId = requireRun('approve', values.run);
  return withReviewStore(values, context, async (store, tenant, described) => {
    const started = Date.now();
    const result = await approveRun(store, tenant, runId);
    const elapsedMs = Date.now() - started;
    context.stdout.write(
      values.json
        ? `${JSON.stringify({ tenant, store: described, elapsedMs, ...result })}\n`
        : formatSyncResult(result, { tenant, store: described, elapsedMs }),
    );
    return 0;
  });
}
