import { isObject } from '../../base/is-object.js';
import {
  COLLECTIONS,
  type CollectionDefinition,
  type CollectionName,
  NESTED_COLLECTIONS,
} from '../../resources/collections.js';
import { type Check, check } from './doctor-report.js';
import { type DiscoveredIds, describeFailure, type ProbeContext } from './probe-context.js';
import { recordsOf, refId } from './read-body.js';

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

/** The id a collection's first record is noted as, and that a nested path under it is asked with. */
const DISCOVERED_ID: Partial<Record<CollectionName, keyof DiscoveredIds>> = {
  orgs: 'orgId',
  schools: 'schoolId',
  academicSessions: 'sessionId',
  classes: 'classId',
  courses: 'courseId',
  terms: 'termId',
  users: 'userId',
  students: 'studentId',
  teachers: 'teacherId',
  enrollments: 'enrollmentId',
  demographics: 'demographicsId',
};

function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(COLLECTIONS, name);
}

/** Notes the ids later probes need from a collection's first record. */
function discover(
  ids: DiscoveredIds,
  name: CollectionName,
  record: Record<string, unknown> | undefined,
): void {
  const id = typeof record?.['sourcedId'] === 'string' ? record['sourcedId'] : undefined;
  if (record === undefined || id === undefined) return;
  const key = DISCOVERED_ID[name];
  if (key !== undefined) ids[key] ??= id;
  if (name === 'classes') {
    ids.classSchoolId ??= refId(record['school']);
    ids.courseId = refId(record['course']) ?? ids.courseId;
    ids.termId = refId(record['terms']) ?? ids.termId;
  }
}

/**
 * Every top-level collection, one record each (every field: the version probe reads the user's
 * shape from it); also checks the list envelope.
 */
export async function probeEndpoints(context: ProbeContext): Promise<Check[]> {
  const failed: Record<string, string> = {};
  let bareArray = false;
  let envelopes = 0;
  for (const name of Object.keys(COLLECTIONS)) {
    if (!isCollectionName(name)) continue;
    const definition: CollectionDefinition = COLLECTIONS[name];
    const answer = await context.session.get(definition.path, { limit: 1 });
    if (!answer.ok) {
      failed[name] = describeFailure(answer.status, answer.error);
      continue;
    }
    if (Array.isArray(answer.body)) bareArray = true;
    else if (isObject(answer.body) && Array.isArray(answer.body[definition.keys.list])) envelopes++;
    const first = recordsOf(answer.body, definition.keys.list)?.[0];
    if (first !== undefined) context.samples[name] = first;
    discover(context.ids, name, first);
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
  // The class's own school, so that `/schools/{sid}/classes/{cid}/...` names a class of that school.
  if (parent === 'schools') return ids.classSchoolId ?? ids.schoolId;
  const key = DISCOVERED_ID[parent];
  return key === undefined ? undefined : ids[key];
}

/** Every nested collection of 1.1, with ids of real records. */
export async function probeNested(context: ProbeContext): Promise<Check> {
  const answered: string[] = [];
  const failed: Record<string, string> = {};
  const skipped: string[] = [];
  for (const nested of NESTED_COLLECTIONS) {
    const pattern = `/${nested.segments.map((segment) => (typeof segment === 'string' ? segment : '{id}')).join('/')}`;
    const segments = nested.segments.flatMap((segment) => {
      const value = typeof segment === 'string' ? segment : parentId(context.ids, nested.parent, segment);
      return value === undefined ? [] : [value];
    });
    if (segments.length < nested.segments.length) {
      skipped.push(pattern);
      continue;
    }
    const answer = await context.session.get(segments, { limit: 1 });
    if (answer.ok) answered.push(pattern);
    else failed[pattern] = describeFailure(answer.status, answer.error);
  }
  const failures = Object.entries(failed);
  const status = failures.length > 0 ? 'unsupported' : answered.length === 0 ? 'unknown' : 'ok';
  const parts = [`${answered.length} of ${NESTED_COLLECTIONS.length} answer`];
  const reasons = new Set(failures.map(([, why]) => why));
  // Ed-Fi answers 404 on every nested path: one reason is said once, not seventeen times.
  if (failures.length > 1 && reasons.size === 1) {
    parts.push(`${failures.length} fail with ${[...reasons].join('')}`);
  } else if (failures.length > 0) parts.push(failures.map(([path, why]) => `${path}: ${why}`).join(', '));
  if (skipped.length > 0) parts.push(`${skipped.length} not tried (no record to ask about)`);
  return check('nested', 'Nested collections', status, parts.join('; '), { answered, failed, skipped });
}
