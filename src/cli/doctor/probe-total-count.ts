import { classifyTotalCount, type TotalCountHeader } from '../../paging/read-total-count.js';
import { type Check, check } from './doctor-report.js';
import { describeFailure, type ProbeContext } from './probe-context.js';
import { recordsOf } from './read-body.js';

const TITLE = 'X-Total-Count';

type NumericCount = Extract<TotalCountHeader, { value: number }>;

function isNumeric(total: TotalCountHeader): total is NumericCount {
  return total.kind === 'count' || total.kind === 'negative';
}

/**
 * Asks for the same first page twice: the count must be there, a whole number, at least the records
 * sent, and the same both times (one provider sends a random number). The header is read as paging
 * reads it (`classifyTotalCount`), so what the doctor accepts is what a pull trusts.
 */
export async function probeTotalCount(context: ProbeContext): Promise<Check> {
  const first = await context.session.get('users', { limit: 2, offset: 0, fields: 'sourcedId' });
  const second = await context.session.get('users', { limit: 2, offset: 0, fields: 'sourcedId' });
  if (!first.ok || !second.ok) {
    const failed = first.ok ? second : first;
    const why = failed.ok ? 'no answer' : describeFailure(failed.status, failed.error);
    return check('total-count', TITLE, 'failed', `users could not be read (${why})`);
  }
  const a = classifyTotalCount(first.headers);
  const b = classifyTotalCount(second.headers);
  const received = recordsOf(first.body, 'users')?.length ?? 0;
  if (a.kind === 'absent' && b.kind === 'absent') {
    return check(
      'total-count',
      TITLE,
      'deviation',
      'not sent: pages are read one by one until an empty page',
      {
        kind: 'omit',
      },
    );
  }
  if (!isNumeric(a) || !isNumeric(b)) {
    return check('total-count', TITLE, 'deviation', 'not a number: ignored', { kind: 'invalid' });
  }
  const negative = [a, b].find((total) => total.kind === 'negative');
  if (negative !== undefined) {
    return check('total-count', TITLE, 'deviation', `negative (${negative.value}): ignored`, {
      kind: 'negative',
      value: negative.value,
    });
  }
  if (a.value !== b.value) {
    return check(
      'total-count',
      TITLE,
      'deviation',
      `changes between two identical requests (${a.value}, then ${b.value}): it cannot be trusted`,
      { kind: 'unstable', values: [a.value, b.value] },
    );
  }
  if (a.value < received) {
    return check('total-count', TITLE, 'deviation', `${a.value}, fewer than the records of one page`, {
      kind: 'invalid',
      value: a.value,
    });
  }
  return check('total-count', TITLE, 'ok', `sent and consistent (${a.value} users)`, {
    kind: 'exact',
    value: a.value,
  });
}
