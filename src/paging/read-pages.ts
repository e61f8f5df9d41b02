import type { DriftEvent, OneRosterEvent, UnstableSortEvent } from '../base/events.js';
import { ProtocolError } from '../errors/protocol-error.js';
import type { ValidationIssue } from '../errors/response-validation-error.js';
import { type Paging, type PagingPlan, type PagingReport, paginate } from './paginate.js';
import { type PullState, readPass } from './read-pass.js';
import { createSeenIds } from './seen-ids.js';

/** One page of validated records, in provider order. */
export interface Page<T> {
  /** The records that passed validation (quarantined and duplicate ones left out). */
  items: T[];
  /**
   * Offset of the page's first record. A pull that re-reads in `sourcedId` order (see
   * `PullSummary.unstableSort`) starts again at 0.
   */
  offset: number;
  /** `X-Total-Count` when the provider sent one. */
  total: number | undefined;
  /** Records that failed validation in lenient mode and were skipped. */
  quarantined: number;
  /** Records already met earlier in the pull (offset paging over changing data, or a re-read). */
  duplicates: number;
}

/** What a finished (or interrupted) pull saw. */
export interface PullSummary {
  collection: string;
  /**
   * True when the pull reached its end (an empty page, or a consistent total) and has yielded every
   * record once, as far as the provider's counts tell (see `drift`).
   */
  complete: boolean;
  requests: number;
  /** Records received, duplicates and quarantined ones included. */
  received: number;
  yielded: number;
  /** Records received that the pull had already met: `received - duplicates` records are distinct. */
  duplicates: number;
  quarantined: number;
  /**
   * Why records were quarantined: the first distinct `path: code` pairs (a field path and the
   * validation issue's code, never a value), at most three.
   */
  quarantineReasons: string[];
  /**
   * Enum values the spec does not list (roles, grades, org types, GUIDRef types...), every
   * occurrence counted; an `unknown-enum-value` event names each distinct one once.
   */
  unknownEnumValues: number;
  /**
   * GUIDRefs whose `type` contradicts their field (an `orgs[]` entry typed `teacher`), every
   * occurrence counted; a `ref-type-mismatch` event names each distinct one once. Records are kept.
   */
  refTypeMismatches: number;
  /** The total the provider reported last. */
  total: number | undefined;
  /** The page size in force at the end (a 413 halves it). */
  pageSize: number;
  /** Set when the collection changed during the pull; a sync must not delete on such a pull. */
  drift: Omit<DriftEvent, 'type' | 'collection'> | undefined;
  /**
   * Set when the read's own sort (anything but `sourcedId`) served a record twice, the sign of ties
   * ordered differently on each request: the pull then read on in `sourcedId` order from the start
   * and yielded the records it had not yet, after the others and out of the asked order.
   */
  unstableSort: Omit<UnstableSortEvent, 'type' | 'collection'> | undefined;
}

/** The outcome of validating one raw record. */
export type RecordOutcome<T> =
  | {
      ok: true;
      record: T;
      unknownEnums: readonly { path: string; value: string }[];
      refTypeMismatches?: readonly { path: string; value: string; expected: string }[];
    }
  | { ok: false; sourcedId?: string; issues: ValidationIssue[]; hint?: string };

/** How a pull turns raw records into items. */
export interface RecordReader<T> {
  parse(raw: unknown): RecordOutcome<T>;
  mode: 'lenient' | 'strict';
  /**
   * De-duplicate by sourcedId within the pull (memory: one id string per record). A read sorted by
   * anything but `sourcedId` keeps the ids whatever this says: it needs them to see unstable ties.
   */
  dedupe: boolean;
  /**
   * Set under `stableSort: 'auto'` for a read that asks for no sort: what the client knows of the
   * collection's own order. The pull checks that order, or sorts once it is known not to be ascending.
   */
  providerOrder?: ProviderOrderMemory;
  emit(event: OneRosterEvent): void;
}

/** What a client has learned of one collection's own order (`undefined`: not yet). */
export interface ProviderOrderMemory {
  ascending(): boolean | undefined;
  learn(ascending: boolean): void;
}

/** The drift the passes of one pull saw: the counts of its first page against its last, and between. */
function driftOf(reports: readonly PagingReport[]): PullSummary['drift'] {
  const first = reports[0];
  const last = reports.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const moved = (before: unknown, after: unknown) => before !== undefined && before !== after;
  const passMoved = reports.some(
    (report) => moved(report.firstTotal, report.lastTotal) || moved(report.firstPermRev, report.lastPermRev),
  );
  const pullMoved = moved(first.firstTotal, last.lastTotal) || moved(first.firstPermRev, last.lastPermRev);
  if (!passMoved && !pullMoved) return undefined;
  return {
    ...(first.firstTotal === undefined ? {} : { totalBefore: first.firstTotal }),
    ...(last.lastTotal === undefined ? {} : { totalAfter: last.lastTotal }),
    ...(first.firstPermRev === undefined ? {} : { permRevBefore: first.firstPermRev }),
    ...(last.lastPermRev === undefined ? {} : { permRevAfter: last.lastPermRev }),
  };
}

