import type { SyncProgressEvent, SyncProgressListener } from '../../sync/sync-progress.js';
import type { CollectionReport } from '../../sync/sync-result.js';
import type { CommandContext } from '../command-context.js';
import { formatCount, formatDuration } from '../format/format-numbers.js';

/** Without a terminal, a long collection still shows signs of life, but a CI log is not flooded. */
const PLAIN_PAGE_INTERVAL_MS = 10_000;
/** A terminal line is redrawn at most this often: a fast sync makes thousands of page events. */
const TTY_REDRAW_INTERVAL_MS = 100;
/** Erases the terminal line before it is redrawn. */
const CLEAR_LINE = '\r\u001b[2K';
/** Collection names are padded to this width so the numbers line up. */
const NAME_WIDTH = 17;

/** Receives a sync's progress and draws it on stderr. */
export interface ProgressReporter {
  readonly onProgress: SyncProgressListener;
  /** Ends a line left open on the terminal (after a failure, say). */
  finish(): void;
}

/** The line printed when a collection is done. */
export function formatCollectionLine(collection: string, report: CollectionReport, dryRun: boolean): string {
  const rate = report.durationMs > 0 ? (report.received * 1_000) / report.durationMs : 0;
  const changes = dryRun
    ? `would add ${formatCount(report.inserted)}, update ${formatCount(report.updated)}, retire ${formatCount(report.tombstoned + report.deleted)}`
    : `${formatCount(report.inserted)} new, ${formatCount(report.updated)} updated, ${formatCount(report.tombstoned + report.deleted)} retired`;
  return `${collection.padEnd(NAME_WIDTH)}${formatCount(report.received)} records in ${formatDuration(report.durationMs)} (${formatCount(rate)}/s): ${changes}`;
}

function pageLine(event: Extract<SyncProgressEvent, { type: 'page' }>): string {
  const total = event.total === undefined ? '' : ` / ${formatCount(event.total)}`;
  const eta = event.etaMs === undefined ? '' : `, ETA ${formatDuration(event.etaMs)}`;
  return `${event.collection.padEnd(NAME_WIDTH)}${formatCount(event.received)}${total} (${formatCount(event.recordsPerSecond)}/s${eta})`;
}

/**
 * A progress display: on a terminal one line per collection, redrawn in place with records, rate and
 * ETA (when the provider sent a total); otherwise plain lines, one per collection and one every 10 s
 * of a long pull. Silent when `quiet`.
 */
export function createProgressReporter(
  context: CommandContext,
  options: { quiet: boolean; dryRun: boolean; now?: () => number },
): ProgressReporter {
  const now = options.now ?? Date.now;
  const write = (text: string): void => {
    context.stderr.write(text);
  };
  let open = false;
  let lastDrawn = Number.NEGATIVE_INFINITY;

  const onProgress: SyncProgressListener = (event) => {
    if (options.quiet) return;
    switch (event.type) {
      case 'collection-started':
        // A fast collection draws no page line at all: its finished line says everything.
        lastDrawn = now();
        return;
      case 'page': {
        const interval = context.isTty ? TTY_REDRAW_INTERVAL_MS : PLAIN_PAGE_INTERVAL_MS;
        if (now() - lastDrawn < interval) return;
        lastDrawn = now();
        if (context.isTty) {
          write(`${CLEAR_LINE}${pageLine(event)}`);
          open = true;
        } else write(`${pageLine(event)}\n`);
        return;
      }
      case 'collection-restarted':
        write(
          `${open ? CLEAR_LINE : ''}${event.collection.padEnd(NAME_WIDTH)}changed during the pull; starting it again (attempt ${event.attempt + 1})\n`,
        );
        open = false;
        return;
      case 'collection-finished':
        write(
          `${open ? CLEAR_LINE : ''}${formatCollectionLine(event.collection, event.report, options.dryRun)}\n`,
        );
        open = false;
        return;
      case 'collection-committed':
        return;
    }
  };

  return {
    onProgress,
    finish() {
      if (open) write('\n');
      open = false;
    },
  };
}
