import { rejectRun } from '../../sync/review/approve-run.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';
import { REVIEW_STORE_HELP, REVIEW_STORE_OPTIONS, requireRun, withReviewStore } from './review-store.js';

export const REJECT_HELP = `Usage: oneroster reject --run ID [options]

Discards the run awaiting review: nothing of it is committed, and the next sync pulls afresh.

${REVIEW_STORE_HELP}
  --run ID               the run awaiting review (oneroster review prints it)`;

const REJECT_OPTIONS = { ...REVIEW_STORE_OPTIONS, run: { type: 'string' } } as const;

/** `oneroster reject`: discards a run awaiting review. */
export async function runReject(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, REJECT_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`reject takes no arguments: ${positionals.join(' ')}`);
  const runId = requireRun('reject', values.run);
  return withReviewStore(values, context, async (store, tenant) => {
    await rejectRun(store, tenant, runId);
    context.stdout.write(`Rejected run ${runId} of tenant "${tenant}": nothing of it was committed\n`);
    return 0;
  });
}
