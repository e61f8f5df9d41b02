import type { Check } from './doctor-report.js';
import { probeStability, probeTombstones, rateLimitCheck, timingCheck } from './probe-changes.js';
import type { ProbeContext } from './probe-context.js';
import { probeAuth, probeEndpoints, probeNested } from './probe-endpoints.js';
import { probeLink } from './probe-link.js';
import { probePageSize } from './probe-page-size.js';
import { probeFields, probeFilters, probeSort } from './probe-query.js';
import {
  probeBooleans,
  probeErrorShape,
  probeNulls,
  probeSchoolEnvelope,
  probeUserShape,
} from './probe-shapes.js';
import { probeTotalCount } from './probe-total-count.js';

type Probe = (context: ProbeContext) => Promise<Check | Check[]>;

/**
 * The probes, in order: the endpoints first (they find the ids later probes need), the drift probe
 * last but one (a drifting provider inserts records on every offset read).
 */
const PROBES: readonly Probe[] = [
  probeEndpoints,
  probeTotalCount,
  probeLink,
  probePageSize,
  probeSort,
  probeFilters,
  probeFields,
  probeBooleans,
  probeNulls,
  probeUserShape,
  probeSchoolEnvelope,
  probeErrorShape,
  probeNested,
  probeTombstones,
  probeStability,
];

/** Runs every probe sequentially (a doctor must not be the reason a provider throttles). */
export async function runProbes(context: ProbeContext, authKind: string): Promise<Check[]> {
  const checks: Check[] = [await probeAuth(context, authKind)];
  for (const probe of PROBES) {
    try {
      const found = await probe(context);
      checks.push(...(Array.isArray(found) ? found : [found]));
    } catch (error) {
      // One broken probe must not hide what the others found.
      checks.push({
        id: probe.name,
        title: probe.name,
        status: 'failed',
        summary: error instanceof Error ? error.message : String(error),
        detected: {},
      });
    }
  }
  checks.push(rateLimitCheck(context), timingCheck(context));
  return checks;
}