function unstableOrderError(plan: PagingPlan): ProtocolError {
  return new ProtocolError({
    reason: 'unstable-order',
    method: 'GET',
    url: `/${plan.path.join('/')}`,
    collection: plan.collection,
    message:
      `Paging ${plan.collection} served records twice in sourcedId order too, with no change in its ` +
      'counts: the provider orders its records differently on each request, so records may be missing',
  });
}

/**
 * Validates, de-duplicates and counts the pages of one pull; reports drift at its end.
 *
 * Under a sort other than `sourcedId` (the caller's, or none with `stableSort: false`) a record that
 * comes back is the sign of ties ordered differently per request: pages then overlap, and since each
 * holds as many records as asked, a record is skipped for every one repeated. Such a read stops at
 * the first repeat and reads on in `sourcedId` order, unique and so stable, from the start, yielding
 * only what it has not met yet: every record once. A re-read that repeats records of its own with no
 * drift to explain them means the provider cannot page stably at all: a ProtocolError
 * (`reason: 'unstable-order'`), never a pull reported complete.
 *
 * Under `stableSort: 'auto'` (`reader.providerOrder`) a read that names no sort goes out unsorted and
 * every id must come after the one before it: the provider's own order is then `sourcedId` order,
 * as stable as asking for it. An update that moves a record in an order of any other kind shows up
 * as an id out of place, or twice, later in the pass: the read stops there and re-reads as above.
 */
export async function* readPages<T>(
  requested: PagingPlan,
  reader: RecordReader<T>,
  summary: PullSummary,
): AsyncGenerator<Page<T>> {
  const order = requested.query['sort'] === undefined ? reader.providerOrder : undefined;
  const known = order?.ascending();
  // A collection whose own order was found wanting is sorted from the first request.
  const plan = known === false ? sortedBySourcedId(requested, requested.pageSize) : requested;
  const checksOrder = order !== undefined && known !== false;
  const sortedById = plan.query['sort'] === 'sourcedId';
  const pulled = reader.dedupe || !sortedById ? createSeenIds() : undefined;
  const state: PullState<T> = { source: plan, reader, summary, reportedEnums: new Set(), pulled };
  const pagings: Paging[] = [];
  let unstable = false;
  try {
    const first = paginate(plan);
    pagings.push(first);
    const pass = yield* readPass(first, state, {
      own: pulled,
      stopAtRepeat: !sortedById,
      stopAtDisorder: checksOrder,
    });
    if (pass.stoppedAt === undefined) {
      if (checksOrder && known === undefined && first.report().complete) {
        order.learn(true);
        reader.emit({ type: 'provider-order', collection: plan.collection, ascending: true });
      }
      return;
    }
    if (pass.disordered && order !== undefined) {
      order.learn(false);
      reader.emit({
        type: 'provider-order',
        collection: plan.collection,
        ascending: false,
        offset: pass.stoppedAt,
      });
    } else {
      const sort = plan.query['sort'];
      summary.unstableSort = { ...(sort === undefined ? {} : { sort }), offset: pass.stoppedAt };
      reader.emit({ type: 'unstable-sort', collection: plan.collection, ...summary.unstableSort });
    }
    // A 413 of the first pass halved the page size: the re-read starts from there.
    const byId = paginate(sortedBySourcedId(plan, first.report().pageSize));
    pagings.push(byId);
    const reread = yield* readPass(byId, state, { own: createSeenIds(), stopAtRepeat: false });
    if (reread.repeats > 0 && driftOf([byId.report()]) === undefined) {
      unstable = true;
      throw unstableOrderError(plan);
    }
  } finally {
    const reports = pagings.map((paging) => paging.report());
    const last = reports.at(-1);
    summary.complete = !unstable && last !== undefined && last.complete;
    summary.requests = reports.reduce((sum, report) => sum + report.requests, 0);
    summary.total = last?.lastTotal;
    summary.pageSize = last?.pageSize ?? summary.pageSize;
    summary.drift = driftOf(reports);
    if (summary.drift) reader.emit({ type: 'drift', collection: plan.collection, ...summary.drift });
  }
}

/** The same read in `sourcedId` order, unique and so stable under offset paging. */
function sortedBySourcedId(plan: PagingPlan, pageSize: number): PagingPlan {
  return { ...plan, pageSize, query: { ...plan.query, sort: 'sourcedId', orderBy: 'asc' } };
}

/** A fresh summary for a pull that has not started. */
export function emptySummary(collection: string, pageSize: number): PullSummary {
  return {
    collection,
    complete: false,
    requests: 0,
    received: 0,
    yielded: 0,
    duplicates: 0,
    quarantined: 0,
    quarantineReasons: [],
    unknownEnumValues: 0,
    refTypeMismatches: 0,
    total: undefined,
    pageSize,
    drift: undefined,
    unstableSort: undefined,
  };
}
