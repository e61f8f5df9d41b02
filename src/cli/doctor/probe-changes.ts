import { type Check, check } from './doctor-report.js';
import type { ProbeContext } from './probe-context.js';
import { idsOf, recordsOf } from './read-body.js';

/**
 * Records read at the same offsets twice. Wide enough that records inserted after earlier probes'
 * own inserts (a roster that grows near its start) still move the window.
 */
const STABILITY_WINDOW = 20;

/** Collections where deletions show first. */
const TOMBSTONE_COLLECTIONS = ['enrollments', 'users', 'classes', 'orgs'];

/**
 * Looks for `tobedeleted` records. Seeing one proves the provider marks deletions; seeing none proves
 * nothing (nothing may have been deleted lately), so the doctor says it cannot tell.
 */
export async function probeTombstones(context: ProbeContext): Promise<Check> {
  const title = 'Deletions marked';
  let refused = 0;
  for (const collection of TOMBSTONE_COLLECTIONS) {
    const answer = await context.session.get(collection, {
      limit: 1,
      filter: "status='tobedeleted'",
      fields: 'sourcedId,status',
    });
    if (!answer.ok) {
      refused++;
      continue;
    }
    const records = recordsOf(answer.body, collection) ?? [];
    if (records.some((record) => record['status'] === 'tobedeleted')) {
      return check(
        'tombstones',
        title,
        'ok',
        `tobedeleted records seen (${collection}): deltas see deletions`,
        {
          seen: true,
          collection,
        },
      );
    }
  }
  return check(
    'tombstones',
    title,
    'unknown',
    refused === TOMBSTONE_COLLECTIONS.length
      ? "cannot tell: filter=status='tobedeleted' refused"
      : 'cannot tell: no tobedeleted records seen (none deleted lately, or the provider hides deletions)',
    { seen: false },
  );
}

/**
 * Reads the same records twice by offset: offset paging is safe only when the same offsets give the same
 * records. A provider whose roster changes under the pull (or whose order is not stable) fails this.
 */
export async function probeStability(context: ProbeContext): Promise<Check[]> {
  const title = 'Stable paging';
  const query = { sort: 'sourcedId', orderBy: 'asc', fields: 'sourcedId' };
  const first = await context.session.get('users', { ...query, limit: STABILITY_WINDOW, offset: 0 });
  const middle = await context.session.get('users', { ...query, limit: STABILITY_WINDOW - 1, offset: 1 });
  const again = await context.session.get('users', { ...query, limit: STABILITY_WINDOW, offset: 0 });
  const revisions = [first, middle, again].flatMap((answer) =>
    answer.ok ? [answer.headers.get('x-perm-rev')] : [],
  );
  const present = revisions.some((revision) => revision !== null);
  const permRev = present
    ? check(
        'perm-rev',
        'x-perm-rev',
        'ok',
        `sent (ClassLink): a roster change during a pull is detected exactly`,
        {
          present: true,
          changed: new Set(revisions).size > 1,
        },
      )
    : check('perm-rev', 'x-perm-rev', 'info', 'not sent (a ClassLink extension)', {
        present: false,
        changed: false,
      });
  if (!first.ok || !middle.ok || !again.ok) {
    return [check('stability', title, 'failed', 'users could not be read', { stable: null }), permRev];
  }
  const a = idsOf(first.body, 'users');
  const b = idsOf(middle.body, 'users');
  const c = idsOf(again.body, 'users');
  if (a.length < 3)
    return [check('stability', title, 'unknown', 'too few users to tell', { stable: null }), permRev];
  const stable = b.join() === a.slice(1).join() && c.join() === a.join();
  return [
    stable
      ? check('stability', title, 'ok', 'the same records at the same offsets across requests', {
          stable: true,
        })
      : check(
          'stability',
          title,
          'deviation',
          'records moved between requests (the roster changed, or the order is not stable)',
          { stable: false },
        ),
    permRev,
  ];
}

/** Rate-limit headers and 429s seen during the probe. */
export function rateLimitCheck(context: ProbeContext): Check {
  const headers = [...context.session.headerNames]
    .filter((name) => /ratelimit|^retry-after$/.test(name))
    .sort();
  const throttled = context.session.throttled();
  const summary =
    throttled > 0
      ? `throttled ${throttled} time(s) during the probe${headers.length > 0 ? `; headers: ${headers.join(', ')}` : ''}`
      : headers.length > 0
        ? `headers: ${headers.join(', ')}`
        : 'no rate-limit headers, no 429 during the probe';
  return check('rate-limit', 'Rate limits', 'info', summary, { headers, throttled });
}

/** Time per request over the probe. */
export function timingCheck(context: ProbeContext): Check {
  const durations = [...context.session.durations].sort((a, b) => a - b);
  if (durations.length === 0) return check('timing', 'Time per page', 'unknown', 'no request succeeded', {});
  const at = (share: number): number =>
    Math.round(durations[Math.min(durations.length - 1, Math.floor(durations.length * share))] ?? 0);
  return check(
    'timing',
    'Time per page',
    'info',
    `median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms over ${durations.length} requests`,
    {
      medianMs: at(0.5),
      p90Ms: at(0.9),
      maxMs: Math.round(durations[durations.length - 1] ?? 0),
      requests: durations.length,
    },
  );
}
