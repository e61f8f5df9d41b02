import type { SyncProgressEvent, SyncProgressListener } from '../../sync/sync-progress.js';
import type { CollectionReport } from '../../sync/sync-result.js';
import type { CommandContext } from '../command-context.js';
import { formatCount, formatDuration } from '../format/format-numbers.js';
import { createStatusLine } from './status-line.js';

/** Collection names are padded to this width so the numbers line up. */
export const NAME_WIDTH = 17;

/** Receives a sync's progress and draws it on stderr. */
export interface ProgressReporter {
  readonly onProgress: SyncProgressListener;
  /** A retry or a throttle (see request-activity.ts), shown under the collection being pulled. */
  note(line: string): void;
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

/** `users            120,000 / 1,200,000 (4,100/s, ETA 4m 23s)`: records so far, total when known, rate. */
export function formatPageLine(
  collection: string,
  received: number,
  total: number | undefined,
  recordsPerSecond: number,
  etaMs: number | undefined,
): string {
  const of = total === undefined ? '' : ` / ${formatCount(total)}`;
  const eta = etaMs === undefined ? '' : `, ETA ${formatDuration(etaMs)}`;
  return `${collection.padEnd(NAME_WIDTH)}${formatCount(received)}${of} (${formatCount(recordsPerSecond)}/s${eta})`;
}

function pageLine(event: Extract<SyncProgressEvent, { type: 'page' }>): string {
  return formatPageLine(event.collection, event.received, event.total, event.recordsPerSecond, event.etaMs);
}

/**
 * A progress display: on a terminal one line per collection, redrawn in place with records, rate and
 * ETA (when the provider sent a total); otherwise plain lines, one per collection and one every 10 s
 * of a long pull. Retries and throttles get a line of their own. Silent when `quiet`.
 */
export function createProgressReporter(
  context: CommandContext,
  options: { quiet: boolean; dryRun: boolean; now?: () => number },
): ProgressReporter {
  const line = createStatusLine(context.stderr, {
    // A debug trace writes lines of its own: a line redrawn in place would be torn by them.
    redraw: context.isTty && context.debug !== true,
    quiet: options.quiet,
    now: options.now ?? Date.now,
  });
  let current = '';

  const onProgress: SyncProgressListener = (event) => {
    switch (event.type) {
      case 'collection-started':
        current = event.collection;
        // A fast collection draws no page line at all: its finished line says everything.
        line.restart();
        return;
      case 'page':
        line.update(() => pageLine(event));
        return;
      case 'collection-restarted':
        line.complete(
          `${event.collection.padEnd(NAME_WIDTH)}changed during the pull; starting it again (attempt ${event.attempt + 1})`,
        );
        return;
      case 'collection-finished':
        line.complete(formatCollectionLine(event.collection, event.report, options.dryRun));
        return;
      case 'collection-committed':
        return;
    }
  };

  return {
    onProgress,
    note: (text) => line.note(`${current.padEnd(NAME_WIDTH)}${text}`),
    finish: () => line.finish(),
  };
}
