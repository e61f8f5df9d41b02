import { filter, type PullSummary } from '../index.js';
import { openClientPull } from './open-client-pull.js';
import type { ResolvedSyncOptions } from './resolve-sync-options.js';
import type { RosterRecord, SyncRun } from './roster-store.js';
import { createSchoolCounter } from './school-counts.js';
import { toCheckpointData } from './sync-checkpoint.js';
import type { CollectionFields } from './sync-fields.js';
import type { SyncCollectionName } from './sync-options.js';
import { emitProgress, pageRate } from './sync-progress.js';
import type { SchoolCounts } from './sync-result.js';
import { createWatermarkTracker } from './watermark.js';

/** One collection's pull in a run. */
export interface CollectionPull {
  readonly options: ResolvedSyncOptions;
  readonly run: SyncRun;
  readonly collection: SyncCollectionName;
  readonly fields: CollectionFields;
  /** The delta's lower bound; undefined for a full pull. */
  readonly since: Date | undefined;
}

/** What one pull staged. */
export interface StagedPull {
  readonly summary: PullSummary;
  /** Pages staged. */
  readonly pages: number;
  /** The largest `dateLastModified` received. */
  readonly watermark: string | undefined;
  /** Dry runs only. */
  readonly schools: SchoolCounts | undefined;
}

/**
 * Pulls a collection page by page and stages each page with its checkpoint, so memory holds one page
 * and a crash loses at most the page in flight. Errors (a 200 error envelope, a paging loop, a
 * network failure) propagate: the caller commits nothing.
 */
export async function pullIntoStage(pull: CollectionPull, attempt: number): Promise<StagedPull> {
  const { options, run, collection } = pull;
  const started = options.now();
  emitProgress(options.onProgress, {
    type: 'collection-started',
    runId: run.id,
    collection,
    mode: run.mode,
    attempt,
    since: pull.since?.toISOString(),
  });
  const read = openClientPull(options.client, collection, {
    fields: pull.fields,
    // Spec idiom for deltas; the bound comes from the provider's own stamps, never the local clock.
    filter: pull.since === undefined ? undefined : filter.gt('dateLastModified', pull.since),
    signal: options.signal,
  });
  const watermark = createWatermarkTracker();
  const schools = options.dryRun ? createSchoolCounter() : undefined;
  let pages = 0;
  let received = 0;
  for await (const page of read.pages()) {
    pages++;
    received += page.items.length + page.quarantined + page.duplicates;
    // The client validated each item: sourcedId, a mapped status and an ISO dateLastModified.
    const records = page.items as RosterRecord[];
    for (const record of records) {
      watermark.observe(record.dateLastModified);
      schools?.add(collection, record);
    }
    const checkpoint = toCheckpointData({
      version: 1,
      collection,
      phase: 'pulling',
      attempt,
      pages,
      offset: received,
    });
    await options.store.stage(run, collection, records, { checkpoint });
    const elapsedMs = options.now() - started;
    emitProgress(options.onProgress, {
      type: 'page',
      runId: run.id,
      collection,
      received,
      total: page.total,
      pages,
      elapsedMs,
      ...pageRate(received, page.total, elapsedMs),
    });
  }
  return { summary: read.summary, pages, watermark: watermark.value, schools: schools?.result() };
}
