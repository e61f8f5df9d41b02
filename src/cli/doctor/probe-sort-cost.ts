import { isObject } from '../../base/is-object.js';
import { type Check, check } from './doctor-report.js';
import { describeFailure, type ProbeContext } from './probe-context.js';

/** A sorted page this many times as slow as an unsorted one is worth advice... */
export const SLOW_SORT_RATIO = 2;
/** ...when it also costs this much more: a few milliseconds of jitter on a fast provider are not a cost. */
export const SLOW_SORT_EXTRA_MS = 100;
/** Each page is timed this many times, and the fastest time counts: the first request warms caches. */
const ROUNDS = 2;
/** The largest collection shows an in-memory sort best; one ordinary page of it. */
const QUERY = { limit: 100, fields: 'sourcedId' } as const;

/**
 * The time of one page with and without `sort=sourcedId`. The client sorts every page for stable
 * paging; a provider that sorts in memory pays for it on each page (on some, sorted pulls triple the
 * load). Timed with the doctor's clock, alternating, fastest of each kept.
 */
export async function probeSortCost(context: ProbeContext): Promise<Check> {
  const title = 'Cost of sort';
  const times = { unsorted: Number.POSITIVE_INFINITY, sorted: Number.POSITIVE_INFINITY };
  let ownOrderAscending: boolean | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const unsorted = await context.session.get('enrollments', QUERY);
    const sorted = await context.session.get('enrollments', { ...QUERY, sort: 'sourcedId', orderBy: 'asc' });
    const failed = [unsorted, sorted].find((answer) => !answer.ok);
    if (failed !== undefined && !failed.ok) {
      return check(
        'sort-cost',
        title,
        'unknown',
        `enrollments could not be timed (${describeFailure(failed.status, failed.error)})`,
        { unsortedMs: null, sortedMs: null, ratio: null, slow: null, ownOrderAscending: null },
      );
    }
    times.unsorted = Math.min(times.unsorted, unsorted.ms);
    times.sorted = Math.min(times.sorted, sorted.ms);
    if (unsorted.ok) ownOrderAscending = ascendingBySourcedId(unsorted.body);
  }
  const unsortedMs = Math.round(times.unsorted);
  const sortedMs = Math.round(times.sorted);
  // A page faster than a millisecond is timed as one: a ratio over zero says nothing.
  const ratio = Math.round((times.sorted / Math.max(times.unsorted, 1)) * 10) / 10;
  const slow = ratio >= SLOW_SORT_RATIO && times.sorted - times.unsorted >= SLOW_SORT_EXTRA_MS;
  return check(
    'sort-cost',
    title,
    'info',
    `a page of ${QUERY.limit} enrollments takes ${sortedMs} ms with sort=sourcedId, ${unsortedMs} ms without (×${ratio})${ownOrderAscending ? '; unsorted, it already comes in sourcedId order' : ''}`,
    { unsortedMs, sortedMs, ratio, slow, ownOrderAscending },
  );
}

/**
 * Whether an unsorted page lists its enrollments by ascending sourcedId (null: too few to tell), the
 * sign that `stableSort: 'auto'` will read the provider unsorted, checking each id as it goes.
 */
function ascendingBySourcedId(body: unknown): boolean | null {
  const records = isObject(body) ? body['enrollments'] : undefined;
  if (!Array.isArray(records)) return null;
  const ids = records
    .map((record) => (isObject(record) ? record['sourcedId'] : undefined))
    .filter((id): id is string => typeof id === 'string');
  if (ids.length < 2 || ids.length < records.length) return null;
  return ids.every((id, index) => index === 0 || (ids[index - 1] ?? '') < id);
}
