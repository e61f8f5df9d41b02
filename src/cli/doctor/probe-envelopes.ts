import { isObject } from '../../base/is-object.js';
import { COLLECTIONS } from '../../resources/collections.js';
import { type Check, check } from './doctor-report.js';
import { type DiscoveredIds, describeFailure, type ProbeContext } from './probe-context.js';

/** The key of a single read's envelope: the first property holding an object, or null. */
function envelopeKey(body: unknown): string | null {
  return isObject(body) ? (Object.keys(body).find((name) => isObject(body[name])) ?? null) : null;
}

/** `GET /orgs/{id}` of a school: `{"org": {...}}` per the spec, `{"school": {...}}` on some providers. */
export async function probeSchoolEnvelope(context: ProbeContext): Promise<Check> {
  const title = 'School read envelope';
  const id = context.ids.schoolId;
  if (id === undefined) return check('school-envelope', title, 'unknown', 'no school to read', { key: null });
  const answer = await context.session.get(['orgs', id]);
  if (!answer.ok) {
    return check(
      'school-envelope',
      title,
      'failed',
      `GET /orgs/{id} failed (${describeFailure(answer.status, answer.error)})`,
      { key: null },
    );
  }
  const key = envelopeKey(answer.body);
  return key === 'org'
    ? check('school-envelope', title, 'ok', 'GET /orgs/{id} answers {"org": {...}}', { key })
    : check(
        'school-envelope',
        title,
        'deviation',
        `GET /orgs/{id} of a school answers ${key === null ? 'without an envelope' : `{"${key}": {...}}`}: read`,
        { key },
      );
}

/** The collections read one record each, with the id found for each. */
const SINGLE_READS = [
  ['orgs', 'orgId'],
  ['academicSessions', 'sessionId'],
  ['courses', 'courseId'],
  ['classes', 'classId'],
  ['users', 'userId'],
  ['enrollments', 'enrollmentId'],
  ['demographics', 'demographicsId'],
] as const satisfies readonly (readonly [keyof typeof COLLECTIONS, keyof DiscoveredIds])[];

/**
 * `GET /{collection}/{id}` of one record of each collection: the spec's envelope key
 * (`{"user": {...}}`, `{"demographics": {...}}`), or another one (Ed-Fi answers demographics with
 * the singular `{"demographic": {...}}`).
 */
export async function probeSingleEnvelopes(context: ProbeContext): Promise<Check> {
  const title = 'Single-read envelopes';
  const keys: Record<string, string | null> = {};
  const failed: Record<string, string> = {};
  const unexpected: [string, string | null][] = [];
  for (const [collection, idKey] of SINGLE_READS) {
    const id = context.ids[idKey];
    if (id === undefined) continue;
    const { path, keys: expected } = COLLECTIONS[collection];
    const answer = await context.session.get([path, id]);
    if (!answer.ok) {
      failed[collection] = describeFailure(answer.status, answer.error);
      continue;
    }
    const key = envelopeKey(answer.body);
    keys[collection] = key;
    if (key !== expected.single) unexpected.push([collection, key]);
  }
  const detected = { keys, unexpected: unexpected.map(([collection]) => collection), failed };
  const failures = Object.entries(failed).map(([collection, why]) => `${collection}: ${why}`);
  if (unexpected.length > 0) {
    const shown = unexpected.map(
      ([collection, key]) =>
        `GET /${collection}/{id} answers ${key === null ? 'without an envelope' : `{"${key}": {...}}`}`,
    );
    return check('single-envelope', title, 'deviation', [...shown, ...failures].join('; '), detected);
  }
  const read = Object.keys(keys).length;
  if (read === 0) {
    return check(
      'single-envelope',
      title,
      failures.length > 0 ? 'failed' : 'unknown',
      failures.length > 0 ? failures.join('; ') : 'no record to read',
      detected,
    );
  }
  return check(
    'single-envelope',
    title,
    'ok',
    [`the spec's envelope on all ${read} collections read`, ...failures].join('; '),
    detected,
  );
}
