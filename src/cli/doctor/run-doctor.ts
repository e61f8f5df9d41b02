import type { Check } from './doctor-report.js';
import { probeStability, probeTombstones, rateLimitCheck, timingCheck } from './probe-changes.js';
import type { ProbeContext } from './probe-context.js';
import { probeAuth, probeEndpoints, probeNested } from './probe-endpoints.js';
import { probeSchoolEnvelope, probeSingleEnvelopes } from './probe-envelopes.js';
import { probeFilters } from './probe-filters.js';
import { probeLink } from './probe-link.js';
import { probeMinimal } from './probe-minimal.js';
import { probePageSize } from './probe-page-size.js';
import { probeFields, probeSort } from './probe-query.js';
import { probeBooleans, probeErrorShape, probeNulls, probeUserShape } from './probe-shapes.js';
import { probeSortCost } from './probe-sort-cost.js';
import { probeTotalCount } from './probe-total-count.js';
import { probeValidation } from './probe-validation.js';
import { probeVersion } from './probe-version.js';

type Probe = (context: ProbeContext) => Promise<Check | Check[]>;

/** One probe and what a person waiting for it is told it does. */
interface ProbeStep {
  readonly run: Probe;
  readonly doing: string;
}

/**
 * The probes, in order: the endpoints first (they find the ids and sample records later probes
 * need), then the version (later probes ask for that version's fields), the drift probe last (a
 * drifting provider inserts records on every offset read).
 */
const STEPS: readonly ProbeStep[] = [
  { run: probeEndpoints, doing: 'one record of each top-level collection' },
  { run: probeVersion, doing: 'the OneRoster version: base path and user shape' },
  { run: probeTotalCount, doing: 'X-Total-Count on the same page twice' },
  { run: probeLink, doing: 'the Link header' },
  { run: probePageSize, doing: 'one large page, to find the page-size cap' },
  { run: probeSort, doing: 'sort=sourcedId both ways' },
  { run: probeSortCost, doing: 'the time of a page with and without sort=sourcedId' },
  { run: probeFilters, doing: 'the delta filter on each collection, then other filters' },
  { run: probeFields, doing: 'fields, and an unknown field' },
  { run: probeMinimal, doing: 'the minimal preset, as the client sends it' },
  { run: probeBooleans, doing: 'boolean encodings' },
  { run: probeNulls, doing: 'null for absent fields' },
  { run: probeUserShape, doing: 'the shape of users' },
  { run: probeSchoolEnvelope, doing: 'GET /orgs/{id} of a school' },
  { run: probeSingleEnvelopes, doing: 'GET /{collection}/{id} of each collection' },
  { run: probeErrorShape, doing: 'the error body of an unknown sourcedId' },
  { run: probeValidation, doing: 'a page of each collection, validated as a sync reads it' },
  { run: probeNested, doing: 'the nested collections' },
  { run: probeTombstones, doing: "status='tobedeleted' records" },
  { run: probeStability, doing: 'the same offsets read twice' },
];

/** Told each probe as it starts, so a slow provider does not leave a blank screen. */
export type ProbeListener = (step: {
  readonly index: number;
  readonly total: number;
  readonly doing: string;
}) => void;

/** Runs every probe sequentially (a doctor must not be the reason a provider throttles). */
export async function runProbes(
  context: ProbeContext,
  authKind: string,
  options: { onProbe?: ProbeListener; signal?: AbortSignal } = {},
): Promise<Check[]> {
  const onProbe = options.onProbe ?? (() => {});
  const total = STEPS.length + 1;
  onProbe({ index: 1, total, doing: `authentication (${authKind})` });
  const checks: Check[] = [await probeAuth(context, authKind)];
  for (const [index, step] of STEPS.entries()) {
    onProbe({ index: index + 2, total, doing: step.doing });
    try {
      const found = await step.run(context);
      checks.push(...(Array.isArray(found) ? found : [found]));
    } catch (error) {
      // An interrupt ends the doctor; any other failure is one probe's.
      if (options.signal?.aborted) throw error;
      // One broken probe must not hide what the others found.
      checks.push({
        id: step.run.name,
        title: step.run.name,
        status: 'failed',
        summary: error instanceof Error ? error.message : String(error),
        detected: {},
      });
    }
  }
  checks.push(rateLimitCheck(context), timingCheck(context));
  return checks;
}
