import { filter, type PullSummary } from '../index.js';
import { createRekeyCollector, type RekeyLink } from './rekey-links.js';
import type { ResolvedSyncOptions } from './resolve-sync-options.js';
import { isRosterRecord } from './roster-record.js';
import type { RosterRecord, SyncRun } from './roster-store.js';
import { createSchoolCounter } from './school-counts.js';
import { toCheckpointData } from './sync-checkpoint.js';
import type { CollectionRead } from './sync-fields.js';
import type { SyncCollectionName } from './sync-options.js';
import { emitProgress, pageRate } from './sync-progress.js';
import type { SchoolCounts } from './sync-result.js';
import type { VersionSwitch } from './version-switch.js';
import { createWatermarkTracker } from './watermark.js';

/** One collection's pull in a run. */
export interface CollectionPull {
  readonly options: ResolvedSyncOptions;
  readonly run: SyncRun;
  readonly collection: SyncCollectionName;
  /** The collection's read with its field selection. */
  readonly read: CollectionRead;
  /** The delta's lower bound; undefined for a full pull. */
  readonly since: Date | undefined;
  /** Set when the run switches the tenant's OneRoster version: the pull then collects re-key links. */
  readonly change: VersionSwitch | undefined;
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
  /** Switching runs only: old sourcedId → the record that names it (`legacyIdOf`), for old ids no longer sent. */
  readonly links: ReadonlyMap<string, RekeyLink> | undefined;
}

/** The record without the fields asked for only to read its re-key link. */
function withoutFields(record: RosterRecord, fields: readonly string[]): RosterRecord {
  const kept: RosterRecord = { ...record };
  for (const field of fields) delete kept[field];
  return kept;
}

/**
 * Pulls a collection page by page and stages each page with its checkpoint while the next one is
 * pulled, so memory holds two pages and a crash loses at most the pages in flight. Errors (a 200
 * error envelope, a paging loop, a network failure, a failed stage) propagate: the caller commits
 * nothing.
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
  const read = pull.read.open({
    // Spec idiom for deltas; the bound comes from the provider's own stamps, never the local clock.
    filter: pull.since === undefined ? undefined : filter.gt('dateLastModified', pull.since),
    signal: options.signal,
  });
  const watermark = createWatermarkTracker();
  const schools = options.dryRun ? createSchoolCounter() : undefined;
  const links = pull.change === undefined ? undefined : createRekeyCollector(options.legacyIdOf);
  let pages = 0;
  let received = 0;
  // The previous page's stage while the next page is pulled: a store that writes elsewhere (a
  // database server) works while this thread parses. One at a time, in page order, so checkpoints
  // land in order and memory holds one page more.
  let staging: Promise<void> | undefined;
  try {
    for await (const page of read.pages()) {
      pages++;
      received += page.items.length + page.quarantined + page.duplicates;
      const records = page.items;
      // The client validated each item (sourcedId, a mapped status, an ISO dateLastModified); its
      // types say so per projection, which a pull of any collection cannot name.
      if (!records.every(isRosterRecord)) {
        throw new TypeError(
          `syncRoster: a ${collection} record has no sourcedId, status or dateLastModified`,
        );
      }
      for (const record of records) {
        watermark.observe(record.dateLastModified);
        schools?.add(collection, record);
        links?.observe(record);
      }
      const checkpoint = toCheckpointData({
        version: 1,
        collection,
        phase: 'pulling',
        attempt,
        pages,
        offset: received,
      });
      const { linkOnly } = pull.read;
      const staged =
        linkOnly.length === 0 ? records : records.map((record) => withoutFields(record, linkOnly));
      await staging;
      const progress = {
        type: 'page',
        runId: run.id,
        collection,
        received,
        total: page.total,
        pages,
      } as const;
      staging = options.store.stage(run, collection, staged, { checkpoint }).then(() => {
        const elapsedMs = options.now() - started;
        emitProgress(options.onProgress, {
          ...progress,
          elapsedMs,
          ...pageRate(progress.received, progress.total, elapsedMs),
        });
      });
      // Awaited above or below; until then a failed stage must not count as unhandled.
      staging.catch(() => undefined);
    }
    await staging;
  } finally {
    // A pull that failed with a stage in flight waits for it: the caller discards or ends the run
    // next, which must not race a batch and checkpoint still being written.
    await staging?.catch(() => undefined);
  }
  return {
    summary: read.summary,
    pages,
    watermark: watermark.value,
    schools: schools?.result(),
    links: links?.finish(),
  };
}
