import { type Check, check } from './doctor-report.js';
import { describeFailure, type ProbeContext } from './probe-context.js';
import { recordsOf } from './read-body.js';

/** Statuses providers answer a too-large `limit` with (413 Clever; 400 and 422 elsewhere). */
const REFUSED_LIMIT_STATUSES = new Set([400, 413, 422]);
/** A limit every provider serves (the spec default). */
const SAFE_LIMIT = 100;
/** Bisection steps when searching the largest accepted limit: enough for 1 to 100,000. */
const MAX_BISECTION_STEPS = 17;

/** The largest `limit` accepted between a known good and a known refused one, asked of a small collection. */
async function largestAcceptedLimit(context: ProbeContext, refused: number): Promise<number | undefined> {
  const safe = await context.session.get('orgs', { limit: SAFE_LIMIT, fields: 'sourcedId' });
  if (!safe.ok) return undefined;
  let good = SAFE_LIMIT;
  let bad = refused;
  for (let step = 0; step < MAX_BISECTION_STEPS && bad - good > 1; step++) {
    const middle = Math.floor((good + bad) / 2);
    const answer = await context.session.get('orgs', { limit: middle, fields: 'sourcedId' });
    if (answer.ok) good = middle;
    else bad = middle;
  }
  return good;
}

/**
 * Asks the largest collection for one very large page. A refused limit is bisected (on orgs, which is
 * cheap) to find the largest one served; a short page is followed by one more request, because a short
 * page is not proof of the end (digest "Paging"): records after it mean the provider clamped the page.
 */
export async function probePageSize(context: ProbeContext): Promise<Check[]> {
  const checks: Check[] = [];
  let collection = 'enrollments';
  let limit = context.probeLimit;
  let answer = await context.session.get(collection, { limit, fields: 'sourcedId' });
  if (!answer.ok && !REFUSED_LIMIT_STATUSES.has(answer.status ?? 0)) {
    collection = 'users';
    answer = await context.session.get(collection, { limit, fields: 'sourcedId' });
  }
  if (!answer.ok && REFUSED_LIMIT_STATUSES.has(answer.status ?? 0)) {
    const accepted = await largestAcceptedLimit(context, limit);
    checks.push(
      check(
        'limit-rejected',
        'Large limit',
        'deviation',
        accepted === undefined
          ? `limit=${limit} refused with HTTP ${answer.status}`
          : `limit above ${accepted} refused with HTTP ${answer.status}`,
        { refusedLimit: limit, status: answer.status ?? null, maxAccepted: accepted ?? null },
      ),
    );
    if (accepted === undefined) return checks;
    limit = accepted;
    answer = await context.session.get(collection, { limit, fields: 'sourcedId' });
  } else {
    checks.push(
      check('limit-rejected', 'Large limit', 'ok', `limit=${limit} accepted`, { refusedLimit: null }),
    );
  }
  if (!answer.ok) {
    checks.push(
      check(
        'page-size',
        'Page size',
        'failed',
        `${collection} could not be read (${describeFailure(answer.status, answer.error)})`,
      ),
    );
    return checks;
  }
  const served = recordsOf(answer.body, collection)?.length ?? 0;
  const timing = { collection, asked: limit, served, ms: Math.round(answer.ms) };
  if (served >= limit) {
    checks.push(
      check('page-size', 'Page size', 'ok', `served all ${served} records asked for`, {
        ...timing,
        cap: null,
      }),
    );
    return checks;
  }
  const after =
    served === 0
      ? undefined
      : await context.session.get(collection, { limit: 1, offset: served, fields: 'sourcedId' });
  const more = after?.ok === true && (recordsOf(after.body, collection)?.length ?? 0) > 0;
  checks.push(
    more
      ? check(
          'page-size',
          'Page size',
          'deviation',
          `at most ${served} records per page, whatever limit asks`,
          {
            ...timing,
            cap: served,
          },
        )
      : check(
          'page-size',
          'Page size',
          'unknown',
          `no clamp seen: ${collection} holds only ${served} records`,
          { ...timing, cap: null },
        ),
  );
  return checks;
}
