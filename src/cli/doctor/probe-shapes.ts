import { isObject } from '../../base/is-object.js';
import { type Check, check } from './doctor-report.js';
import { describeFailure, type ProbeContext } from './probe-context.js';
import { recordsOf } from './read-body.js';

/** A sourcedId no provider has. */
const MISSING_ID = 'oneroster-doctor-no-such-id';

/** How one boolean value is written. */
function booleanEncoding(value: unknown): string | undefined {
  if (typeof value === 'boolean') return 'boolean';
  if (value === 'true' || value === 'false') return 'string';
  if (value === 'TRUE' || value === 'FALSE') return 'upperCase';
  if (typeof value === 'string' || typeof value === 'number') return 'other';
  return undefined;
}

/** `enabledUser` and `primary`: the spec writes "true"/"false" strings. */
export async function probeBooleans(context: ProbeContext): Promise<Check> {
  const users = await context.session.get('users', { limit: 20, fields: 'sourcedId,enabledUser' });
  const enrollments = await context.session.get('enrollments', { limit: 20, fields: 'sourcedId,primary' });
  const values = [
    ...(users.ok ? (recordsOf(users.body, 'users') ?? []).map((record) => record['enabledUser']) : []),
    ...(enrollments.ok
      ? (recordsOf(enrollments.body, 'enrollments') ?? []).map((record) => record['primary'])
      : []),
  ];
  const encodings = [...new Set(values.map(booleanEncoding).filter((kind) => kind !== undefined))].sort();
  if (encodings.length === 0)
    return check('booleans', 'Booleans', 'unknown', 'no enabledUser or primary values seen', { encodings });
  if (encodings.length === 1 && encodings[0] === 'string') {
    return check('booleans', 'Booleans', 'ok', '"true"/"false" strings, as the spec says', { encodings });
  }
  const names: Record<string, string> = {
    boolean: 'JSON booleans',
    string: '"true"/"false"',
    upperCase: '"TRUE"/"FALSE"',
    other: 'other values',
  };
  return check(
    'booleans',
    'Booleans',
    'deviation',
    `${encodings.map((kind) => names[kind]).join(' and ')}: normalised`,
    {
      encodings,
    },
  );
}

/** `null` for absent optional fields, asked of collections without personal data. */
export async function probeNulls(context: ProbeContext): Promise<Check> {
  const nullFields = new Set<string>();
  let records = 0;
  for (const collection of ['orgs', 'courses', 'classes']) {
    const answer = await context.session.get(collection, { limit: 20 });
    for (const record of answer.ok ? (recordsOf(answer.body, collection) ?? []) : []) {
      records++;
      for (const [key, value] of Object.entries(record))
        if (value === null) nullFields.add(`${collection}.${key}`);
    }
  }
  const fields = [...nullFields].sort();
  if (fields.length > 0) {
    return check(
      'nulls',
      'Absent fields',
      'deviation',
      `sent as null (${fields.slice(0, 4).join(', ')}${fields.length > 4 ? ', ...' : ''}): read as absent`,
      {
        fields,
      },
    );
  }
  return check(
    'nulls',
    'Absent fields',
    records > 0 ? 'ok' : 'unknown',
    records > 0 ? 'left out, as the spec says' : 'no records seen',
    {
      fields,
    },
  );
}

/** The shape a user list shows: 1.2's `roles[]` without `role`, 1.1's `role`, or neither. */
function userShape(users: readonly Record<string, unknown>[]): 'v1p1' | 'v1p2' | null {
  if (users.some((user) => Array.isArray(user['roles']) && user['role'] === undefined)) return 'v1p2';
  return users.some((user) => typeof user['role'] === 'string') ? 'v1p1' : null;
}

/**
 * Users shaped like 1.1 (`role`, `orgs`) or like 1.2 (`roles[]`), asked with the fields of the
 * version found: a strict 1.2 server refuses `fields=role,orgs`. A provider that refuses even those
 * is asked for every field.
 */
export async function probeUserShape(context: ProbeContext): Promise<Check> {
  const fields = context.version === '1.2' ? 'sourcedId,roles' : 'sourcedId,role,orgs';
  let answer = await context.session.get('users', { limit: 5, fields });
  if (!answer.ok) answer = await context.session.get('users', { limit: 5 });
  const users = answer.ok ? (recordsOf(answer.body, 'users') ?? []) : [];
  if (users.length === 0)
    return check('user-shape', 'User shape', 'unknown', 'no users seen', { shape: null });
  const shape = userShape(users);
  if (shape === null) {
    return check('user-shape', 'User shape', 'unknown', 'neither role nor roles[] seen', { shape });
  }
  if (context.version === '1.2') {
    return shape === 'v1p2'
      ? check('user-shape', 'User shape', 'ok', 'roles[], as 1.2 says', { shape })
      : check(
          'user-shape',
          'User shape',
          'deviation',
          'shaped like 1.1 (role and orgs instead of roles[]) on a 1.2 service',
          { shape },
        );
  }
  return shape === 'v1p2'
    ? check(
        'user-shape',
        'User shape',
        'deviation',
        'shaped like 1.2 (roles[] instead of role and orgs): lenient validation derives role and orgs',
        { shape },
      )
    : check('user-shape', 'User shape', 'ok', 'role and orgs, as 1.1 says', { shape });
}

/** The shape of an error body (digest "Errors"), from the raw body of a 404. */
function errorShape(body: string | undefined): string {
  if (body === undefined || body.trim() === '') return 'empty';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'not-json';
  }
  if (!isObject(parsed)) return 'unknown';
  if (parsed['statusInfoSet'] !== undefined || parsed['imsx_statusInfoSet'] !== undefined)
    return 'statusInfoSet';
  if (isObject(parsed['imsx_CodeMinor'])) return 'imsx';
  if (typeof parsed['imsx_codeMinor'] === 'string' || typeof parsed['codeMinor'] === 'string') return 'flat';
  if (parsed['imsx_codeMajor'] !== undefined || parsed['imsx_description'] !== undefined)
    return 'noCodeMinor';
  return 'unknown';
}

/** Reads a sourcedId that does not exist: a 404 with the spec's imsx body. */
export async function probeErrorShape(context: ProbeContext): Promise<Check> {
  const title = 'Error shape';
  const answer = await context.session.get(['users', MISSING_ID]);
  if (answer.ok) {
    return check(
      'error-shape',
      title,
      'deviation',
      `an unknown sourcedId is answered with HTTP ${answer.status}`,
      {
        shape: null,
        status: answer.status,
      },
    );
  }
  if (answer.status === undefined) {
    return check('error-shape', title, 'failed', `no answer (${describeFailure(undefined, answer.error)})`, {
      shape: null,
    });
  }
  const shape = errorShape(answer.errorBody);
  const descriptions: Record<string, string> = {
    imsx: "the spec's imsx envelope",
    statusInfoSet: 'the imsx envelope wrapped in statusInfoSet: read',
    flat: 'a flat codeMinor string: read',
    noCodeMinor: 'no codeMinor: only the HTTP status tells what failed',
    'not-json': 'not JSON: only the HTTP status tells what failed',
    empty: 'an empty body: only the HTTP status tells what failed',
    unknown: 'an unrecognised body: only the HTTP status tells what failed',
  };
  const ok = shape === 'imsx' && answer.status === 404;
  return check(
    'error-shape',
    title,
    ok ? 'ok' : 'deviation',
    `HTTP ${answer.status} with ${descriptions[shape]}`,
    {
      shape,
      status: answer.status,
    },
  );
}
