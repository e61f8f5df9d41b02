import type { DriftEvent, OneRosterEvent } from '../base/events.js';
import { ResponseValidationError, type ValidationIssue } from '../errors/response-validation-error.js';
import { type PagingPlan, paginate } from './paginate.js';
import { pagingLoopError } from './paging-loop-error.js';
import { createSeenIds } from './seen-ids.js';
import { sourcedIdOf } from './sourced-id-of.js';

/** One page of validated records, in provider order. */
export interface Page<T> {
  /** The records that passed validation (quarantined and duplicate ones left out). */
  items: T[];
  /** Offset of the page's first record. */
  offset: number;
  /** `X-Total-Count` when the provider sent one. */
  total: number | undefined;
  /** Records that failed validation in lenient mode and were skipped. */
  quarantined: number;
  /** Records already yielded earlier in the pull (offset paging over changing data). */
  duplicates: number;
}

/** What a finished (or interrupted) pull saw. */
export interface PullSummary {
  collection: string;
  /** True when the pull reached its end (an empty page, or a consistent total). */
  complete: boolean;
  requests: number;
  /** Records received, duplicates and quarantined ones included. */
  received: number;
  yielded: number;
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
  /** De-duplicate by sourcedId within the pull (memory: one id string per record). */
  dedupe: boolean;
  emit(event: OneRosterEvent): void;
}

/** Distinct quarantine reasons a summary keeps: enough to say what broke, bounded in memory. */
export const MAX_QUARANTINE_REASONS = 3;

/** Pages in a row made only of records already yielded before the pull is declared a loop. */
const MAX_CONSECUTIVE_STALE_PAGES = 3;

/** `orgs.3.type` → `orgs.type`: a value is reported once per field, whichever list item holds it. */
function fieldOf(path: string): string {
  return path.replace(/\.\d+(?=\.|$)/g, '');
}

function noteQuarantineReasons(reasons: string[], issues: readonly ValidationIssue[]): void {
  for (const issue of issues) {
    if (reasons.length >= MAX_QUARANTINE_REASONS) return;
    const reason = `${issue.path || '(record)'}: ${issue.code}`;
    if (!reasons.includes(reason)) reasons.push(reason);
  }
}

/** Validates, de-duplicates and counts the pages of one pull; reports drift at its end. */
export async function* readPages<T>(
  plan: PagingPlan,
  reader: RecordReader<T>,
  summary: PullSummary,
): AsyncGenerator<Page<T>> {
  const paging = paginate(plan);
  const seen = reader.dedupe ? createSeenIds() : undefined;
  const reportedEnums = new Set<string>();
  let consecutiveStalePages = 0;
  try {
    for await (const { page, start } of paging.pages) {
      const items: T[] = [];
      let quarantined = 0;
      let duplicates = 0;
      for (let index = start; index < page.records.length; index++) {
        const raw = page.records[index];
        const id = sourcedIdOf(raw);
        if (seen && id !== undefined && !seen.add(id)) {
          duplicates++;
          continue;
        }
        const outcome = reader.parse(raw);
        if (outcome.ok) {
          items.push(outcome.record);
          for (const unknown of outcome.unknownEnums) {
            summary.unknownEnumValues++;
            const key = `${fieldOf(unknown.path)}=${unknown.value}`;
            if (reportedEnums.has(key)) continue;
            reportedEnums.add(key);
            reader.emit({
              type: 'unknown-enum-value',
              collection: plan.collection,
              ...(id ? { sourcedId: id } : {}),
              ...unknown,
            });
          }
          for (const mismatch of outcome.refTypeMismatches ?? []) {
            summary.refTypeMismatches++;
            const key = `ref:${fieldOf(mismatch.path)}=${mismatch.value}`;
            if (reportedEnums.has(key)) continue;
            reportedEnums.add(key);
            reader.emit({
              type: 'ref-type-mismatch',
              collection: plan.collection,
              ...(id ? { sourcedId: id } : {}),
              ...mismatch,
            });
          }
          continue;
        }
        const where = {
          collection: plan.collection,
          ...(outcome.sourcedId ? { sourcedId: outcome.sourcedId } : {}),
        };
        if (reader.mode === 'strict') {
          throw new ResponseValidationError({ ...where, issues: outcome.issues, hint: outcome.hint });
        }
        quarantined++;
        noteQuarantineReasons(summary.quarantineReasons, outcome.issues);
        reader.emit({ type: 'record-quarantined', ...where, issues: outcome.issues });
      }
      seen?.endPage();
      const received = page.records.length - start;
      summary.received += received;
      summary.duplicates += duplicates;
      summary.quarantined += quarantined;
      summary.yielded += items.length;
      consecutiveStalePages = duplicates === received ? consecutiveStalePages + 1 : 0;
      // Drift can make one page (the shifted tail) all duplicates; a provider that ignores `offset`
      // serves them forever.
      if (consecutiveStalePages >= MAX_CONSECUTIVE_STALE_PAGES) {
        throw pagingLoopError(
          plan,
          `returned only records already seen, up to offset ${page.offset + start}`,
        );
      }
      yield { items, offset: page.offset + start, total: page.total, quarantined, duplicates };
    }
  } finally {
    const state = paging.report();
    summary.complete = state.complete;
    summary.requests = state.requests;
    summary.total = state.lastTotal;
    summary.pageSize = state.pageSize;
    const totalMoved = state.firstTotal !== undefined && state.lastTotal !== state.firstTotal;
    const revisionMoved = state.firstPermRev !== undefined && state.lastPermRev !== state.firstPermRev;
    if (totalMoved || revisionMoved) {
      summary.drift = {
        ...(state.firstTotal === undefined ? {} : { totalBefore: state.firstTotal }),
        ...(state.lastTotal === undefined ? {} : { totalAfter: state.lastTotal }),
        ...(state.firstPermRev === undefined ? {} : { permRevBefore: state.firstPermRev }),
        ...(state.lastPermRev === undefined ? {} : { permRevAfter: state.lastPermRev }),
      };
      reader.emit({ type: 'drift', collection: plan.collection, ...summary.drift });
    }
  }
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
  };
}
