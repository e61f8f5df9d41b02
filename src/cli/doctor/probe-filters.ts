import type { Detail } from './doctor-report.js';
import { type Check, check } from './doctor-report.js';
import { describeFailure, isRefusal, type ProbeContext } from './probe-context.js';
import { recordsOf } from './read-body.js';

/** Far in the future: a delta filter that works returns nothing. */
const FUTURE = "dateLastModified>'2999-01-01T00:00:00Z'";
/** The collections a sync pulls by default, where a delta filter must work. */
const DELTA_COLLECTIONS = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments'];

/** What one filtered request showed. */
export type FilterOutcome = 'honoured' | 'ignored' | 'refused' | 'unknown';

interface Tried {
  readonly outcome: FilterOutcome;
  readonly why?: string;
}

/**
 * Sends one filtered request and judges its records: `honoured` returns true when they prove the
 * filter applied, false when they prove it ignored, undefined when they cannot tell.
 */
async function tryFilter(
  context: ProbeContext,
  collection: string,
  query: { limit: number; filter: string; fields: string },
  honoured: (records: Record<string, unknown>[]) => boolean | undefined,
): Promise<Tried> {
  const answer = await context.session.get(collection, query);
  if (!answer.ok) {
    const why = describeFailure(answer.status, answer.error);
    return isRefusal(answer.status) ? { outcome: 'refused', why } : { outcome: 'unknown', why };
  }
  const verdict = honoured(recordsOf(answer.body, collection) ?? []);
  return { outcome: verdict === undefined ? 'unknown' : verdict ? 'honoured' : 'ignored' };
}

/** The status and `honoured` of a set of outcomes: all, none or some of them honoured. */
function judge(outcomes: readonly FilterOutcome[]): { status: Check['status']; honoured: Detail } {
  const known = outcomes.filter((outcome) => outcome !== 'unknown');
  if (known.length === 0) return { status: 'unknown', honoured: null };
  if (known.every((outcome) => outcome === 'honoured')) return { status: 'ok', honoured: true };
  if (known.every((outcome) => outcome !== 'honoured')) return { status: 'unsupported', honoured: false };
  return { status: 'deviation', honoured: 'partly' };
}

function describe(outcomes: Record<string, Tried>, outcome: FilterOutcome): string | undefined {
  const names = Object.entries(outcomes).filter(([, tried]) => tried.outcome === outcome);
  if (names.length === 0) return undefined;
  const why = new Set(names.map(([, tried]) => tried.why).filter((text) => text !== undefined));
  return `${outcome} on ${names.map(([name]) => name).join(', ')}${why.size > 0 ? ` (${[...why].join(', ')})` : ''}`;
}

/**
 * `dateLastModified>'2999-...'` on each collection a sync pulls: a delta works only where the
 * provider honours it. A collection without records cannot tell (nothing to leave out).
 */
async function probeDeltaFilter(context: ProbeContext): Promise<Check> {
  const tried: Record<string, Tried> = {};
  for (const collection of DELTA_COLLECTIONS) {
    tried[collection] =
      context.samples[collection] === undefined
        ? { outcome: 'unknown', why: 'no records' }
        : await tryFilter(
            context,
            collection,
            { limit: 1, filter: FUTURE, fields: 'sourcedId' },
            (records) => records.length === 0,
          );
  }
  const collections = Object.fromEntries(Object.entries(tried).map(([name, { outcome }]) => [name, outcome]));
  const { status, honoured } = judge(Object.values(collections));
  const summary =
    status === 'ok'
      ? `dateLastModified>'...' honoured on all ${DELTA_COLLECTIONS.length} collections: deltas work`
      : status === 'unknown'
        ? 'cannot tell: no collection answered the delta filter with records to leave out'
        : (['honoured', 'ignored', 'refused'] as const)
            .flatMap((outcome) => describe(tried, outcome) ?? [])
            .join('; ');
  return check('delta-filter', 'Delta filter', status, summary, { honoured, collections });
}

/** One filter on a field both 1.1 and 1.2 have, and how to tell its answer honoured. */
interface FieldFilter {
  readonly collection: string;
  readonly label: string;
  readonly query: (context: ProbeContext) => { limit: number; filter: string; fields: string } | undefined;
  readonly honoured: (records: Record<string, unknown>[], context: ProbeContext) => boolean | undefined;
}

/** Every record has `field` = `value`; none returned cannot tell. */
const allEqual =
  (field: string, value: string) =>
  (records: Record<string, unknown>[]): boolean | undefined =>
    records.length === 0 ? undefined : records.every((record) => record[field] === value);

/**
 * Filters on fields of both versions (1.2 users have no `role`, and a strict 1.2 server refuses a
 * filter on it), each with an answer that shows whether it applied.
 */
const FIELD_FILTERS: readonly FieldFilter[] = [
  {
    collection: 'orgs',
    label: "type='school'",
    query: () => ({ limit: 20, filter: "type='school'", fields: 'sourcedId,type' }),
    honoured: allEqual('type', 'school'),
  },
  {
    collection: 'enrollments',
    label: "role='student'",
    query: () => ({ limit: 20, filter: "role='student'", fields: 'sourcedId,role' }),
    honoured: allEqual('role', 'student'),
  },
  {
    collection: 'users',
    label: "sourcedId='...'",
    query: (context) =>
      context.ids.userId === undefined
        ? undefined
        : { limit: 5, filter: `sourcedId='${context.ids.userId}'`, fields: 'sourcedId' },
    honoured: (records, context) => allEqual('sourcedId', context.ids.userId ?? '')(records),
  },
];

/** Filters on other fields, as `pull --filter` and a caller's `list({ filter })` send them. */
async function probeFieldFilters(context: ProbeContext): Promise<Check> {
  const tried: Record<string, Tried> = {};
  for (const probe of FIELD_FILTERS) {
    const name = `${probe.collection} ${probe.label}`;
    const query = probe.query(context);
    tried[name] =
      query === undefined
        ? { outcome: 'unknown', why: 'no record to ask about' }
        : await tryFilter(context, probe.collection, query, (records) => probe.honoured(records, context));
  }
  const probes = Object.fromEntries(Object.entries(tried).map(([name, { outcome }]) => [name, outcome]));
  const { status, honoured } = judge(Object.values(probes));
  const summary =
    status === 'ok'
      ? `honoured (${Object.keys(tried).join(', ')})`
      : status === 'unknown'
        ? 'cannot tell: no filter came back with records to judge'
        : (['honoured', 'ignored', 'refused'] as const)
            .flatMap((outcome) => describe(tried, outcome) ?? [])
            .join('; ');
  return check('filter', 'Filter', status, summary, { honoured, probes });
}

/**
 * Filter support, judged from several requests: the delta filter on each collection a sync pulls
 * first (what deltas need), then filters on other fields. One refused filter says little: a 1.2
 * server refuses `role='teacher'` on users because 1.2 users have no `role`.
 */
export async function probeFilters(context: ProbeContext): Promise<Check[]> {
  return [await probeDeltaFilter(context), await probeFieldFilters(context)];
}
