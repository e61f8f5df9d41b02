import { pageSize, rateLimit, slowPages, sort, sortCost, stability, totalCount } from './advice-paging.js';
import { deltaFilter, fields, filter, minimalPreset, nested } from './advice-queries.js';
import { errorShape, lenient, tombstones, validation, version } from './advice-records.js';
import type { Check, CheckStatus, Detail } from './doctor-report.js';

/** Advice, client options and CLI flags that fit what the checks found. */
export interface Advice {
  advice: string[];
  clientOptions: Record<string, Detail>;
  cliFlags: string[];
}

/** One line of advice, with the client options and flags it calls for. */
export interface AdviceItem {
  readonly text: string;
  /** Flags for `sync` and `pull`, e.g. `--page-size 500`. */
  readonly flags?: readonly string[];
  /** Options for `createOneRosterClient`. */
  readonly options?: Readonly<Record<string, Detail>>;
}

/** What a rule may read of the findings: the checks it declares, and only those. */
export interface Findings {
  status(id: string): CheckStatus | undefined;
  detected(id: string): Check['detected'] | undefined;
}

/**
 * Turns the findings of a few checks into at most one line of advice. A rule sees only the checks it
 * names in `reads`, so what it can say is known from them alone: the test of the advice tries every
 * combination of those checks' outcomes against every other rule's and finds no two lines, and no
 * line and finding, that contradict.
 */
export interface AdviceRule {
  readonly id: string;
  readonly reads: readonly string[];
  advise(findings: Findings): AdviceItem | undefined;
}

/** Every rule, in the order its advice is printed: what breaks a pull first, then what tunes it. */
export const ADVICE_RULES: readonly AdviceRule[] = [
  version,
  validation,
  pageSize,
  totalCount,
  sort,
  sortCost,
  deltaFilter,
  filter,
  fields,
  minimalPreset,
  lenient,
  errorShape,
  tombstones,
  stability,
  nested,
  rateLimit,
  slowPages,
];

/**
 * The findings as a rule may read them.
 * @throws Error when the rule reads a check it did not declare: a bug of the rule, caught by any test
 */
export function findingsFor(checks: readonly Check[], rule: Pick<AdviceRule, 'id' | 'reads'>): Findings {
  const find = (id: string): Check | undefined => {
    if (!rule.reads.includes(id)) throw new Error(`advice rule ${rule.id} reads ${id} without declaring it`);
    return checks.find((entry) => entry.id === id);
  };
  return { status: (id) => find(id)?.status, detected: (id) => find(id)?.detected };
}

/** Turns findings into what to do about them. Only what a finding calls for: no advice is good news. */
export function advise(checks: readonly Check[]): Advice {
  const result: Advice = { advice: [], clientOptions: {}, cliFlags: [] };
  for (const rule of ADVICE_RULES) {
    const item = rule.advise(findingsFor(checks, rule));
    if (item === undefined) continue;
    result.advice.push(item.text);
    for (const flag of item.flags ?? []) if (!result.cliFlags.includes(flag)) result.cliFlags.push(flag);
    Object.assign(result.clientOptions, item.options);
  }
  return result;
}
