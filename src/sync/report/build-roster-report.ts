import { readPlan } from '../review/held-run-plan.js';
import type { RosterStore, SyncRun } from '../roster-store.js';
import { createHeldRunReader } from './held-run-reader.js';
import { flagChanges, readChanges } from './read-changes.js';
import { type RosterReportOptions, resolveReportOptions } from './report-options.js';
import type { ReportRun, RosterReport } from './report-types.js';
import { createCommittedReader } from './roster-reader.js';
import { tallyRoster } from './tally-roster.js';

function toReportRun(run: SyncRun | undefined): ReportRun | undefined {
  if (run === undefined) return undefined;
  const { id, mode, dryRun, status, startedAt, finishedAt, committed } = run;
  return { id, mode, dryRun, status, startedAt, finishedAt, committed: [...committed] };
}

/**
 * Builds a tenant's roster report from a store: counts per school (students by grade, teachers,
 * classes, enrollments), the teacher list, sanity counters, dangling references, and the change of
 * the run named by `runId` or `syncResult` with the flags it raises. Reads through the store's public
 * methods (`iterate`, `getRun`, `lastFullSync`, and `diff` for a held run), one collection at a time,
 * keeping ids and counters, never whole records. Render it with `reportToJson`, `reportToCsv` or
 * `reportToHtml`.
 * @throws TypeError for an invalid option or a `runId` the tenant has no run of
 * @example
 * const result = await syncRoster({ client, store, tenant: 'district-7' });
 * const report = await buildRosterReport(store, 'district-7', { syncResult: result });
 * report.sanity.classesWithoutTeacher; // 0
 * report.flags; // [{ collection: 'users', kind: 'updated', fraction: 0.92, threshold: 0.75, ... }]
 * await writeFile('roster.html', reportToHtml(report, { maskNames: true }));
 */
export async function buildRosterReport(
  store: RosterStore,
  tenant: string,
  options: RosterReportOptions = {},
): Promise<RosterReport> {
  const resolved = resolveReportOptions(tenant, options);
  if (!store || typeof store.iterate !== 'function') {
    throw new TypeError('buildRosterReport: `store` must be a RosterStore');
  }
  const generatedAt = new Date(resolved.now()).toISOString();
  const run = resolved.runId === undefined ? undefined : await store.getRun(tenant, resolved.runId);
  if (resolved.runId !== undefined && run === undefined) {
    throw new TypeError(`buildRosterReport: tenant ${tenant} has no run ${resolved.runId}`);
  }
  const lastFullSync = await store.lastFullSync(tenant);
  // A run awaiting review is read as approving it would leave the roster, from any handle.
  const held = run?.status === 'awaiting-review' ? await store.getHeldRun(tenant) : undefined;
  const plan = held?.run.id === run?.id && held !== undefined ? readPlan(held.run.id, held.plan) : undefined;
  const reader =
    plan === undefined || run === undefined
      ? createCommittedReader(store, tenant)
      : createHeldRunReader(store, tenant, run.id, plan);
  const tables = await tallyRoster(reader, { teacherList: resolved.teacherList });
  const changes = await readChanges(store, run, resolved.syncResult, tables.totals, plan);
  return {
    tenant,
    generatedAt,
    source: reader.source,
    run: toReportRun(run),
    lastFullSync: toReportRun(lastFullSync),
    ...tables,
    changes,
    thresholds: resolved.thresholds,
    flags: flagChanges(changes, resolved.thresholds),
  };
}
