import { linkTargetQuery, readLinkEntries, readLinkTarget } from '../../paging/parse-link-header.js';
import { readTotalCount } from '../../paging/read-total-count.js';
import { type Check, check } from './doctor-report.js';
import { describeFailure, type ProbeContext } from './probe-context.js';
import { recordsOf } from './read-body.js';

const TITLE = 'Link header';
/** The query the probe sends, so a `next` link can be checked for keeping it. */
const PROBE_QUERY = { limit: 1, offset: 0, filter: "status='active'", fields: 'sourcedId,status' };

/**
 * What is wrong with a Link header: the shapes seen in the wild (digest "Paging"). The header is
 * split as paging splits it (`readLinkEntries`); only the punctuation is looked at in the raw text.
 */
function linkIssues(header: string, sentQuery: Record<string, unknown>): string[] {
  const issues: string[] = [];
  if (!header.includes('<')) issues.push('noAngleBrackets');
  if (/,\s*,|,\s*$/.test(header)) issues.push('trailingComma');
  const next = readLinkEntries(header).find((entry) => entry.relations.includes('next'))?.target;
  if (next === undefined) return [...issues, 'noNext'];
  if (!/^https?:\/\//i.test(next)) issues.push('relative');
  const query = linkTargetQuery(next);
  if (('filter' in sentQuery && !query.has('filter')) || ('fields' in sentQuery && !query.has('fields'))) {
    issues.push('nextDropsQuery');
  }
  if (readLinkTarget(next)?.offset !== 1) issues.push('wrongOffset');
  return issues;
}

/** Reads one record of a multi-page list and checks the `Link` header it came with. */
export async function probeLink(context: ProbeContext): Promise<Check> {
  let query: Record<string, string | number> = PROBE_QUERY;
  let answer = await context.session.get('users', query);
  if (!answer.ok) {
    // A provider that refuses the filter or fields still has links to check.
    query = { limit: 1, offset: 0 };
    answer = await context.session.get('users', query);
  }
  if (!answer.ok) {
    return check(
      'link',
      TITLE,
      'failed',
      `users could not be read (${describeFailure(answer.status, answer.error)})`,
    );
  }
  let more = (readTotalCount(answer.headers) ?? 0) > (recordsOf(answer.body, 'users')?.length ?? 0);
  if (!more) {
    const next = await context.session.get('users', { ...query, offset: 1 });
    more = next.ok && (recordsOf(next.body, 'users')?.length ?? 0) > 0;
  }
  const header = answer.headers.get('link');
  if (header === null || header.trim() === '') {
    return more
      ? check('link', TITLE, 'deviation', 'not sent: paging goes by offset, which needs no links', {
          present: false,
          issues: ['omit'],
        })
      : check('link', TITLE, 'unknown', 'not sent, and there was no second page to link to', {
          present: false,
          issues: [],
        });
  }
  const issues = linkIssues(header, query).filter((issue) => more || issue !== 'noNext');
  return check(
    'link',
    TITLE,
    issues.length === 0 ? 'ok' : 'deviation',
    issues.length === 0 ? 'well-formed, and next keeps the query' : `malformed: ${issues.join(', ')}`,
    { present: true, issues },
  );
}
