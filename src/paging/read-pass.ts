import { ResponseValidationError, type ValidationIssue } from '../errors/response-validation-error.js';
import type { PageSource } from './fetch-page.js';
import type { Paging } from './paginate.js';
import { pagingLoopError } from './paging-loop-error.js';
import type { Page, PullSummary, RecordReader } from './read-pages.js';
import type { SeenIds } from './seen-ids.js';
import { sourcedIdOf } from './sourced-id-of.js';

/** Distinct quarantine reasons a summary keeps: enough to say what broke, bounded in memory. */
const MAX_QUARANTINE_REASONS = 3;

/** Pages in a row made only of records already seen before the pull is declared a loop. */
const MAX_CONSECUTIVE_STALE_PAGES = 3;

/** What every pass of one pull shares. */
export interface PullState<T> {
  /** The collection read, for errors and events. */
  readonly source: Pick<PageSource, 'path' | 'collection'>;
  readonly reader: RecordReader<T>;
  readonly summary: PullSummary;
  /** `field=value` of the unknown enum values and GUIDRef mismatches reported so far: each once per pull. */
  readonly reportedEnums: Set<string>;
  /** Every id the pull has met (yielded or quarantined): a record among them is not yielded again. */
  readonly pulled: SeenIds | undefined;
}

/** How one pass reads. */
export interface PassOptions {
  /** The ids this pass met: `pulled` itself in a first pass, a fresh set in a re-read. */
  own: SeenIds | undefined;
  /** End the pass after the first page that repeats a record of the pass (see `UnstableSortEvent`). */
  stopAtRepeat: boolean;
  /**
   * End the pass after the first page holding a sourcedId not above the one before it in the pass
   * (a repeat is one too): the check of a provider's own order under `stableSort: 'auto'`.
   */
  stopAtDisorder?: boolean;
}

/** How a pass ended. */
export interface PassOutcome {
  /** Records the pass served twice itself (a re-read's records met in an earlier pass are not). */
  repeats: number;
  /** Offset of the page where the pass stopped at its first repeat (`stopAtRepeat`) or disorder. */
  stoppedAt: number | undefined;
  /** The pass stopped at an id out of ascending order (`stopAtDisorder`). */
  disordered: boolean;
}

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

/** Validates, de-duplicates and counts the pages of one pass over the collection. */
export async function* readPass<T>(
  paging: Paging,
  state: PullState<T>,
  options: PassOptions,
): AsyncGenerator<Page<T>, PassOutcome> {
  const { source, reader, summary, pulled, reportedEnums } = state;
  const { collection } = source;
  const { own } = options;
  let consecutiveStalePages = 0;
  let repeats = 0;
  // The pass's latest id, for `stopAtDisorder`: ids compared as strings, as a sort by sourcedId orders them.
  let lastId: string | undefined;
  for await (const { page, start } of paging.pages) {
    const items: T[] = [];
    let quarantined = 0;
    let duplicates = 0;
    let pageRepeats = 0;
    let pageDisordered = false;
    for (let index = start; index < page.records.length; index++) {
      const raw = page.records[index];
      const id = sourcedIdOf(raw);
      if (options.stopAtDisorder && id !== undefined) {
        if (lastId !== undefined && id <= lastId) pageDisordered = true;
        else lastId = id;
      }
      if (id !== undefined && own !== undefined) {
        const newToPass = own.add(id);
        if (!newToPass) pageRepeats++;
        const newToPull = pulled === own || pulled === undefined ? newToPass : pulled.add(id);
        if (!newToPull) {
          duplicates++;
          continue;
        }
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
            collection,
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
            collection,
            ...(id ? { sourcedId: id } : {}),
            ...mismatch,
          });
        }
        continue;
      }
      const where = { collection, ...(outcome.sourcedId ? { sourcedId: outcome.sourcedId } : {}) };
      if (reader.mode === 'strict') {
        throw new ResponseValidationError({ ...where, issues: outcome.issues, hint: outcome.hint });
      }
      quarantined++;
      noteQuarantineReasons(summary.quarantineReasons, outcome.issues);
      reader.emit({ type: 'record-quarantined', ...where, issues: outcome.issues });
    }
    own?.endPage();
    if (pulled !== own) pulled?.endPage();
    const received = page.records.length - start;
    const offset = page.offset + start;
    summary.received += received;
    summary.duplicates += duplicates;
    summary.quarantined += quarantined;
    summary.yielded += items.length;
    repeats += pageRepeats;
    consecutiveStalePages = pageRepeats === received ? consecutiveStalePages + 1 : 0;
    // Drift can make one page (the shifted tail) all repeats; a provider that ignores `offset`
    // serves them forever.
    if (consecutiveStalePages >= MAX_CONSECUTIVE_STALE_PAGES) {
      throw pagingLoopError(source, `returned only records already seen, up to offset ${offset}`);
    }
    yield { items, offset, total: page.total, quarantined, duplicates };
    // Leaving the loop ends the paging, which aborts the pages prefetched beyond this one.
    if (options.stopAtDisorder && pageDisordered) return { repeats, stoppedAt: offset, disordered: true };
    if (options.stopAtRepeat && pageRepeats > 0) return { repeats, stoppedAt: offset, disordered: false };
  }
  return { repeats, stoppedAt: undefined, disordered: false };
}
