import { SYNC_COLLECTIONS } from '../../sync/sync-options.js';
import type { SyncResult } from '../../sync/sync-result.js';
import { formatRequestActivity, type RequestCounts } from '../progress/request-activity.js';
import { formatCount, formatDuration, ratePerSecond } from './format-numbers.js';
import { formatTable } from './format-table.js';

/** Schools listed in a dry run's preview; a district of 1,870 schools would bury the rest. */
const MAX_SCHOOLS_LISTED = 10;

/** Records received over every collection of the run. */
export function totalReceived(result: SyncResult): number {
  return Object.values(result.collections).reduce((sum, report) => sum + report.received, 0);
}

/** Per collection: received, new, updated, unchanged, retired, time and rate. */
export function formatCollectionsTable(result: SyncResult): string {
  const rows = SYNC_COLLECTIONS.flatMap((name) => {
    const report = result.collections[name];
    if (report === undefined) return [];
    return [
      [
        name,
        formatCount(report.received),
        formatCount(report.inserted),
        formatCount(report.updated),
        formatCount(report.unchanged),
        formatCount(report.tombstoned + report.deleted),
        formatDuration(report.durationMs),
        formatCount(ratePerSecond(report.received, report.durationMs)),
      ],
    ];
  });
  const header = result.dryRun
    ? [
        'Collection',
        'Received',
        'Would add',
        'Would update',
        'Unchanged',
        'Would retire',
        'Time',
        'Records/s',
      ]
    : ['Collection', 'Received', 'New', 'Updated', 'Unchanged', 'Retired', 'Time', 'Records/s'];
  return formatTable(header, rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right']);
}

/** What a dry run found that a person must look at: tripped guards and the records per school. */
function formatDryRunNotes(result: SyncResult): string[] {
  const lines: string[] = [];
  for (const name of SYNC_COLLECTIONS) {
    const blocked = result.collections[name]?.blocked;
    if (blocked === undefined) continue;
    lines.push(
      `! ${name}: a real run would stop here (${blocked.reason === 'empty' ? 'the provider sent none' : `${formatCount(blocked.wouldDelete)} of ${formatCount(blocked.stored)} would be retired, above ${Math.round(blocked.threshold * 100)}%`}); --force-deletions overrides it`,
    );
  }
  const users = result.collections.users?.schools;
  if (users !== undefined) {
    const schools = Object.entries(users.bySchool).sort(([, a], [, b]) => b - a);
    lines.push('', `Users per school (${formatCount(schools.length)} schools):`);
    for (const [school, count] of schools.slice(0, MAX_SCHOOLS_LISTED)) {
      lines.push(`  ${school.padEnd(24)} ${formatCount(count).padStart(9)}`);
    }
    if (schools.length > MAX_SCHOOLS_LISTED) {
      lines.push(`  ... and ${formatCount(schools.length - MAX_SCHOOLS_LISTED)} more`);
    }
  }
  return lines;
}

/** The summary `oneroster sync` prints when it is done. */
export function formatSyncResult(
  result: SyncResult,
  details: { tenant: string; store: string; elapsedMs: number; requests?: RequestCounts },
): string {
  const received = totalReceived(result);
  const verb = result.dryRun
    ? 'Dry run of a'
    : result.status === 'awaiting-review'
      ? 'Held for review (nothing committed): a'
      : result.status === 'paused'
        ? 'Paused (the next sync resumes it): a'
        : 'Finished a';
  const title = `${verb} ${result.mode} sync (${result.modeReason}) of tenant "${details.tenant}" into ${details.store}`;
  const totals = `${formatCount(received)} records in ${formatDuration(details.elapsedMs)} (${formatCount(ratePerSecond(received, details.elapsedMs))}/s)`;
  // Retries and throttles are why a run was slow: counted here, shown as they happen in the progress.
  const activity = details.requests === undefined ? undefined : formatRequestActivity(details.requests);
  const lines = [
    title,
    activity === undefined ? totals : `${totals}; ${activity}`,
    '',
    formatCollectionsTable(result),
  ];
  if (result.resumed && result.resumedFrom !== undefined) {
    lines.push('', `Resumed a crashed run at ${result.resumedFrom.collection}.`);
  }
  if (result.dryRun) lines.push('', 'Nothing was written to the roster.', ...formatDryRunNotes(result));
  return `${lines.join('\n')}\n`;
}
