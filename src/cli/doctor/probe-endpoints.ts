import { COLLECTIONS, type CollectionName, NESTED_COLLECTIONS } from '../../resources/collections.js';
import { type Check, check } from './doctor-report.js';
import { type DiscoveredIds, describeFailure, type ProbeContext } from './probe-context.js';
import { isObject, recordsOf, refId } from './read-body.js';

/**
 * The first request: proves the credentials work. Its failure (refused credentials, no answer) is
 * thrown, so the command ends with the exit code a script can act on.
 */
export async function probeAuth(context: ProbeContext, authKind: string): Promise<Check> {
  const answer = await context.session.get('orgs', { limit: 1 });
  if (!answer.ok) throw answer.error;
  return check(
    'auth',
    'Authentication',
    'ok',
    `${authKind} accepted; first answer in ${Math.round(answer.ms)} ms`,
    {
      method: authKind,
    },
  );
}

/** Notes the ids later probes need from a collection's first record. */
function discover(
  ids: DiscoveredIds,
  name: CollectionName,
  record: Record<string, unknown> | undefined,
): void {
  const id = typeof record?.['sourcedId'] === 'string' ? record['sourcedId'] : undefined;
  if (record === undefined || id === undefined) return;
  if (name === 'schools') ids.schoolId ??= id;
  if (name === 'terms') ids.termId ??= id;
  if (name === 'courses') ids.courseId ??= id;
  if (name === 'users') ids.userId ??= id;
  if (name === 'students') ids.studentId ??= id;
  if (name === 'teachers') ids.teacherId ??= id;
  if (name === 'classes') {
    ids.classId ??= id;
    ids.classSchoolId ??= refId(record['school']);
    ids.courseId = refId(record['course']) ?? ids.courseId;
    ids.termId = refId(record['terms']) ?? ids.termId;
  }
}

/** Every top-level collection, one record each; also checks the list envelope. */
export async function probeEndpoints(context: ProbeContext): Promise<Check[]> {
  const failed: Record<string, string> = {};
  let bareArray = false;
  let envelopes = 0;
  for (const [name, definition] of Object.entries(COLLECTIONS) as [
    CollectionName,
    (typeof COLLECTIONS)[CollectionName],
  ][]) {
    const answer = await context.session.get(definition.path, { limit: 1 });
    if (!answer.ok) {
      failed[name] = describeFailure(answer.status, answer.error);
      continue;
    }
    if (Array.isArray(answer.body)) bareArray = true;
    else if (isObject(answer.body) && Array.isArray(answer.body[definition.keys.list])) envelopes++;
    discover(context.ids, name, recordsOf(answer.body, definition.keys.list)?.[0]);
  }
  const total = Object.keys(COLLECTIONS).length;
  const failures = Object.entries(failed);
  const endpoints = check(
    'endpoints',
    'Top-level collections',
    failures.length === 0 ? 'ok' : 'unsupported',
    failures.length === 0
      ? `all ${total} answer`
      : `${total - failures.length} of ${total} answer; ${failures.map(([name, why]) => `${name}: ${why}`).join(', ')}`,
    { failed },
  );
  const envelope = bareArray
    ? check('envelope', 'List envelope', 'deviation', 'lists are bare JSON arrays, not {"users": [...]}', {
        bareArray: true,
      })
    : check(
        'envelope',
        'List envelope',
        envelopes > 0 ? 'ok' : 'unknown',
        envelopes > 0 ? 'lists come in their envelope ({"users": [...]})' : 'no list answered',
        { bareArray: false },
      );
  return [endpoints, envelope];
}

/** The id a nested path's placeholder stands for. */
function parentId(ids: DiscoveredIds, parent: CollectionName, index: 0 | 1): string | undefined {
  if (index === 1) return ids.classId;
  switch (parent) {
    case 'schools':
      return ids.classSchoolId ?? ids.schoolId;
    case 'classes':
      return ids.classId;
    case 'courses':
      return ids.courseId;
    case 'terms':
      return ids.termId;
    case 'users':
      return ids.userId;
    case 'students':
      return ids.studentId;
    case 'teachers':
      return ids.teacherId;
    default:
      return undefined;
  }
}

/** Every nested collection of 1.1, with ids of real records. */
export async function probeNested(context: ProbeContext): Promise<Check> {
  const answered: string[] = [];
  const failed: Record<string, string> = {};
  const skipped: string[] = [];
  for (const nested of NESTED_COLLECTIONS) {
    const pattern = `/${nested.segments.map((segment) => (typeof segment === 'string' ? segment : '{id}')).join('/')}`;
    const segments = nested.segments.map((segment) =>
      typeof segment === 'string' ? segment : parentId(context.ids, nested.parent, segment),
    );
    if (segments.some((segment) => segment === undefined)) {
      skipped.push(pattern);
      continue;
    }
    const answer = await context.session.get(segments as string[], { limit: 1 });
    if (answer.ok) answered.push(pattern);
    else failed[pattern] = describeFailure(answer.status, answer.error);
  }
  const failures = Object.entries(failed);
  const status = failures.length > 0 ? 'unsupported' : answered.length === 0 ? 'unknown' : 'ok';
  const parts = [`${answered.length} of ${NESTED_COLLECTIONS.length} answer`];
  if (failures.length > 0) parts.push(failures.map(([path, why]) => `${path}: ${why}`).join(', '));
  if (skipped.length > 0) parts.push(`${skipped.length} not tried (no record to ask about)`);
  return check('nested', 'Nested collections', status, parts.join('; '), { answered, failed, skipped });
}
