import type { CommandContext } from '../command-context.js';
import { formatCount, formatDuration, ratePerSecond } from '../format/format-numbers.js';
import { formatPageLine, NAME_WIDTH } from './progress-reporter.js';
import { formatRequestActivity, type RequestCounts } from './request-activity.js';
import { createStatusLine } from './status-line.js';

/** Progress of `oneroster pull` on stderr, while the records go to stdout. */
export interface PullProgress {
  /** Records written so far, and the provider's total when it sends one. */
  page(written: number, total: number | undefined): void;
  /** A retry or a throttle (see request-activity.ts). */
  note(line: string): void;
  /** The final line: records, time, rate, and the retries and throttles when there were any. */
  done(written: number, counts: RequestCounts): void;
  /** Ends a line left open, without a final line (a failure, or a reader that closed stdout). */
  finish(): void;
}

/**
 * On a terminal, one line redrawn in place (records so far, total, rate, ETA); in a log, one line
 * every 10 s of a long pull and one at the end. Records printed to a terminal would tear a redrawn
 * line, so then it prints plain lines too. Silent when `quiet`.
 */
export function createPullProgress(
  context: CommandContext,
  options: { collection: string; quiet: boolean; now?: () => number },
): PullProgress {
  const now = options.now ?? Date.now;
  const started = now();
  const line = createStatusLine(context.stderr, {
    redraw: context.isTty && context.stdoutIsTty !== true && context.debug !== true,
    quiet: options.quiet,
    now,
  });
  line.restart();
  const name = options.collection.padEnd(NAME_WIDTH);
  return {
    page(written, total) {
      line.update(() => {
        const rate = ratePerSecond(written, now() - started);
        const left = total === undefined ? undefined : Math.max(0, total - written);
        const etaMs = left === undefined || rate === 0 ? undefined : (left / rate) * 1_000;
        return formatPageLine(options.collection, written, total, rate, etaMs);
      });
    },
    note: (text) => line.note(`${name}${text}`),
    done(written, counts) {
      const elapsedMs = now() - started;
      const activity = formatRequestActivity(counts);
      line.complete(
        `${name}${formatCount(written)} ${written === 1 ? 'record' : 'records'} in ${formatDuration(elapsedMs)} (${formatCount(ratePerSecond(written, elapsedMs))}/s)${activity === undefined ? '' : `; ${activity}`}`,
      );
    },
    finish: () => line.finish(),
  };
}
